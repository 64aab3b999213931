package org.socketlab.websocket.routing;

import java.time.Instant;

/**
 * The status {@code GET @connections/{id}} reports (API Gateway's {@code ConnectedAt},
 * {@code LastActiveAt}, {@code Identity.SourceIp}, {@code Identity.UserAgent}).
 *
 * @param lastActiveAt the last time a message went either way on this connection
 * @param userAgent    the upgrade request's User-Agent, empty when it had none
 */
public record ConnectionInfo(String connectionId, Instant connectedAt, Instant lastActiveAt, String sourceIp,
                             String userAgent) {
}
