package org.socketlab.websocket.routing;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * The connections other server processes hold: what {@link ConnectionManager} asks when an id
 * is not one of its own, so that {@code POST/GET/DELETE /@connections/{id}} is answered by any
 * node (scale-out, {@code org.socketlab.websocket.cluster.ClusterConnectionDirectory}). The
 * manager also tells it about its own connections as they open, act and close.
 *
 * <p>{@link #NONE} (the default) knows no other process: one server alone, as before.
 * Implementations are thread-safe.
 */
public interface ConnectionDirectory {

    /** One process alone: nothing is registered anywhere, every remote lookup answers "gone". */
    ConnectionDirectory NONE = new ConnectionDirectory() {
    };

    /** Called once when the manager is built, so remote requests can be delivered to it. */
    default void attach(ConnectionManager local) {
    }

    /** A connection of this process opened. */
    default void opened(ConnectionInfo info) {
    }

    /** A connection of this process sent or received a message at {@code at}. */
    default void active(String connectionId, Instant at) {
    }

    /** A connection of this process is gone. */
    default void closed(String connectionId) {
    }

    /** The status of a connection held by another process; empty when none holds it. */
    default Optional<ConnectionInfo> info(String connectionId) {
        return Optional.empty();
    }

    /** Sends to a connection held by another process; false when none holds it (410). */
    default boolean post(String connectionId, String text) {
        return false;
    }

    default boolean post(String connectionId, ByteBuffer data) {
        return false;
    }

    /** Closes a connection held by another process with 1000; false when none holds it. */
    default boolean disconnect(String connectionId) {
        return false;
    }

    /** Sends {@code text} to the connections of every other process (this one's are done by the caller). */
    default void broadcast(String text) {
    }
}
