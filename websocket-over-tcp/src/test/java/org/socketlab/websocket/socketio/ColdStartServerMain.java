package org.socketlab.websocket.socketio;

import org.socketlab.websocket.socketio.testsuite.ProtocolSuiteHandlers;

/**
 * A Socket.IO server with the protocol test suite's settings (pingInterval 300 ms, pingTimeout
 * 200 ms) for {@link SocketIoColdStartTest}: started in a fresh JVM, prints {@code PORT n} when
 * it accepts connections and serves until killed. Test code only: no options.
 */
public final class ColdStartServerMain {

    private ColdStartServerMain() {
    }

    public static void main(String[] args) throws Exception {
        SocketIoServer server = ProtocolSuiteHandlers.mount(SocketIoServer.builder()
                .engine(config -> ProtocolSuiteHandlers.suiteConfig("/socket.io/"))
                .build());
        server.start();
        System.out.println("PORT " + server.port());
        Thread.currentThread().join();
    }
}
