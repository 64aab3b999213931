/**
 * The blocking adapter shared by the server and the client: one loop per connection that
 * reads bytes from a socket, feeds the sans-I/O {@code WebSocketProtocol}, hands the bytes it
 * produces to a bounded {@link org.socketlab.websocket.transport.OutboundQueue} (written at once
 * when it is idle, else drained by a writer thread that is started when bytes queue up and ends
 * after a second without work, so an idle connection owns none), and delivers its events to the
 * application's handler. The reader blocks on a 256-byte buffer and borrows a pooled 16 KiB one
 * only while bytes are already waiting ({@code ReadBuffers}). TLS set-up lives here
 * too ({@link org.socketlab.websocket.transport.TlsContexts}).
 *
 * <p>One class per job: {@code WebSocketSession} is the {@code Session} the application holds
 * (the protocol object, its lock, the outbound queue); {@code WebSocketConnection} puts a
 * blocking connection together; {@code ReadLoop} reads, feeds and dispatches; {@code Sender},
 * {@code OutboundQueue} and {@code SocketWriter} are the write path; {@code LingeringClose} ends
 * the connection. The session reaches whatever transport carries it through one small
 * interface, {@code Transport}.
 *
 * <p>Concurrency contract:
 * <ul>
 *   <li>{@link org.socketlab.websocket.transport.WebSocketConnection#run()} is called by exactly
 *       one thread (the reader); it is the only thread that reads the socket and the only one
 *       that invokes handler callbacks.</li>
 *   <li>The protocol object is not thread-safe: every call to it (from the reader, from
 *       senders on any thread, from {@code close}) holds the connection's protocol lock, and
 *       the bytes it produced are appended to the outbound queue under that same lock, so
 *       frames reach the wire in the order the protocol produced them.</li>
 *   <li>One thread at a time writes to the socket: the connection's writer thread, or a
 *       thread whose blocking send (or the reader's pong/close reply) found the queue empty
 *       and nobody writing — it then writes its own bytes at once (the direct path, no thread
 *       hand-off) while later messages queue behind it. Asynchronous sends, {@code ping} and
 *       {@code close} only queue. Senders wait for queue space <em>before</em> taking the
 *       protocol lock, so a full queue never stops the reader from answering pings or closes.</li>
 *   <li>Blocking socket writes have no timeout, so the shared {@code WriteWatchdog} thread
 *       closes the socket of any write that makes no progress for the send timeout; a reader
 *       stuck writing to a peer that reads nothing is therefore cut off, not hung.</li>
 *   <li>Reads have no timeout (a timed read costs on every read). The protocol's timers run on
 *       one shared timer thread ({@code ProtocolAlarm}), armed only while a deadline exists: when
 *       one is due while the reader is blocked, that thread ticks the protocol under the lock and
 *       queues what it produced; if TCP must close, it closes the socket, which wakes the
 *       reader to deliver the events. A reader that is not blocked ticks by itself.</li>
 * </ul>
 *
 * <p>The event-loop driver ({@code EventLoopGroup}, {@code EventLoop}, {@code LoopConnection},
 * {@code LoopReader}, {@code LoopWriter}, {@code LoopClose}; {@code docs/event-loop.md}) keeps the same session, queue
 * and protocol lock, with a different contract for its own part:
 * <ul>
 *   <li>A {@code LoopConnection} is confined to its loop thread: reads, writes, timers, the close
 *       path and every handler callback run there. Other threads reach it only through
 *       {@code EventLoop.execute} (a task queue plus {@code selector.wakeup()}).</li>
 *   <li>Sends from any thread append to the outbound queue under the protocol lock, as on the
 *       blocking transport; the loop writes. A sender on a loop thread never waits for queue
 *       space ({@code Transport.mayWaitForSpace}); the connection stops reading instead.</li>
 *   <li>Each loop has one read buffer ({@code EventLoop.readBuffer()}) that all its connections
 *       read into, one at a time: the protocol copies out whatever it keeps, so the buffer is
 *       free again when a connection's {@code step} returns; no connection owns a read buffer.</li>
 *   <li>Handlers must not block on a loop thread: every connection of that loop waits.</li>
 * </ul>
 */
package org.socketlab.websocket.transport;
