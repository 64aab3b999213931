package org.socketlab.websocket.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;

/**
 * Real clients from outside the JVM: Node's {@code ws} (peers/routing_client.js) and
 * {@code wscat} on the WebSocket side, {@code curl} on {@code @connections}.
 */
@Timeout(60)
class RoutingInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<PeerProcess> peers = new ArrayList<>();
    private RoutingFixture fixture;
    private String key;

    @BeforeEach
    void start() throws IOException {
        Peers.requireNodeWs();
        Curl.require();
        fixture = new RoutingFixture();
        key = "x-api-key: " + RoutingFixture.API_KEY;
    }

    @AfterEach
    void stop() {
        peers.forEach(PeerProcess::close);
        if (fixture != null) {
            fixture.close();
        }
    }

    private PeerProcess node(String... args) throws IOException {
        PeerProcess peer = Peers.startNode("routing_client.js", args);
        peers.add(peer);
        return peer;
    }

    private String connectionsUrl(String id) {
        return "http://127.0.0.1:" + fixture.server.port() + "/@connections/" + id;
    }

    /** A Node client that said whoami: returns its connection id. */
    private String whoami(PeerProcess peer) throws InterruptedException {
        return peer.awaitLine(line -> line.startsWith("MSG id:"), WAIT).substring("MSG id:".length());
    }

    @Test
    void nodeClient_routesAndReplies_thenCurlPostsGetsAndDeletes() throws Exception {
        PeerProcess peer = node(fixture.url("?token=node"), "--user-agent", "node-ws-peer",
                "--send", "{\"action\":\"echo\",\"text\":\"routed\"}", "--send", "not json",
                "--send", "{\"action\":\"whoami\"}");
        peer.awaitLine("OPEN"::equals, WAIT);
        peer.awaitLine("MSG routed"::equals, WAIT);
        peer.awaitLine("MSG default:not json"::equals, WAIT);
        String id = whoami(peer);

        Curl.Result post = Curl.call("POST", connectionsUrl(id), "{\"notice\":\"from curl\"}", key);
        assertThat(post.status()).as(post.body()).isEqualTo(200);
        peer.awaitLine("MSG {\"notice\":\"from curl\"}"::equals, WAIT);

        Curl.Result get = Curl.call("GET", connectionsUrl(id), null, key);
        assertThat(get.status()).isEqualTo(200);
        JsonNode status = Router.JSON.readTree(get.body());
        assertThat(status.get("connectionId").asText()).isEqualTo(id);
        assertThat(status.at("/identity/userAgent").asText()).isEqualTo("node-ws-peer");
        assertThat(status.at("/identity/sourceIp").asText()).isEqualTo("127.0.0.1");

        Curl.Result delete = Curl.call("DELETE", connectionsUrl(id), null, key);
        assertThat(delete.status()).isEqualTo(204);
        peer.awaitLine(line -> line.startsWith("CLOSE 1000"), WAIT);
        assertThat(fixture.nextDisconnect()).isEqualTo(id + " 1000");

        assertThat(Curl.call("GET", connectionsUrl(id), null, key).status()).isEqualTo(410);
        assertThat(Curl.call("POST", connectionsUrl(id), "late", key).status()).isEqualTo(410);
    }

    @Test
    void curlWithoutOrWithAWrongKey_is403_andWrongMethod405() throws Exception {
        PeerProcess peer = node(fixture.url("?token=node"), "--send", "{\"action\":\"whoami\"}");
        String id = whoami(peer);
        Curl.Result noKey = Curl.call("POST", connectionsUrl(id), "x", new String[0]);
        assertThat(noKey.status()).isEqualTo(403);
        assertThat(noKey.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(Curl.call("GET", connectionsUrl(id), null, "x-api-key: nope").status()).isEqualTo(403);
        assertThat(Curl.call("PATCH", connectionsUrl(id), "x", key).status()).isEqualTo(405);
        assertThat(Curl.call("GET", "http://127.0.0.1:" + fixture.server.port() + "/other", null, key).status())
                .isEqualTo(404);
    }

    @Test
    void nodeClientWithoutToken_isRefused401_withBadToken403() throws Exception {
        node(fixture.url("")).awaitLine("REFUSED 401"::equals, WAIT);
        node(fixture.url("?token=bad")).awaitLine("REFUSED 403"::equals, WAIT);
        assertThat(fixture.opened).isEmpty();
    }

    @Test
    void nodeClientClosing_callsDisconnect1000() throws Exception {
        PeerProcess peer = node(fixture.url("?token=node"), "--send", "{\"action\":\"whoami\"}");
        String id = whoami(peer);
        assertThat(Curl.call("POST", connectionsUrl(id), "peer:close", key).status()).isEqualTo(200);
        peer.awaitLine(line -> line.startsWith("CLOSE 1000"), WAIT);
        assertThat(fixture.nextDisconnect()).isEqualTo(id + " 1000");
    }

    @Test
    void nodeClientDroppingTcp_callsDisconnect1006() throws Exception {
        PeerProcess peer = node(fixture.url("?token=node"), "--send", "{\"action\":\"whoami\"}");
        String id = whoami(peer);
        assertThat(Curl.call("POST", connectionsUrl(id), "peer:drop", key).status()).isEqualTo(200);
        peer.awaitLine("DROPPED"::equals, WAIT);
        assertThat(fixture.nextDisconnect()).isEqualTo(id + " 1006");
    }

    @Test
    void wscat_sendsAMessage_andPrintsTheRouteResponse() throws Exception {
        String wscat = Peers.repositoryRoot().resolve(".ci/node/node_modules/.bin/wscat").toString();
        // -x sends one message after connecting; -w 1 makes wscat close 1 s later and exit. Not a
        // route that closes at once: wscat calls process.exit() in its 'close' handler, which can
        // drop the reply it has just printed to a pipe (Node writes to pipes asynchronously).
        Process process = new ProcessBuilder(wscat, "--no-color", "-c", fixture.url("?token=wscat"),
                "-x", "{\"action\":\"echo\",\"text\":\"hello wscat\"}", "-w", "1")
                .redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(output, StandardCharsets.UTF_8)).contains("hello wscat");
        } finally {
            process.destroyForcibly();
        }
    }
}
