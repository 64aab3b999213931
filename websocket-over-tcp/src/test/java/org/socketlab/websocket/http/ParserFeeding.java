package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Test helpers: feed raw text to a parser whole, or one byte per call. */
final class ParserFeeding {

    private ParserFeeding() {
    }

    static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static HttpRequest parseWhole(String raw) throws HttpException {
        return parseWhole(raw, HttpLimits.defaults());
    }

    static HttpRequest parseWhole(String raw, HttpLimits limits) throws HttpException {
        ByteBuffer in = ascii(raw);
        HttpRequest request = new HttpRequestParser(limits).parse(in);
        assertThat(request).as("a complete request is returned from one buffer").isNotNull();
        return request;
    }

    /** Feeds one byte per call; every call but the last must answer "need more" (null). */
    static HttpRequest parseByteByByte(byte[] raw, HttpLimits limits) throws HttpException {
        HttpRequestParser parser = new HttpRequestParser(limits);
        for (int i = 0; i < raw.length; i++) {
            ByteBuffer one = ByteBuffer.wrap(raw, i, 1);
            HttpRequest request = parser.parse(one);
            if (request != null) {
                assertThat(i).as("the request completes only at its last byte").isEqualTo(raw.length - 1);
                return request;
            }
            assertThat(one.hasRemaining()).as("a 'need more' answer consumed the byte").isFalse();
        }
        return null;
    }

    static HttpResponse parseResponseByteByByte(byte[] raw, HttpLimits limits) throws HttpException {
        HttpResponseParser parser = new HttpResponseParser(limits);
        for (int i = 0; i < raw.length; i++) {
            HttpResponse response = parser.parse(ByteBuffer.wrap(raw, i, 1));
            if (response != null) {
                return response;
            }
        }
        return null;
    }

    static HttpException rejected(String raw) {
        return rejected(raw, HttpLimits.defaults());
    }

    static HttpException rejected(String raw, HttpLimits limits) {
        HttpException whole = catchThrowableOfType(HttpException.class,
                () -> new HttpRequestParser(limits).parse(ascii(raw)));
        assertThat(whole).as("the parser rejects %s", raw).isNotNull();
        HttpException bytewise = catchThrowableOfType(HttpException.class,
                () -> parseByteByByte(raw.getBytes(StandardCharsets.ISO_8859_1), limits));
        assertThat(bytewise).as("fed one byte at a time, the parser rejects it too").isNotNull();
        assertThat(bytewise.status()).as("same status byte by byte").isEqualTo(whole.status());
        assertThat(bytewise.getMessage()).isEqualTo(whole.getMessage());
        return whole;
    }
}
