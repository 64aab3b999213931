package org.socketlab.tcp.wire;

/**
 * The TCP connection states (RFC 9293 §3.3.2) with the numbers Linux prints in the {@code st}
 * column of {@code /proc/net/tcp} ({@code include/net/tcp_states.h}).
 */
public enum TcpState {
    ESTABLISHED(0x01, "data flows both ways"),
    SYN_SENT(0x02, "connect() sent SYN, waiting for SYN-ACK"),
    SYN_RECV(0x03, "SYN received, SYN-ACK sent, waiting for the final ACK"),
    FIN_WAIT1(0x04, "we closed first and sent FIN; not yet ACKed"),
    FIN_WAIT2(0x05, "our FIN was ACKed; waiting for the peer's FIN"),
    TIME_WAIT(0x06, "both FINs exchanged; we closed first, so we wait 2*MSL"),
    CLOSE(0x07, "closed"),
    CLOSE_WAIT(0x08, "the peer sent FIN; our application has not closed yet"),
    LAST_ACK(0x09, "the peer closed first; we sent our FIN, waiting for its ACK"),
    LISTEN(0x0A, "listen() called: the kernel accepts handshakes into the backlog"),
    CLOSING(0x0B, "both sides sent FIN at the same time"),
    NEW_SYN_RECV(0x0C, "a request socket for a SYN not yet answered by the final ACK");

    private final int code;
    private final String meaning;

    TcpState(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number in the {@code st} column. */
    public int code() {
        return code;
    }

    /** One line for students: what being in this state means. */
    public String meaning() {
        return meaning;
    }

    /** @throws IllegalArgumentException for a code Linux does not use */
    public static TcpState fromCode(int code) {
        for (TcpState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown TCP state code 0x%02X in /proc/net/tcp (known: 01..0C)".formatted(code));
    }
}
