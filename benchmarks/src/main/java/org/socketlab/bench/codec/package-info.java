/**
 * JMH benchmarks of the sans-I/O codec beside Netty 4.1, Jetty 12 websocket-core and
 * Java-WebSocket, with {@code System.arraycopy} and the RFC's byte loop as baselines. Each
 * benchmark state is {@code Scope.Thread}: JMH gives every worker thread its own instance, so
 * the (not thread-safe) decoders and encoders are never shared.
 */
package org.socketlab.bench.codec;
