package org.socketlab.bench.deflate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Chat-like JSON messages (what a chat room broadcasts: type, room, sender, id, time, a short
 * text), 100–250 bytes each, from a seeded generator so every run sends the same bytes; and
 * random bytes of the same sizes, the incompressible contrast. Not thread-safe: one per sender.
 */
final class ChatJson {

    private static final String[] NAMES = {"ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "radia"};
    private static final String[] ROOMS = {"lobby", "random", "help", "announcements"};
    private static final String[] WORDS = {"socket", "frame", "deflate", "window", "server", "client", "message",
        "latency", "buffer", "close", "ping", "room", "hello", "the", "a", "is", "of", "and", "to", "in", "we", "ship"};

    private final SplittableRandom random;

    ChatJson(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next chat message, UTF-8. */
    byte[] next() {
        StringBuilder text = new StringBuilder();
        int words = 4 + random.nextInt(18);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        String json = "{\"type\":\"message\",\"room\":\"" + ROOMS[random.nextInt(ROOMS.length)]
                + "\",\"from\":\"" + NAMES[random.nextInt(NAMES.length)] + "\",\"id\":" + random.nextInt(1_000_000_000)
                + ",\"ts\":" + (1_765_000_000_000L + random.nextLong(1L << 32)) + ",\"text\":\"" + text + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes as long as the next chat message would be (the incompressible case). */
    byte[] nextRandom() {
        byte[] bytes = new byte[next().length];
        random.nextBytes(bytes);
        return bytes;
    }
}
