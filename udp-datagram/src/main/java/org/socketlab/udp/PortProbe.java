package org.socketlab.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Asks "is anyone listening on this UDP port?" with a <em>connected</em> DatagramSocket.
 *
 * <p>connect() on UDP sends nothing: it records a default peer in the kernel, so send() needs
 * no address and receive() only returns datagrams from that peer. It also makes the socket
 * hear about ICMP errors: when nothing is bound to the port, the peer's kernel answers with
 * ICMP "destination port unreachable" (RFC 1122 §4.1.3.1, RFC 792), and Linux reports it on
 * the <em>next</em> receive() (or send()) of a connected socket as ECONNREFUSED, which Java
 * raises as {@link PortUnreachableException}. An unconnected socket never sees it: the error
 * cannot be tied to one of its many peers, so the receive simply times out.
 *
 * <p>ICMP itself is unreliable and rate-limited, so the probe tries a bounded number of times.
 */
public final class PortProbe {

    /** What the probe learned. */
    public enum Outcome {
        /** A datagram came back from the port. */
        REPLIED,
        /** The kernel reported ICMP port unreachable: nothing is bound there. */
        PORT_UNREACHABLE,
        /** Silence: a service that ignores us, a firewall, or a lost datagram — UDP cannot tell. */
        NO_ANSWER
    }

    /** The outcome and how many send/receive rounds it took. */
    public record Result(Outcome outcome, int attempts) {
    }

    private PortProbe() {
    }

    public static Result probe(InetSocketAddress target, byte[] payload, Duration timeoutPerAttempt, int attempts)
            throws IOException {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts is " + attempts + "; it must be at least 1");
        }
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(target.getAddress(), 0))) {
            socket.connect(target); // connect(): sets the default peer; no packet is sent
            socket.setSoTimeout((int) Math.max(1, timeoutPerAttempt.toMillis()));
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    socket.send(new DatagramPacket(payload, payload.length)); // send(): no address needed
                    socket.receive(new DatagramPacket(new byte[Datagrams.MAX_IPV4_PAYLOAD], Datagrams.MAX_IPV4_PAYLOAD));
                    return new Result(Outcome.REPLIED, attempt);
                } catch (PortUnreachableException e) {
                    return new Result(Outcome.PORT_UNREACHABLE, attempt);
                } catch (SocketTimeoutException e) {
                    // nothing yet: try again
                }
            }
            return new Result(Outcome.NO_ANSWER, attempts);
        }
    }
}
