package org.socketlab.websocket.interop;

import java.io.IOException;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;

/** Python websockets 10.4 (Debian, /usr/bin/python3) against our server, and our client against a websockets server. */
class PythonWebsocketsInteropTest extends PeerClientInteropContract {

    @Override
    protected PeerProcess startPeerClient(String... args) throws IOException {
        return Peers.startPython("websockets_client.py", args);
    }

    @Override
    protected PeerProcess startPeerServer(String... args) throws IOException {
        return Peers.startPython("websockets_server.py", args);
    }
}
