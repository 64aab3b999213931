/**
 * What the official Engine.IO and Socket.IO protocol test suites expect from the server under
 * test (an echoing raw Engine.IO endpoint, the "/" and "/custom" namespaces, the suites'
 * heartbeat settings), for mains such as {@code demo.CourseServer} to mount.
 *
 * <p>Concurrency contract: the classes are stateless; the listeners they install follow the
 * contracts of {@code socketio} and {@code socketio.engine}.
 */
package org.socketlab.websocket.socketio.testsuite;
