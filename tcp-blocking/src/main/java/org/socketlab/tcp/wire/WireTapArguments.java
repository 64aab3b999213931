package org.socketlab.tcp.wire;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The tap's options as a picocli mixin, shared by the hex-only {@link WireTap} main and the
 * dissecting {@code org.socketlab.websocket.inspect.WireTapMain}; {@link #toOptions()} checks
 * them with {@link WireTapOptions}' rules.
 */
public final class WireTapArguments {
    @Option(names = "--listen", required = true, paramLabel = "PORT", description = "port the tap listens on; 0 = any")
    int listenPort;
    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "where connections are relayed")
    String target;
    @Option(names = "--listen-host", paramLabel = "HOST", description = "interface to bind (default: ${DEFAULT-VALUE})")
    String listenHost = "127.0.0.1";
    @Option(names = "--pcap", paramLabel = "FILE", description = "also write a capture file (Wireshark, tshark)")
    Path pcap;
    @Option(names = "--dump-limit", paramLabel = "BYTES", description = "hex dump at most this much per chunk"
            + " (default: ${DEFAULT-VALUE})")
    int maxDumpBytes = 1024;

    /** @throws IllegalArgumentException naming the malformed option */
    public WireTapOptions toOptions() {
        List<String> args = new ArrayList<>(List.of("--listen", Integer.toString(listenPort), "--target", target,
                "--listen-host", listenHost, "--dump-limit", Integer.toString(maxDumpBytes)));
        if (pcap != null) {
            args.addAll(List.of("--pcap", pcap.toString()));
        }
        return WireTapOptions.parse(args.toArray(String[]::new));
    }
}
