/**
 * Tools to look at WebSocket bytes: {@link org.socketlab.websocket.inspect.HexDump} and
 * {@link org.socketlab.websocket.inspect.FrameDump}, an annotated, field-by-field view of frames
 * (used by lab 09 and by wire taps). Pure functions of the bytes they are given: thread-safe,
 * no I/O, and they never move the caller's buffer position.
 */
package org.socketlab.websocket.inspect;
