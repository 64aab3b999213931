/**
 * The RFC 6455 wire format (§5): frames, opcodes, masking, close codes, and the UTF-8 rule of
 * §8.1. Sans-I/O: no sockets, no threads, no clock; every class is tested with byte arrays.
 *
 * <h2>Concurrency contract</h2>
 * <ul>
 *   <li>Immutable and thread-safe: {@link org.socketlab.websocket.frame.Opcode},
 *       {@link org.socketlab.websocket.frame.Role}, {@link org.socketlab.websocket.frame.CloseCode},
 *       {@link org.socketlab.websocket.frame.CloseStatus}, {@link org.socketlab.websocket.frame.FrameHeader},
 *       {@link org.socketlab.websocket.frame.HeaderViolation} (the header rules, shared with {@code inspect}),
 *       {@link org.socketlab.websocket.frame.Utf8Reference},
 *       and the static {@link org.socketlab.websocket.frame.Masking} methods (which touch only the
 *       buffer they are given).</li>
 *   <li>{@link org.socketlab.websocket.frame.Frame} is a record, but its payload is a mutable
 *       {@link java.nio.ByteBuffer}: share a frame across threads only with a duplicate of its payload.</li>
 *   <li>Not thread-safe, one owner at a time: {@link org.socketlab.websocket.frame.FrameDecoder},
 *       {@link org.socketlab.websocket.frame.FrameEncoder} and
 *       {@link org.socketlab.websocket.frame.Utf8Validator} keep per-connection state. A connection
 *       owns one of each; hand-over between threads needs a happens-before edge (e.g. a lock).</li>
 *   <li>{@link org.socketlab.websocket.frame.MaskKeySource#secureRandom()} is thread-safe
 *       ({@link java.security.SecureRandom} is).</li>
 * </ul>
 */
package org.socketlab.websocket.frame;
