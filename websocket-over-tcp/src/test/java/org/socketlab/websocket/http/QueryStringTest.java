package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryStringTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain|plain",
            "a+b|a b",
            "a%20b|a b",
            "%2B|+",
            "%e2%82%ac|€",
            "%F0%9F%98%80|😀",
            "100%|100%",
            "%zz|%zz",
            "%4|%4",
            "%ff|\uFFFD",
            "😀|😀"})
    void decodesPercentEscapesAsUtf8_andKeepsMalformedOnesLiterally(String encoded, String decoded) {
        assertThat(QueryString.decode(encoded)).isEqualTo(decoded);
    }
}
