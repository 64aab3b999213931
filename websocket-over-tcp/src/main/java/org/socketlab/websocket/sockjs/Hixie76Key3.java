package org.socketlab.websocket.sockjs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.socketlab.websocket.server.HttpExchange.TakenConnection;

/**
 * Reads hixie-76's key3 (draft-76 §4.1 step 30) off a taken-over connection within the front
 * door's handshake deadline: a client may send it with its head, later (behind HAProxy, after the
 * server's head), or trickle it; none may hold the connection longer than a handshake may take.
 */
final class Hixie76Key3 {

    private static final Logger LOG = System.getLogger(Hixie76Key3.class.getName());

    private Hixie76Key3() {
    }

    /**
     * The eight bytes after the head: already read with it, or arriving within the handshake
     * deadline; null when they do not (too slow, or the client closed).
     */
    static byte[] read(TakenConnection connection) throws IOException {
        Socket socket = connection.socket();
        byte[] key3 = new byte[Hixie76Handshake.KEY3_LENGTH];
        ByteBuffer leftover = connection.leftover();
        int have = Math.min(leftover.remaining(), key3.length);
        leftover.get(key3, 0, have);
        long deadline = System.nanoTime() + connection.handshakeTimeout().toNanos();
        InputStream in = socket.getInputStream();
        while (have < key3.length) {
            long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMillis <= 0) {
                LOG.log(Level.DEBUG, "{0}: hixie-76 key3 not complete within {1}", socket.getRemoteSocketAddress(),
                        connection.handshakeTimeout());
                return null;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            int count;
            try {
                count = in.read(key3, have, key3.length - have);
            } catch (SocketTimeoutException slow) {
                continue; // the loop's deadline check ends it
            }
            if (count < 0) {
                return null;
            }
            have += count;
        }
        return key3;
    }
}
