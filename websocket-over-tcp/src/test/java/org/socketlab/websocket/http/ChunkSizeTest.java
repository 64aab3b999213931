package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9112 §7.1: chunk-size = 1*HEXDIG, then optional chunk extensions. */
class ChunkSizeTest {

    @ParameterizedTest(name = "\"{0}\" announces {1}")
    @CsvSource(delimiter = '|', value = {
            "0|0", "1a|26", "FF|255", "00000000000000f|15", "10;name=value|16", " 10 ; ext|16",
            "fffffffffffffff|1152921504606846975"})
    void validSizeLines(String line, long expected) {
        assertThat(ChunkSize.parse(line)).as("size of \"%s\"", line).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(delimiter = '|', value = {"zz", "''", ";ext", "-1", "0x10", "1 0", "1000000000000000", "\u0661"})
    void invalidSizeLines(String line) {
        assertThat(ChunkSize.parse(line)).as("size of \"%s\"", line).isEqualTo(-1);
    }
}
