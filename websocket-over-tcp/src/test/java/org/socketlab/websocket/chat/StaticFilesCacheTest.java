package org.socketlab.websocket.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;

/**
 * Issue 17 item 3: 20,000 distinct missing names grew the live heap by 320 MB, because every
 * miss was cached forever. Misses must not be remembered; hits are (the folder is finite).
 */
class StaticFilesCacheTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50_000);

    @Test
    void twentyThousandDistinctMisses_leaveTheCacheAsItWas() {
        StaticFiles files = new StaticFiles(ChatServer.STATIC_ROOT);
        assertThat(files.handle(get("/chat.js"), CLIENT).status()).isEqualTo(200);
        int afterOneHit = files.cachedFiles();
        for (int i = 0; i < 20_000; i++) {
            assertThat(files.handle(get("/missing-" + i + ".js"), CLIENT).status()).isEqualTo(404);
        }
        assertThat(files.cachedFiles())
                .as("cached entries after 20,000 distinct misses (expected the %d hit only)", afterOneHit)
                .isEqualTo(afterOneHit)
                .isEqualTo(1);
        assertThat(files.handle(get("/chat.js"), CLIENT).status()).isEqualTo(200);
    }

    private static HttpRequest get(String path) {
        return new HttpRequest("GET", path, "HTTP/1.1", HttpHeaders.of("Host", "127.0.0.1"));
    }
}
