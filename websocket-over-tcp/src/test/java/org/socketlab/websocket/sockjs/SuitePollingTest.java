package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * sockjs-protocol-0.3.3.py, classes XhrPolling, JsonPolling, JsessionidCookie and JSONEncoding,
 * one test per suite method.
 */
class SuitePollingTest extends SuiteCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The suite's escapable_by_client: what sockjs-client escapes before sending. */
    private static final Pattern ESCAPABLE_BY_CLIENT = Pattern.compile(
            "[\\\"\\x00-\\x1f\\x7f-\\x9f\\u00ad\\u0600-\\u0604\\u070f\\u17b4\\u17b5\\u2000-\\u20ff\\ufeff"
            + "\\ufff0-\\uffff\\x00-\\x1f\\ufffe\\uffff\\u0300-\\u0333\\u033d-\\u0346\\u034a-\\u034c"
            + "\\u0350-\\u0352\\u0357-\\u0358\\u035c-\\u0362\\u0374\\u037e\\u0387\\u0591-\\u05af\\u05c4"
            + "\\u0610-\\u0617\\u0653-\\u0654\\u0657-\\u065b\\u065d-\\u065e\\u06df-\\u06e2\\u06eb-\\u06ec"
            + "\\u0730\\u0732-\\u0733\\u0735-\\u0736\\u073a\\u073d\\u073f-\\u0741\\u0743\\u0745\\u0747"
            + "\\u07eb-\\u07f1\\u0951\\u0958-\\u095f\\u09dc-\\u09dd\\u09df\\u0a33\\u0a36\\u0a59-\\u0a5b\\u0a5e"
            + "\\u0b5c-\\u0b5d\\u0e38-\\u0e39\\u0f43\\u0f4d\\u0f52\\u0f57\\u0f5c\\u0f69\\u0f72-\\u0f76\\u0f78"
            + "\\u0f80-\\u0f83\\u0f93\\u0f9d\\u0fa2\\u0fa7\\u0fac\\u0fb9\\u1939-\\u193a\\u1a17\\u1b6b"
            + "\\u1cda-\\u1cdb\\u1dc0-\\u1dcf\\u1dfc\\u1dfe\\u1f71\\u1f73\\u1f75\\u1f77\\u1f79\\u1f7b\\u1f7d"
            + "\\u1fbb\\u1fbe\\u1fc9\\u1fcb\\u1fd3\\u1fdb\\u1fe3\\u1feb\\u1fee-\\u1fef\\u1ff9\\u1ffb\\u1ffd"
            + "\\u2000-\\u2001\\u20d0-\\u20d1\\u20d4-\\u20d7\\u20e7-\\u20e9\\u2126\\u212a-\\u212b"
            + "\\u2329-\\u232a\\u2adc\\u302b-\\u302c\\uaab2-\\uaab3\\uf900-\\ufa0d\\ufa10\\ufa12\\ufa15-\\ufa1e"
            + "\\ufa20\\ufa22\\ufa25-\\ufa26\\ufa2a-\\ufa2d\\ufa30-\\ufa6d\\ufa70-\\ufad9\\ufb1d\\ufb1f"
            + "\\ufb2a-\\ufb36\\ufb38-\\ufb3c\\ufb3e\\ufb40-\\ufb41\\ufb43-\\ufb44\\ufb46-\\ufb4e]");

    /** The suite's escapable_by_server: what the server must send as \\uXXXX. */
    private static final Pattern ESCAPABLE_BY_SERVER =
            Pattern.compile("[\\x00-\\x1f\\u200c-\\u200f\\u2028-\\u202f\\u2060-\\u206f\\ufff0-\\uffff]");

    /** The suite's {@code <name>_killer_string_esc}: every matching character from {@code from} as \\uXXXX, quoted. */
    private static String killerStringEscaped(Pattern escapable, int from) {
        StringBuilder escaped = new StringBuilder("\"");
        for (int i = from; i < 65536; i++) {
            if (escapable.matcher(String.valueOf((char) i)).matches()) {
                escaped.append(String.format("\\u%04x", i));
            }
        }
        return escaped.append('"').toString();
    }

    @Nested
    class XhrPolling {
        @Test
        void test_options() throws Exception {
            for (String suffix : List.of("/xhr", "/xhr_send")) {
                verifyOptions("/echo/abc/abc" + suffix, "OPTIONS, POST");
            }
        }

        @Test
        void test_transport() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("o\n");
                assertThat(contentType(r)).isEqualTo("application/javascript;charset=UTF-8");
                verifyCors(r, null);
                verifyNotCached(r);
            }
            try (RawHttp r = post(url + "/xhr_send", "[\"x\"]")) {
                assertThat(r.status).isEqualTo(204);
                assertThat(r.body()).isEmpty();
                // The suite compares the space-stripped header with "text/plain; charset=UTF-8", which
                // no header can equal (see docs/sockjs.md); this is the value it means.
                assertThat(contentType(r)).isEqualTo("text/plain;charset=UTF-8");
                verifyCors(r, null);
                verifyNotCached(r);
            }
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("a[\"x\"]\n");
            }
        }

        @Test
        void test_invalid_session() throws Exception {
            try (RawHttp r = post(session("echo") + "/xhr_send", "[\"x\"]")) {
                assertThat(r.status).isEqualTo(404);
            }
        }

        @Test
        void test_invalid_json() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("o\n");
            }
            try (RawHttp r = post(url + "/xhr_send", "[\"x")) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("Broken JSON encoding.");
            }
            try (RawHttp r = post(url + "/xhr_send", "")) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("Payload expected.");
            }
            try (RawHttp r = post(url + "/xhr_send", "[\"a\"]")) {
                assertThat(r.body()).isEmpty();
                assertThat(r.status).isEqualTo(204);
            }
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("a[\"a\"]\n");
                assertThat(r.status).isEqualTo(200);
            }
        }

        @Test
        void test_content_types() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("o\n");
            }
            List<String> types = List.of("text/plain", "T", "application/json", "application/xml", "",
                    "application/json; charset=utf-8", "text/xml; charset=utf-8", "text/xml");
            for (String type : types) {
                try (RawHttp r = post(url + "/xhr_send", "[\"a\"]", "Content-Type: " + type)) {
                    assertThat(r.status).as("Content-Type '%s'", type).isEqualTo(204);
                    assertThat(r.body()).isEmpty();
                }
            }
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("a[" + String.join(",", Collections.nCopies(types.size(), "\"a\"")) + "]\n");
            }
        }

        @Test
        void test_request_headers_cors() throws Exception {
            try (RawHttp r = post(session("echo") + "/xhr", "", "Access-Control-Request-Headers: a, b, c")) {
                assertThat(r.status).isEqualTo(200);
                verifyCors(r, null);
                assertThat(r.header("Access-Control-Allow-Headers")).isEqualTo("a, b, c");
            }
            try (RawHttp r = post(session("echo") + "/xhr", "", "Access-Control-Request-Headers: ")) {
                assertThat(r.status).isEqualTo(200);
                verifyCors(r, null);
                assertThat(r.header("Access-Control-Allow-Headers")).isNull();
            }
            try (RawHttp r = post(session("echo") + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                verifyCors(r, null);
                assertThat(r.header("Access-Control-Allow-Headers")).isNull();
            }
        }
    }

    @Nested
    class JsonPolling {
        private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

        @Test
        void test_transport() throws Exception {
            String url = session("echo");
            try (RawHttp r = get(url + "/jsonp?c=%63allback")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("application/javascript;charset=UTF-8");
                verifyNotCached(r);
                assertThat(r.body()).isEqualTo("callback(\"o\");\r\n");
            }
            try (RawHttp r = post(url + "/jsonp_send", "d=%5B%22x%22%5D", FORM)) {
                assertThat(r.body()).isEqualTo("ok");
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("text/plain;charset=UTF-8");
                verifyNotCached(r);
            }
            try (RawHttp r = get(url + "/jsonp?c=%63allback")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("callback(\"a[\\\"x\\\"]\");\r\n");
            }
        }

        @Test
        void test_no_callback() throws Exception {
            try (RawHttp r = get("/echo/a/a/jsonp")) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("\"callback\" parameter required");
            }
        }

        @Test
        void test_invalid_json() throws Exception {
            String url = session("echo");
            try (RawHttp r = get(url + "/jsonp?c=x")) {
                assertThat(r.body()).isEqualTo("x(\"o\");\r\n");
            }
            try (RawHttp r = post(url + "/jsonp_send", "d=%5B%22x", FORM)) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("Broken JSON encoding.");
            }
            for (String data : List.of("", "d=", "p=p")) {
                try (RawHttp r = post(url + "/jsonp_send", data, FORM)) {
                    assertThat(r.status).as("'%s'", data).isEqualTo(500);
                    assertThat(r.body()).contains("Payload expected.");
                }
            }
            try (RawHttp r = post(url + "/jsonp_send", "d=%5B%22b%22%5D", FORM)) {
                assertThat(r.body()).isEqualTo("ok");
            }
            try (RawHttp r = get(url + "/jsonp?c=x")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("x(\"a[\\\"b\\\"]\");\r\n");
            }
        }

        @Test
        void test_content_types() throws Exception {
            String url = session("echo");
            try (RawHttp r = get(url + "/jsonp?c=x")) {
                assertThat(r.body()).isEqualTo("x(\"o\");\r\n");
            }
            try (RawHttp r = post(url + "/jsonp_send", "d=%5B%22abc%22%5D", FORM)) {
                assertThat(r.body()).isEqualTo("ok");
            }
            try (RawHttp r = post(url + "/jsonp_send", "[\"%61bc\"]", "Content-Type: text/plain")) {
                assertThat(r.body()).isEqualTo("ok");
            }
            try (RawHttp r = get(url + "/jsonp?c=x")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("x(\"a[\\\"abc\\\",\\\"%61bc\\\"]\");\r\n");
            }
        }

        @Test
        void test_close() throws Exception {
            String url = session("close");
            try (RawHttp r = get(url + "/jsonp?c=x")) {
                assertThat(r.body()).isEqualTo("x(\"o\");\r\n");
            }
            for (int i = 0; i < 2; i++) {
                try (RawHttp r = get(url + "/jsonp?c=x")) {
                    assertThat(r.body()).isEqualTo("x(\"c[3000,\\\"Go away!\\\"]\");\r\n");
                }
            }
        }
    }

    @Nested
    class JsessionidCookie {
        @Test
        void test_basic() throws Exception {
            try (RawHttp r = get("/cookie_needed_echo/info")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.header("Set-Cookie")).isNull();
                assertThat(JSON.readTree(r.body()).get("cookie_needed").asBoolean()).isTrue();
            }
        }

        @Test
        void test_xhr() throws Exception {
            try (RawHttp r = post(session("cookie_needed_echo") + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("o\n");
                verifyCookie(r, "dummy");
            }
            try (RawHttp r = post(session("cookie_needed_echo") + "/xhr", "", "Cookie: JSESSIONID=abcdef")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("o\n");
                verifyCookie(r, "abcdef");
            }
        }

        @Test
        void test_xhr_streaming() throws Exception {
            try (RawHttp r = post(session("cookie_needed_echo") + "/xhr_streaming", "")) {
                assertThat(r.status).isEqualTo(200);
                verifyCookie(r, "dummy");
            }
        }

        @Test
        void test_eventsource() throws Exception {
            try (RawHttp r = get(session("cookie_needed_echo") + "/eventsource")) {
                assertThat(r.status).isEqualTo(200);
                verifyCookie(r, "dummy");
            }
        }

        @Test
        void test_htmlfile() throws Exception {
            try (RawHttp r = get(session("cookie_needed_echo") + "/htmlfile?c=%63allback")) {
                assertThat(r.status).isEqualTo(200);
                verifyCookie(r, "dummy");
            }
        }

        @Test
        void test_jsonp() throws Exception {
            String url = session("cookie_needed_echo");
            try (RawHttp r = get(url + "/jsonp?c=%63allback")) {
                assertThat(r.status).isEqualTo(200);
                verifyCookie(r, "dummy");
                assertThat(r.body()).isEqualTo("callback(\"o\");\r\n");
            }
            try (RawHttp r = post(url + "/jsonp_send", "d=%5B%22x%22%5D", "Content-Type: application/x-www-form-urlencoded")) {
                assertThat(r.body()).isEqualTo("ok");
                assertThat(r.status).isEqualTo(200);
                verifyCookie(r, "dummy");
            }
        }
    }

    @Nested
    class JSONEncoding {
        @Test
        void test_xhr_server_encodes() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("o\n");
            }
            String escaped = killerStringEscaped(ESCAPABLE_BY_SERVER, 255);
            String raw = JSON.readValue(escaped, String.class);
            try (RawHttp r = post(url + "/xhr_send", "[\"" + raw + "\"]")) {
                assertThat(r.status).isEqualTo(204);
            }
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                String body = r.body().strip();
                assertThat(body.substring(2, body.length() - 1)).as("sent back escaped, exactly").isEqualTo(escaped);
            }
        }

        @Test
        void test_xhr_server_decodes() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("o\n");
            }
            String escaped = killerStringEscaped(ESCAPABLE_BY_CLIENT, 0);
            try (RawHttp r = post(url + "/xhr_send", "[" + escaped + "]")) {
                assertThat(r.status).isEqualTo(204);
            }
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                String body = r.body().strip();
                String received = JSON.readValue(body.substring(2, body.length() - 1), String.class);
                assertThat(received).isEqualTo(JSON.readValue(escaped, String.class));
            }
        }
    }
}
