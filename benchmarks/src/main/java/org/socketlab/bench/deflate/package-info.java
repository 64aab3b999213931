/**
 * permessage-deflate end to end: our server beside Netty's {@code WebSocketServerCompressionHandler}
 * (messages per second and bytes on the wire for chat-like JSON), and the memory compression costs
 * per connection. Run by {@link org.socketlab.bench.deflate.DeflateBenchmark}.
 *
 * <p>Concurrency: a {@code DeflateConnection} belongs to the one (virtual) thread that drives it;
 * everything else runs on the benchmark's main thread.
 */
package org.socketlab.bench.deflate;
