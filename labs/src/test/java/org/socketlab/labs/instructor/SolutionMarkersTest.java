package org.socketlab.labs.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SolutionMarkersTest {

    private static final String FILE = "x/src/main/java/Mask.java";

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    private static final List<String> MASKING = lines("""
            class Mask {
                static int apply(int b, int key) {
                    // BEGIN SOLUTION lab=09 task="unmask the 'payload'"
                    int masked = b ^ key;
                    return masked;
                    // END SOLUTION
                }
            }
            """);

    @Nested
    class Finding {
        @Test
        void aWholeBodyRegionIsFoundWithItsLabTaskAndLines() throws MarkerException {
            List<SolutionRegion> regions = SolutionMarkers.find(FILE, MASKING);

            assertThat(regions).containsExactly(new SolutionRegion(FILE, 3, 6, "09", "unmask the 'payload'", "        "));
        }

        @Test
        void aRegionMayEndBeforeFinallyOrCatch() throws MarkerException {
            List<String> source = lines("""
                    void loop() {
                        try {
                            // BEGIN SOLUTION lab=01 task="accept loop"
                            while (true) { accept(); }
                            // END SOLUTION
                        } finally {
                            done();
                        }
                    }
                    """);

            assertThat(SolutionMarkers.find(FILE, source)).hasSize(1);
        }

        @Test
        void unclosedRegionIsRefusedWithItsLine() {
            List<String> source = lines("""
                    void f() {
                        // BEGIN SOLUTION lab=01 task="t"
                        g();
                    }
                    """);

            assertThatThrownBy(() -> SolutionMarkers.find(FILE, source))
                    .isInstanceOf(MarkerException.class).hasMessageContaining(FILE + ":2").hasMessageContaining("never closed");
        }

        @Test
        void nestedRegionIsRefused() {
            List<String> source = lines("""
                    void f() {
                        // BEGIN SOLUTION lab=01 task="outer"
                        // BEGIN SOLUTION lab=01 task="inner"
                        g();
                        // END SOLUTION
                        // END SOLUTION
                    }
                    """);

            assertThatThrownBy(() -> SolutionMarkers.find(FILE, source))
                    .hasMessageContaining(FILE + ":3").hasMessageContaining("cannot nest");
        }

        @Test
        void endWithoutBeginIsRefused() {
            assertThatThrownBy(() -> SolutionMarkers.find(FILE, lines("void f() {\n    // END SOLUTION\n}\n")))
                    .hasMessageContaining(":2").hasMessageContaining("without a BEGIN");
        }

        @Test
        void missingLabOrTaskIsRefused() {
            assertThatThrownBy(() -> SolutionMarkers.find(FILE, lines("""
                    void f() {
                        // BEGIN SOLUTION task="t"
                        g();
                        // END SOLUTION
                    }
                    """))).hasMessageContaining("lab=NN");
            assertThatThrownBy(() -> SolutionMarkers.find(FILE, lines("""
                    void f() {
                        // BEGIN SOLUTION lab=9 task="t"
                        g();
                        // END SOLUTION
                    }
                    """))).hasMessageContaining("two digits").hasMessageContaining("lab=9");
            assertThatThrownBy(() -> SolutionMarkers.find(FILE, lines("""
                    void f() {
                        // BEGIN SOLUTION lab=09
                        g();
                        // END SOLUTION
                    }
                    """))).hasMessageContaining("task=");
        }

        @Test
        void unknownAttributeAndGarbageAreRefused() {
            assertThatThrownBy(() -> SolutionMarkers.find(FILE, lines("""
                    void f() {
                        // BEGIN SOLUTION lab=09 task="t" points=3
                        g();
                        // END SOLUTION
                    }
                    """))).hasMessageContaining("unknown attribute points=");
            assertThatThrownBy(() -> SolutionMarkers.find(FILE, lines("""
                    void f() {
                        // BEGIN SOLUTION lab=09 task="t" oops
                        g();
                        // END SOLUTION
                    }
                    """))).hasMessageContaining("cannot read");
        }

        @Test
        void regionThatDoesNotEndItsBlockIsRefused() {
            List<String> source = lines("""
                    int f() {
                        // BEGIN SOLUTION lab=01 task="t"
                        int x = 1;
                        // END SOLUTION
                        return x;
                    }
                    """);

            assertThatThrownBy(() -> SolutionMarkers.find(FILE, source))
                    .hasMessageContaining(FILE + ":4").hasMessageContaining("must end its block").hasMessageContaining("return x;");
        }

        @Test
        void emptyRegionIsRefused() {
            assertThatThrownBy(() -> SolutionMarkers.find(FILE, lines("""
                    void f() {
                        // BEGIN SOLUTION lab=01 task="t"
                        // END SOLUTION
                    }
                    """))).hasMessageContaining("empty");
        }
    }

    @Nested
    class Replacing {
        @Test
        void theRegionBecomesOneThrowNamingLabTaskAndGuide_markersStay() throws MarkerException {
            List<SolutionRegion> regions = SolutionMarkers.find(FILE, MASKING);

            List<String> starter = SolutionMarkers.replace(MASKING, regions, Map.of("09", "labs/guides/09-frames.md"));

            assertThat(starter).containsExactly(
                    "class Mask {",
                    "    static int apply(int b, int key) {",
                    "        // BEGIN SOLUTION lab=09 task=\"unmask the 'payload'\"",
                    "        throw new UnsupportedOperationException(\"Lab 09 — TODO: unmask the 'payload'"
                            + " (see labs/guides/09-frames.md)\");",
                    "        // END SOLUTION",
                    "    }",
                    "}");
        }

        @Test
        void replacingAStarterAgainChangesNothing() throws MarkerException {
            Map<String, String> guides = Map.of("09", "labs/guides/09-frames.md");
            List<String> once = SolutionMarkers.replace(MASKING, SolutionMarkers.find(FILE, MASKING), guides);

            List<String> twice = SolutionMarkers.replace(once, SolutionMarkers.find(FILE, once), guides);

            assertThat(twice).isEqualTo(once);
        }

        @Test
        void theStubPatternReadsBackLabAndTask() {
            var matcher = SolutionMarkers.STUB.matcher(
                    "throw new UnsupportedOperationException(\"Lab 03 — TODO: decode lines (see labs/guides/03-x.md)\");");

            assertThat(matcher.find()).isTrue();
            assertThat(matcher.group(1)).isEqualTo("03");
            assertThat(matcher.group(2)).isEqualTo("decode lines");
        }
    }
}
