/**
 * Child processes the course starts and watches: a lab's local cluster (redis-server, server
 * nodes, haproxy) and the peers of the interop tests (Node, Python, redis-server, haproxy, a
 * second JVM). {@link org.socketlab.websocket.process.ChildProcess} is thread-safe: its output
 * is read by its own virtual threads; any thread may wait on it, echo it or stop it.
 */
package org.socketlab.websocket.process;
