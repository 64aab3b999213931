/**
 * SockJS 0.3.3 — what {@code sockjs-client} 1.6 speaks — on the front door: any WebSocket endpoint
 * registered with {@code withSockJS()} is also reachable over HTTP streaming and polling, and one
 * {@link org.socketlab.websocket.api.WebSocketHandler} serves both kinds of session (a SockJS
 * session is an {@link org.socketlab.websocket.api.Session}).
 *
 * <p>Pure parts (no I/O, no threads, no clock): {@link org.socketlab.websocket.sockjs.SockJsJson}
 * (quoting with the escapes SockJS requires, reading client payloads),
 * {@link org.socketlab.websocket.sockjs.SockJsFrame}, {@link org.socketlab.websocket.sockjs.TransportKind}
 * (how each transport wraps a frame), {@link org.socketlab.websocket.sockjs.SockJsPath} (the URL
 * scheme), {@code SessionState} (attach/detach, 2010, heartbeat and expiry with time passed in),
 * {@code SockJsHeaders}, {@code HtmlFilePage}, {@code IframePage}, and the hixie-76 WebSocket's
 * {@link org.socketlab.websocket.sockjs.Hixie76Handshake} and {@link org.socketlab.websocket.sockjs.Hixie76Codec}
 * (one reader each). The adapters:
 * {@link org.socketlab.websocket.sockjs.SockJsService} (the front-door route), {@code SockJsRoutes},
 * {@code HttpReceiver} / {@code HttpSender} (one request each), {@code HttpSession} and
 * {@code WebSocketSession} (the two session kinds), {@code WebSocketTransport}, and
 * {@code Hixie76Connection} (a hixie-76 WebSocket on a connection taken over from the front door,
 * its key3 read by {@code Hixie76Key3}).
 *
 * <p>Concurrency contract: {@code SockJsService.handle} runs on each connection's own (virtual)
 * thread; a receiving request holds its thread while it waits for frames. An
 * {@code HttpSession}'s state sits behind one lock (senders, the receiver and the sweeper meet
 * there); the application's callbacks of one session run one at a time under a second lock,
 * never under the state lock, although its messages arrive on many request threads. Sessions
 * are thread-safe for the application (send and close from any thread). One timer thread for the JVM runs
 * heartbeats and expiry, each endpoint's task only while it has sessions; the front door's
 * {@code stop} closes every SockJS session (1001). {@code SessionRegistry} is a concurrent map.
 * A hixie-76 connection reads on its connection's thread; its sends, from any thread, are
 * serialized on one lock and written synchronously (with the front door's write timeout).
 * {@code SockJsOptions.ReceiverListener} is called on the receiving request's thread.
 */
package org.socketlab.websocket.sockjs;
