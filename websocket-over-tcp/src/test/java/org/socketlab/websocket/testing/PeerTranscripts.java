package org.socketlab.websocket.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Checks the output of a peer client script (ws_client.js, websockets_client.py). */
public final class PeerTranscripts {

    private PeerTranscripts() {
    }

    /** The cases every client scenario must report as PASS. */
    public static List<String> expectedCases() {
        List<String> cases = new ArrayList<>();
        for (int size : Payloads.SIZES) {
            cases.add("PASS text-" + size);
            cases.add("PASS binary-" + size);
        }
        cases.addAll(List.of("PASS fragmented", "PASS ping-pong", "PASS client-close-4001", "PASS server-close-4002"));
        return cases;
    }

    public static void assertScenarioPassed(List<String> transcript) {
        String all = String.join("\n", transcript);
        assertThat(transcript).as("peer transcript:\n%s", all).contains("OPEN protocol=chat");
        assertThat(transcript).as("peer transcript:\n%s", all).noneMatch(line -> line.startsWith("FAIL"));
        assertThat(transcript).as("peer transcript:\n%s", all).containsAll(expectedCases());
        assertThat(transcript).as("peer transcript:\n%s", all).endsWith("DONE");
    }
}
