package org.socketlab.websocket.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.socketio.SocketIoServer;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;
import org.socketlab.websocket.testing.RedisServer;

/**
 * Our Socket.IO server and a Node socket.io 4.x server with the official
 * {@code @socket.io/redis-adapter} 8.x in one cluster: broadcasts to a room cross in both
 * directions (msgpack on {@code socket.io#/#r1#}), and each side's request/response view of the
 * cluster ({@code allRooms}, {@code fetchSockets}) lists the other side's sockets and rooms.
 */
@Timeout(90)
class SocketIoRedisAdapterInteropTest {

    @Test
    void nodeAndJavaServersShareRoomsAndBroadcasts() throws Exception {
        Peers.requireNodeWs();
        try (RedisServer redis = RedisServer.start();
             ClusterNode node = ClusterNode.connect(ClusterConfig.of(redis.host(), redis.port()).withNodeId("java-sio"));
             SocketIoServer server = SocketIoServer.builder().allowAnyOrigin().build().start()) {
            SocketIoRedisAdapter adapter = SocketIoRedisAdapter.attach(node, server.sockets());
            server.on("connection", socket -> {
                socket.on("join", (args, ack) -> {
                    socket.join(String.valueOf(args.get(0)));
                    ack.send("joined");
                });
                socket.on("relay", (args, ack) ->
                        server.sockets().to(String.valueOf(args.get(0))).emit("news", "from-java", java.util.Map.of("n", 2)));
            });
            try (PeerProcess peer = Peers.startNode("socketio_redis_cluster.js", Integer.toString(redis.port()), server.url())) {
                String javaGot = peer.awaitLine(l -> l.startsWith("JAVA-CLIENT-GOT ") || l.startsWith("ERROR"), Duration.ofSeconds(40));
                assertThat(javaGot).as("a broadcast of the Node server, received by a client of the Java server")
                        .isEqualTo("JAVA-CLIENT-GOT [\"from-node\",{\"n\":1,\"list\":[1.5,\"two\",null,true]}]");
                assertThat(peer.awaitLine(l -> l.startsWith("NODE-CLIENT-GOT ") || l.startsWith("ERROR"), Duration.ofSeconds(20)))
                        .as("a broadcast of the Java server, received by a client of the Node server")
                        .isEqualTo("NODE-CLIENT-GOT [\"from-java\",{\"n\":2}]");
                String nodeRooms = peer.awaitLine(l -> l.startsWith("NODE-SEES-ROOMS ") || l.startsWith("ERROR"), Duration.ofSeconds(20));
                String nodeR1 = peer.awaitLine(l -> l.startsWith("NODE-SEES-R1 ") || l.startsWith("ERROR"), Duration.ofSeconds(20));
                JsonNode ids = SocketIoRedisAdapter.JSON.readTree(
                        peer.awaitLine(l -> l.startsWith("IDS ") || l.startsWith("ERROR"), Duration.ofSeconds(20)).substring(4));
                String javaSocket = ids.path("java").asText();
                String nodeSocket = ids.path("node").asText();
                peer.awaitLine("READY"::equals, Duration.ofSeconds(10));

                assertThat(nodeRooms).as("Node's allRooms() includes the Java socket's own room and r1")
                        .contains("\"" + javaSocket + "\"", "\"r1\"");
                assertThat(nodeR1).as("Node's fetchSockets() of r1 lists both sockets")
                        .contains("\"" + javaSocket + "\"", "\"" + nodeSocket + "\"");
                Set<String> javaSeesRooms = adapter.allRooms().get(10, TimeUnit.SECONDS);
                assertThat(javaSeesRooms).as("Java's allRooms() includes the Node socket's room").contains(nodeSocket, javaSocket, "r1");
                assertThat(adapter.socketIds(Set.of("r1")).get(10, TimeUnit.SECONDS)).as("Java's view of r1")
                        .containsExactlyInAnyOrder(javaSocket, nodeSocket);
            }
        }
    }
}
