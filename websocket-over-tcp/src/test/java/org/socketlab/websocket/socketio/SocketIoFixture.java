package org.socketlab.websocket.socketio;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The server the interop peers talk to: namespace "/" with echo, ack, binary, room, drop and
 * bye events; namespace "/chat" behind a token middleware. Records what it saw for the tests.
 */
final class SocketIoFixture implements AutoCloseable {

    final SocketIoServer server;
    final BlockingQueue<String> disconnectReasons = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> questionReplies = new LinkedBlockingQueue<>();

    SocketIoFixture(Duration pingInterval) throws IOException {
        server = SocketIoServer.builder().port(0).pingInterval(pingInterval).pingTimeout(Duration.ofSeconds(2)).build();
        server.of("/").on("connection", this::main);
        server.of("/chat")
                .use(socket -> {
                    if (!"secret".equals(socket.auth().get("token"))) {
                        throw new ConnectErrorException("not authorized", Map.of("hint", "send token"));
                    }
                })
                .on("connection", socket -> socket.emit("welcome", "welcome " + socket.id()));
        server.start();
    }

    private void main(SocketIoSocket socket) {
        socket.on("echo", (args, ack) -> {
            if (ack.requested()) {
                ack.send(args.toArray());
            } else {
                socket.emit("echo", args.toArray());
            }
        });
        socket.on("binary", (args, ack) -> {
            ack.send(args.get(0), args.get(1), args.size());
            socket.emit("blob", new byte[] {9, 8, 7}, java.util.Map.of("inner", new byte[] {6}));
        });
        socket.on("ask", (args, ack) -> socket.emitWithAck("question", Duration.ofSeconds(3), "life")
                .thenAccept(reply -> {
                    questionReplies.add(reply.get(0));
                    socket.emit("answer", reply.get(0));
                }));
        socket.on("join", (args, ack) -> {
            socket.join((String) args.get(0));
            ack.send("joined");
        });
        socket.on("room", (args, ack) -> {
            socket.to((String) args.get(0)).emit("room", args.get(1));
            socket.namespace().emit("mark");
        });
        socket.on("drop", (args, ack) -> socket.closeTransport());
        socket.on("bye", (args, ack) -> socket.disconnect());
        socket.on("disconnect", (args, ack) -> disconnectReasons.add((String) args.get(0)));
    }

    String url() {
        return server.url();
    }

    List<String> reasonsSoFar() {
        return List.copyOf(disconnectReasons);
    }

    @Override
    public void close() {
        server.close();
    }
}
