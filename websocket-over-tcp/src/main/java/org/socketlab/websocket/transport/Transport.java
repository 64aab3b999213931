package org.socketlab.websocket.transport;

/**
 * What a {@link WebSocketSession}'s sending side needs from the transport that carries its
 * bytes: the blocking read loop ({@link WebSocketConnection}) or an event loop
 * ({@code LoopConnection}). One object per connection, replacing the four callbacks the session
 * used to be wired with.
 *
 * <p>Every method may be called from any thread; {@link #afterCommand} is called with the
 * session's protocol lock held and must not block.
 */
interface Transport {

    /**
     * The writer a blocking send may use to write its own message at once when the queue is
     * empty and idle (the direct path, see {@link SocketWriter}); null when sends only queue
     * (before the connection runs, or on an event loop, which writes everything itself).
     */
    SocketWriter directWriter();

    /** True once the transport gave up on a write that made no progress for the send timeout. */
    boolean writeStalled();

    /**
     * Whether the calling thread may wait for outbound queue space. False on an event-loop
     * thread: waiting there would stop the very loop that drains the queue.
     */
    boolean mayWaitForSpace();

    /**
     * Called by a sender that may wait ({@link #mayWaitForSpace}) right before it does: bytes
     * the calling thread itself holds back (the server's 101 during {@code onOpen}) must leave
     * first, or the queue could never drain.
     */
    void beforeWaitingForSpace();

    /**
     * Under the protocol lock, after a command of the application (a send, a ping, a close)
     * appended its bytes to the queue: the protocol may have started a timer (close timeout,
     * pong timeout) that the transport must now watch.
     */
    void afterCommand();

    /** Gives up on the connection: the socket is closed and the loss reported as 1006. */
    void abort();
}
