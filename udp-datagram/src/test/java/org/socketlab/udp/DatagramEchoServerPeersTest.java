package org.socketlab.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17 item 9: the echo server used to remember every peer address it ever saw (116,775 in
 * one attack, each with a log line). It now remembers only the most recent ones, up to a cap:
 * the memory is bounded whatever the number of senders, and every datagram is still echoed.
 */
@Timeout(600)
class DatagramEchoServerPeersTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private DatagramEchoServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sends one datagram from a fresh socket (a fresh ephemeral port: a new peer) and awaits its echo. */
    private void echoFromNewPeer(String text) throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            peer.setSoTimeout(5_000);
            Datagrams.send(peer, text.getBytes(StandardCharsets.UTF_8), server.localAddress());
            assertThat(new String(Datagrams.receive(peer, 100).data(), StandardCharsets.UTF_8)).isEqualTo(text);
        }
    }

    @Test
    void byDefault_manyMorePeersThanTheCap_areEchoed_butOnlyTheCapIsRemembered() throws Exception {
        server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0));
        int peers = Integer.getInteger("socketlab.hostile.udpPeers", 1_500); // the long version: 120000
        for (int i = 0; i < peers; i++) {
            echoFromNewPeer("peer " + i);
        }
        EchoServerStats stats = server.stats();
        assertThat(stats.echoed()).as("every datagram of %d peers echoed", peers).isEqualTo(peers);
        assertThat(stats.peers()).as("peer addresses remembered after %d distinct peers (default cap %d)",
                peers, DatagramEchoServer.DEFAULT_MAX_PEERS).isLessThanOrEqualTo(1_024);
        echoFromNewPeer("a fresh peer is still served");
    }

    @Test
    void theCapIsConfigurable_andTheLeastRecentPeerIsForgottenFirst() throws Exception {
        server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0), 1_000, 3);
        try (DatagramSocket kept = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            kept.setSoTimeout(5_000);
            for (int i = 0; i < 10; i++) {
                Datagrams.send(kept, "again".getBytes(StandardCharsets.UTF_8), server.localAddress()); // stays recent
                Datagrams.receive(kept, 100);
                echoFromNewPeer("one-off " + i);
            }
            assertThat(server.stats().peers()).isEqualTo(3);
            assertThat(server.remembers(kept.getLocalSocketAddress()))
                    .as("the peer that keeps sending is among the 3 most recent").isTrue();
        }
    }

    @Test
    void aCapBelowOne_isRefused() {
        assertThatThrownBy(() -> DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0), 1_000, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}
