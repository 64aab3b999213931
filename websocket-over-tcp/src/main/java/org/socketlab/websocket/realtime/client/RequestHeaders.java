package org.socketlab.websocket.realtime.client;

/**
 * The request head a ticker client types (RFC 9112 §3): a request line, Host, and either the
 * few header fields a command-line tool sends or the dozen a desktop browser sends.
 */
final class RequestHeaders {

    /** What Chromium sends with a fetch() from a page (cookies left out). */
    private static final String BROWSER = """
            Connection: %s\r
            sec-ch-ua-platform: "Linux"\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r
            sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"\r
            sec-ch-ua-mobile: ?0\r
            Accept: */*\r
            Sec-Fetch-Site: same-origin\r
            Sec-Fetch-Mode: cors\r
            Sec-Fetch-Dest: empty\r
            Referer: http://%s/\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Accept-Language: en-US,en;q=0.9\r
            """;

    private RequestHeaders() {
    }

    static String get(TickerClientOptions options, String target, String extraHeaders) {
        String host = options.host() + ":" + options.port();
        String connection = options.keepAlive() ? "keep-alive" : "close";
        StringBuilder request = new StringBuilder(512)
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        if (options.browserHeaders()) {
            request.append(BROWSER.formatted(connection, host));
        } else {
            request.append("User-Agent: socketlab-ticker/0.1\r\nAccept: */*\r\n");
            if (!options.keepAlive()) {
                request.append("Connection: close\r\n");
            }
        }
        return request.append(extraHeaders).append("\r\n").toString();
    }
}
