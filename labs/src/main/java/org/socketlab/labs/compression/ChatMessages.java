package org.socketlab.labs.compression;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Chat-like JSON messages from a fixed seed (the same bytes every run), and random bytes of the same length. */
public final class ChatMessages {

    private static final String[] NAMES = {"ada", "grace", "linus", "barbara", "ken", "margaret"};
    private static final String[] WORDS = {"socket", "frame", "deflate", "window", "server", "client", "message",
        "hello", "the", "a", "is", "of", "and", "to", "in", "we"};

    private final SplittableRandom random;

    public ChatMessages(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One chat event as a room would broadcast it: 100–250 bytes of JSON. */
    public byte[] nextJson() {
        StringBuilder text = new StringBuilder();
        int words = 4 + random.nextInt(16);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return ("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"" + NAMES[random.nextInt(NAMES.length)]
                + "\",\"id\":" + random.nextInt(1_000_000) + ",\"text\":\"" + text + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes as long as a chat message: nothing for DEFLATE to find. */
    public byte[] nextRandom() {
        byte[] bytes = new byte[nextJson().length];
        random.nextBytes(bytes);
        return bytes;
    }
}
