package org.socketlab.websocket.sockjs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of SockJS 0.3.3: how the server quotes strings into frames and reads the messages a
 * client sends. Pure (no I/O, no state); thread-safe.
 *
 * <p><b>Quoting.</b> Standard JSON escaping (quote, backslash, the C0 controls — {@code \n},
 * {@code \r}, {@code \t}, {@code \b}, {@code \f} by name, the rest as {@code \\u} and four hex digits) plus the
 * characters SockJS requires a server to escape because browsers and proxies mangle them on some
 * transports: U+200C–U+200F, U+2028–U+202F, U+2060–U+206F, U+FFF0–U+FFFF and every UTF-16
 * surrogate (a lone one cannot be written as UTF-8 at all). Hex digits are lower case, as
 * {@code JSON.stringify} writes them and the protocol test suite compares them.
 */
public final class SockJsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SockJsJson() {
    }

    /** {@code value} as a JSON string literal, quotes included, with the SockJS escapes. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        appendQuoted(out, value);
        return out.toString();
    }

    /** Appends {@code value} as a JSON string literal to {@code out}. */
    public static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (mustEscape(c)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The characters written as a backslash-u escape: JSON's controls and SockJS's list (see the class comment). */
    static boolean mustEscape(char c) {
        return c < 0x20
                || (c >= '\u200c' && c <= '\u200f')
                || (c >= '\u2028' && c <= '\u202f')
                || (c >= '\u2060' && c <= '\u206f')
                || c >= '\ufff0'
                || Character.isSurrogate(c);
    }

    /**
     * The messages of a client payload: a JSON array of strings ({@code ["a","b"]}, what every
     * HTTP transport sends) or, when {@code singleAllowed}, one JSON string (the WebSocket
     * transport may send either).
     *
     * @throws SockJsPayloadException "Payload expected." for an empty payload, "Broken JSON
     *                                encoding." for anything that is not such JSON
     */
    public static List<String> decodeMessages(String payload, boolean singleAllowed) throws SockJsPayloadException {
        if (payload.isEmpty()) {
            throw SockJsPayloadException.payloadExpected();
        }
        try (JsonParser parser = MAPPER.createParser(payload)) {
            JsonToken first = parser.nextToken();
            List<String> messages = new ArrayList<>();
            if (first == JsonToken.VALUE_STRING && singleAllowed) {
                messages.add(parser.getText());
            } else if (first == JsonToken.START_ARRAY) {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token != JsonToken.VALUE_STRING) {
                        throw SockJsPayloadException.brokenJson("array element " + messages.size() + " is "
                                + token + ", not a string");
                    }
                    messages.add(parser.getText());
                }
            } else {
                throw SockJsPayloadException.brokenJson("expected a JSON array of strings, got " + first);
            }
            if (parser.nextToken() != null) {
                throw SockJsPayloadException.brokenJson("content after the JSON value");
            }
            return messages;
        } catch (JsonProcessingException e) {
            throw SockJsPayloadException.brokenJson(e.getOriginalMessage());
        } catch (IOException e) {
            throw SockJsPayloadException.brokenJson(e.getMessage());
        }
    }
}
