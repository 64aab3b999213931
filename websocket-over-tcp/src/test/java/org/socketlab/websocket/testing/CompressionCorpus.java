package org.socketlab.websocket.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Test data in the spirit of the Autobahn|Testsuite's compression cases (12.x, 13.x): a long
 * corpus read as a ring, so that message n is the next {@code length} bytes after message n-1 —
 * messages differ, and a compressor with context takeover can refer back to earlier ones.
 * Generated from a fixed seed (printed in the names) so every run sends the same bytes.
 */
public enum CompressionCorpus {
    /** Chat-like JSON, ASCII only, sent as text (Autobahn: "Large JSON data file"). */
    JSON(true),
    /** HTML-like markup, ASCII only, sent as text (Autobahn: "Large HTML file"). */
    HTML(true),
    /** German prose with umlauts as UTF-8, sent as binary (Autobahn sends Faust as binary). */
    PROSE(false),
    /** Bitmap-like bytes: runs, gradients and noise (Autobahn: a 512×512 bitmap). */
    BITMAP(false),
    /** Pseudo-random bytes: incompressible (Autobahn: a PDF, mostly compressed streams). */
    RANDOM(false);

    public static final long SEED = 0x7692L;
    private static final int SIZE = 1 << 19;

    private final boolean text;
    private byte[] corpus;

    CompressionCorpus(boolean text) {
        this.text = text;
    }

    /** Whether messages from this corpus are sent as text frames (always valid UTF-8 then). */
    public boolean text() {
        return text;
    }

    /** A reader that hands out consecutive {@code length}-byte messages, wrapping around. */
    public Ring ring() {
        return new Ring(bytes());
    }

    public synchronized byte[] bytes() {
        if (corpus == null) {
            corpus = generate(this, new SplittableRandom(SEED + ordinal()));
        }
        return corpus;
    }

    /** Consecutive messages of the corpus. */
    public static final class Ring {
        private final byte[] data;
        private int position;

        Ring(byte[] data) {
            this.data = data;
        }

        public byte[] next(int length) {
            byte[] message = new byte[length];
            for (int filled = 0; filled < length; ) {
                int take = Math.min(length - filled, data.length - position);
                System.arraycopy(data, position, message, filled, take);
                filled += take;
                position = (position + take) % data.length;
            }
            return message;
        }
    }

    private static byte[] generate(CompressionCorpus kind, SplittableRandom random) {
        return switch (kind) {
            case JSON -> utf8(random, CompressionCorpus::chatJson);
            case HTML -> utf8(random, CompressionCorpus::htmlRow);
            case PROSE -> utf8(random, CompressionCorpus::proseLine);
            case BITMAP -> bitmap(random);
            case RANDOM -> {
                byte[] bytes = new byte[SIZE];
                random.nextBytes(bytes);
                yield bytes;
            }
        };
    }

    private static byte[] utf8(SplittableRandom random, java.util.function.Function<SplittableRandom, String> piece) {
        StringBuilder builder = new StringBuilder(SIZE + 512);
        while (builder.length() < SIZE) {
            builder.append(piece.apply(random));
        }
        return Arrays.copyOf(builder.toString().getBytes(StandardCharsets.UTF_8), SIZE);
    }

    private static final String[] NAMES = {"ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "radia"};
    private static final String[] WORDS = {"socket", "frame", "deflate", "window", "server", "client", "message",
        "latency", "buffer", "close", "ping", "room", "hello", "the", "a", "is", "of", "and", "to", "in"};

    /** One chat event as JSON, the kind of message a chat room broadcasts. */
    public static String chatJson(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int words = 3 + random.nextInt(12);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"" + NAMES[random.nextInt(NAMES.length)]
                + "\",\"id\":" + random.nextInt(1_000_000) + ",\"ts\":" + (1_765_000_000_000L + random.nextInt(1 << 30))
                + ",\"text\":\"" + text + "\"}\n";
    }

    private static String htmlRow(SplittableRandom random) {
        return "<tr class=\"row-" + random.nextInt(4) + "\"><td>" + NAMES[random.nextInt(NAMES.length)]
                + "</td><td><a href=\"/u/" + random.nextInt(10_000) + "\">" + WORDS[random.nextInt(WORDS.length)]
                + "</a></td></tr>\n";
    }

    private static final String[] FAUST_LINES = {"Habe nun, ach! Philosophie,", "Juristerei und Medizin,",
        "Und leider auch Theologie", "Durchaus studiert, mit heißem Bemühn.", "Da steh ich nun, ich armer Tor!",
        "Und bin so klug als wie zuvor;", "Heiße Magister, heiße Doktor gar", "Größe, Schönheit, Übermut"};

    private static String proseLine(SplittableRandom random) {
        return FAUST_LINES[random.nextInt(FAUST_LINES.length)] + (random.nextInt(3) == 0 ? "\n" : " ");
    }

    private static byte[] bitmap(SplittableRandom random) {
        byte[] bytes = new byte[SIZE];
        for (int i = 0; i < SIZE; ) {
            int run = 1 + random.nextInt(64);
            int mode = random.nextInt(3);
            int start = random.nextInt(256);
            for (int j = 0; j < run && i < SIZE; j++, i++) {
                bytes[i] = (byte) switch (mode) {
                    case 0 -> start;
                    case 1 -> start + j;
                    default -> random.nextInt(256);
                };
            }
        }
        return bytes;
    }
}
