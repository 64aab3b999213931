package org.socketlab.websocket.inspect;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socketlab.tcp.wire.Direction.CLIENT_TO_SERVER;
import static org.socketlab.tcp.wire.Direction.SERVER_TO_CLIENT;
import static org.socketlab.websocket.inspect.Feeding.dissect;
import static org.socketlab.websocket.inspect.Feeding.hex;
import static org.socketlab.websocket.inspect.Feeding.withoutProgress;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HttpWebSocketDissectorTest {

    /** RFC 6455 §1.2/§1.3: the handshake of the RFC's own example. */
    static final String RFC_REQUEST = """
            GET /chat HTTP/1.1\r
            Host: server.example.com\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Origin: http://example.com\r
            Sec-WebSocket-Protocol: chat, superchat\r
            Sec-WebSocket-Version: 13\r
            \r
            """;
    static final String RFC_RESPONSE = """
            HTTP/1.1 101 Switching Protocols\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
            Sec-WebSocket-Protocol: chat\r
            \r
            """;
    static final byte[] MASKED_HELLO = hex("81 85 37fa213d 7f9f4d5158");
    static final byte[] UNMASKED_HELLO = hex("81 05 48656c6c6f");

    private final HttpWebSocketDissector dissector = new HttpWebSocketDissector();

    private List<String> client(String text, int... cuts) {
        return dissect(dissector, CLIENT_TO_SERVER, text.getBytes(US_ASCII), cuts);
    }

    private List<String> server(String text, int... cuts) {
        return dissect(dissector, SERVER_TO_CLIENT, text.getBytes(US_ASCII), cuts);
    }

    @Nested
    class Rfc6455Section4_OpeningHandshake {

        @Test
        void requestLineHeadersAndKeyAreShown() {
            assertThat(client(RFC_REQUEST)).containsSubsequence(
                    "HTTP request: GET /chat HTTP/1.1",
                    "  Host: server.example.com",
                    "  Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                    "WebSocket upgrade requested: key dGhlIHNhbXBsZSBub25jZQ==, version 13, subprotocols offered: chat, superchat");
        }

        @Test
        void acceptKeyIsChecked_thenBothDirectionsCarryFrames() {
            client(RFC_REQUEST);
            assertThat(server(RFC_RESPONSE)).containsSubsequence(
                    "HTTP response: HTTP/1.1 101 Switching Protocols",
                    "WebSocket upgrade accepted: Sec-WebSocket-Accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo= "
                            + "= base64(SHA-1(key + \"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\")) ✓ correct",
                    "subprotocol chosen: chat",
                    "from here on: WebSocket frames in both directions (RFC 6455 §5)");
            assertThat(dissect(dissector, CLIENT_TO_SERVER, MASKED_HELLO)).contains("  text \"Hello\"");
            assertThat(dissect(dissector, SERVER_TO_CLIENT, UNMASKED_HELLO)).containsExactly(
                    "frame @" + RFC_RESPONSE.length() + ": FIN=1 opcode=0x1 TEXT MASK=0 length=5 (7-bit form), header 2 bytes",
                    "  text \"Hello\"");
        }

        @Test
        void wrongAcceptKey_isReported() {
            client(RFC_REQUEST);
            assertThat(server(RFC_RESPONSE.replace("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")))
                    .contains("! Sec-WebSocket-Accept AAAAAAAAAAAAAAAAAAAAAAAAAAA= is wrong; base64(SHA-1(key + GUID)) is "
                            + "s3pPLMBiTxaQ9kYGzzhZRbK+xOo= (RFC 6455 §4.2.2 item 5.4): the client fails the connection");
        }

        @Test
        void badKeyAndVersion_areReported() {
            assertThat(client(RFC_REQUEST.replace("dGhlIHNhbXBsZSBub25jZQ==", "short").replace("Version: 13", "Version: 8")))
                    .anyMatch(line -> line.startsWith("! Sec-WebSocket-Key must be base64 of 16 random bytes"))
                    .anyMatch(line -> line.startsWith("! Sec-WebSocket-Version must be 13"));
        }

        @Test
        void headSplitAtEveryByte_givesTheSameLines() {
            List<String> whole = new HttpWebSocketDissector().dissect(CLIENT_TO_SERVER,
                    java.nio.ByteBuffer.wrap(RFC_REQUEST.getBytes(US_ASCII)));
            for (int cut = 1; cut < RFC_REQUEST.length(); cut++) {
                List<String> split = dissect(new HttpWebSocketDissector(), CLIENT_TO_SERVER, RFC_REQUEST.getBytes(US_ASCII), cut);
                assertThat(withoutProgress(split)).as("split at byte %d", cut).isEqualTo(whole);
            }
        }

        @Test
        void framesSentBeforeThe101_areHeldAndDissectedOnceTheServerAgrees() {
            byte[] requestAndFrame = (RFC_REQUEST + "\u0081\u0085").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(dissect(dissector, CLIENT_TO_SERVER, requestAndFrame))
                    .contains("held: 2 bytes sent before the server answered the upgrade (2 held)");
            assertThat(dissect(dissector, CLIENT_TO_SERVER, hex("37fa213d 7f9f4d5158"))).hasSize(1);
            assertThat(server(RFC_RESPONSE)).containsSubsequence(
                    "from here on: WebSocket frames in both directions (RFC 6455 §5)",
                    "C->S: the 11 held bytes:",
                    "frame @" + RFC_REQUEST.length() + ": FIN=1 opcode=0x1 TEXT MASK=1 key=37fa213d length=5 (7-bit form), header 6 bytes",
                    "  text \"Hello\"");
        }

        @Test
        void refusedUpgrade_keepsTheConnectionHttp() {
            client(RFC_REQUEST + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(server("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nforbidden")).containsSubsequence(
                    "WebSocket upgrade refused with 403; the connection stays HTTP",
                    "HTTP request: GET /next HTTP/1.1",
                    "body: 9 bytes \"forbidden\"");
        }
    }

    @Nested
    class Http11Bodies {

        @Test
        void contentLengthBodyAcrossChunks() {
            client("POST /send HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello");
            assertThat(client(" world")).containsExactly("body: 11 bytes \"hello world\"");
        }

        @Test
        void chunkedBodyWithTrailer() {
            client("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6;note=x\r\n world\r\n0\r\nExpires: never\r\n\r\n";
            assertThat(server(response, 60, 70)).containsSubsequence(
                    "body: chunked (Transfer-Encoding)",
                    "chunk 1: size 0x5 = 5 bytes",
                    "chunk 2: size 0x6 = 6 bytes, extension ;note=x",
                    "last chunk (size 0): 2 chunk(s), 11 bytes of data",
                    "trailer Expires: never",
                    "body: 11 bytes \"hello world\"");
        }

        @Test
        void serverSentEventsInAChunkedStream() {
            client("GET /events HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream\r\n\r\n");
            server("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            String events = ": keep-alive\n\nevent: tick\nid: 7\ndata: one\ndata: two\n\nretry: 3000\n";
            String chunked = Integer.toHexString(events.length()) + "\r\n" + events + "\r\n";
            assertThat(server(chunked, 20)).containsSubsequence(
                    "SSE comment \"keep-alive\"",
                    "SSE event \"tick\" id \"7\" data \"one\\ntwo\"",
                    "SSE retry: reconnect after 3000 ms");
        }

        @Test
        void serverSentEvents_areReadAsABrowserReadsThem_bomDroppedAndBareCrEndingLines() {
            client("GET /events HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream\r\n\r\n");
            server("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
            byte[] events = "\uFEFFdata: a\r\rdata: b\rid: 9\r\r".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<String> lines = dissect(dissector, SERVER_TO_CLIENT, events, 2, 9);
            assertThat(lines).containsSubsequence(
                    "SSE event \"message\" data \"a\"",
                    "SSE event \"message\" id \"9\" data \"b\"");
            assertThat(lines).as("the BOM is not part of the first field name").noneMatch(line -> line.startsWith("SSE unknown field"));
        }

        @Test
        void serverSentEvents_anOverlongLineIsCutAndReported_andTheStreamGoesOn() {
            client("GET /events HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream\r\n\r\n");
            server("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
            assertThat(server(": " + "x".repeat(70 * 1024) + "\n\ndata: after\n\n")).containsSubsequence(
                    "! SSE: an event-stream line is longer than 65536 bytes (the parser's line limit); the rest of the line is dropped",
                    "SSE event \"message\" data \"after\"");
        }

        @Test
        void responseToHead_hasNoBody_soTheNextResponseIsFound() {
            client("HEAD / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
                    .containsSubsequence("HTTP response: HTTP/1.1 200 OK", "HTTP response: HTTP/1.1 200 OK", "body: 2 bytes \"ok\"");
        }

        @Test
        void bodyUntilClose_endsWithTheStream() {
            client("GET / HTTP/1.0\r\n\r\n");
            server("HTTP/1.0 200 OK\r\n\r\nsome bytes");
            assertThat(dissector.endOfStream(SERVER_TO_CLIENT)).containsExactly("body: 10 bytes \"some bytes\"");
        }
    }

    @Nested
    class BadInput {

        @Test
        void garbageBeforeARequest_isSkipped_thenTheDissectorResynchronises() {
            assertThat(client("\u0016\u0003\u0001 not http at all\r\nmore junk\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"))
                    .containsSubsequence(
                            "! not an HTTP request or status line: \"\\u0016\\u0003\\u0001 not http at all\"; "
                                    + "skipping to the next line that looks like one",
                            "resynchronised at an HTTP start line after skipping 31 bytes",
                            "HTTP request: GET / HTTP/1.1");
        }

        @Test
        void bareLfAndBrokenHeaderLines_areReported() {
            assertThat(client("GET / HTTP/1.1\nHost: a\r\nno colon here\r\n folded\r\n\r\n")).contains(
                    "HTTP request: GET / HTTP/1.1   (! bare LF line end; RFC 9112 §2.2 requires CRLF)",
                    "! header line without a field name and colon (RFC 9112 §5): \"no colon here\"",
                    "! obsolete line folding (RFC 9112 §5.2): \" folded\"");
        }

        @Test
        void controlCharactersInAHeaderLine_areEscaped_soEachAnnotationStaysOneLine() {
            assertThat(client("GET / HTTP/1.1\r\nHost: a\r\nX-Evil: 3\r.\u001b[2J\r\n\r\n"))
                    .contains("  X-Evil: 3\\u000d.\\u001b[2J");
        }

        @Test
        void brokenChunkSize_fallsBackToRawBytes() {
            client("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc")).containsSubsequence(
                    "! chunk size \"zz\" is not hexadecimal (RFC 9112 §7.1); the chunk boundaries are lost",
                    "raw: 3 bytes after the broken chunked body");
        }

        @Test
        void streamEndingInsideAHead_isReported() {
            client("GET / HTTP/1.1\r\nHost: a");
            assertThat(dissector.endOfStream(CLIENT_TO_SERVER)).singleElement().asString()
                    .startsWith("! the stream ended inside an HTTP head");
        }
    }
}
