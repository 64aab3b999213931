/**
 * Support for lab 16, "One thread, many sockets": the three echo servers run in a child JVM
 * ({@link org.socketlab.labs.manysockets.EchoServerChild}), a load of many connections from this
 * JVM ({@link org.socketlab.labs.manysockets.EchoLoad}), and what the child's kernel counters say
 * about it ({@link org.socketlab.labs.manysockets.ProcessCounters}, and
 * {@link org.socketlab.labs.manysockets.SyscallCount} when {@code strace} is installed).
 *
 * <p>Concurrency: each class is used by the lab's main thread; {@code EchoLoad} runs its
 * connections on virtual threads internally and returns when they are all done.
 */
package org.socketlab.labs.manysockets;
