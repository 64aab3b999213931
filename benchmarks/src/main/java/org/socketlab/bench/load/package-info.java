/**
 * End-to-end measurement: echo servers in child JVMs ({@code EchoServerProcess}), the load
 * generator (blocking sockets, one virtual thread per connection, HdrHistogram latency) and the
 * memory probe.
 *
 * <p>Concurrency: an {@code EchoConnection} belongs to the one thread that drives it; the
 * generator merges per-connection histograms after its senders finish. {@code ServerProcess}
 * is used from a single thread.
 */
package org.socketlab.bench.load;
