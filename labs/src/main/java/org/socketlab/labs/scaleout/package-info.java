/**
 * Lab 17's local cluster: a real {@code redis-server}, node processes
 * ({@link org.socketlab.websocket.cluster.ClusterServer} in child JVMs) and a real
 * {@code haproxy} in front, all on loopback ports, started and stopped by
 * {@link org.socketlab.labs.scaleout.LocalCluster}.
 *
 * <p>Concurrency: {@code LocalCluster} is thread-safe; each child process's output is read by
 * its own virtual thread.
 */
package org.socketlab.labs.scaleout;
