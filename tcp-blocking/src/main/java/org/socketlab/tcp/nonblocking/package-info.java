/**
 * One thread, many sockets: the same echo service as {@link org.socketlab.tcp.EchoServer}, written
 * the other way — non-blocking sockets and readiness multiplexing with
 * {@link java.nio.channels.Selector}, which on Linux is {@code epoll}:
 *
 * <pre>
 *   Selector.open()                      epoll_create1()
 *   channel.register(selector, OP_READ)  epoll_ctl(EPOLL_CTL_ADD, fd, EPOLLIN)
 *   key.interestOps(OP_READ | OP_WRITE)  epoll_ctl(EPOLL_CTL_MOD, fd, EPOLLIN | EPOLLOUT)
 *   selector.select()                    epoll_wait(): sleep until some socket is ready
 *   channel.read(buffer)                 read() on a non-blocking fd: bytes, 0 (EAGAIN) or -1 (EOF)
 *   channel.write(buffer)                write(): may take only part of the buffer
 * </pre>
 *
 * <h2>Concurrency contract</h2>
 * {@link org.socketlab.tcp.nonblocking.SelectorEchoServer} runs every connection on ONE platform
 * thread, the event loop; nothing a connection does may block it. Its public methods are
 * thread-safe ({@code stop} wakes the loop with {@code Selector.wakeup()}).
 * {@link org.socketlab.tcp.nonblocking.EchoChannel} belongs to the loop thread alone.
 */
package org.socketlab.tcp.nonblocking;
