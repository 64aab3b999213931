/**
 * Lab 09's compression parts (permessage-deflate, RFC 7692): the ratio chat JSON and random bytes
 * get ({@link org.socketlab.labs.compression.CompressionRatio}), what compression costs in CPU and
 * memory per connection ({@link org.socketlab.labs.compression.CompressionCost}), and a compression
 * bomb stopped by close code 1009 on the wire ({@link org.socketlab.labs.compression.BombOnTheWire}).
 *
 * <p>Concurrency: every method runs on the caller's thread; {@code BombOnTheWire} starts a server,
 * a tap and a client and stops them before it returns.
 */
package org.socketlab.labs.compression;
