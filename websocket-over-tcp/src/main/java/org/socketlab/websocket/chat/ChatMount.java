package org.socketlab.websocket.chat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.socketlab.websocket.server.FrontDoor;

/**
 * The chat as routes of a shared {@link FrontDoor}: the page ({@code /}, {@code /chat.js},
 * {@code /chat.css} by {@link StaticFiles}, under the prefix {@code /}, so every other route wins)
 * and the WebSocket endpoint {@value ChatServer#CHAT_PATH}. Its origin allow-list is the front
 * door's own origins, known once it is bound: call {@link #allowOwnOrigins} after
 * {@code start()} (until then browsers get 403).
 *
 * <pre>{@code
 * ChatMount chat = ChatMount.on(doorBuilder, ChatLimits.defaults());
 * FrontDoor door = doorBuilder.start();
 * chat.allowOwnOrigins(door);
 * }</pre>
 *
 * <p>Thread-safe once the origins are set.
 */
public final class ChatMount {

    private final ChatBackend rooms;
    private final OriginAllowList origins = new OriginAllowList();

    private ChatMount(FrontDoor.Builder door, ChatLimits limits, ChatBackend rooms, boolean webSocketEnabled) {
        this.rooms = rooms;
        door.staticFiles("/", new StaticFiles(ChatServer.STATIC_ROOT)::handle);
        door.addHandler(new ChatHandler(rooms, limits), ChatServer.CHAT_PATH)
                .setAllowedOrigins("*") // the interceptor below decides, once the port is known
                .addInterceptors(origins)
                .setMaxMessageSize(limits.maxFrameBytes())
                // Browsers offer permessage-deflate on every connection (RFC 7692); neither side
                // keeps a compression context between messages, so an idle member holds no zlib state.
                .setPermessageDeflate(ChatServer.DEFLATE)
                // Phones drop off networks without a FIN; a ping finds out (RFC 6455 §5.5.2).
                .setPingInterval(Duration.ofSeconds(25))
                // Where WebSocket is missing or blocked (a proxy that drops Upgrade), the page falls back
                // to SockJS at the same path; the same handler serves both kinds of session.
                .withSockJS().setWebSocketEnabled(webSocketEnabled);
    }

    /** Registers the page and the endpoint on {@code door}. */
    public static ChatMount on(FrontDoor.Builder door, ChatLimits limits) {
        return on(door, limits, true);
    }

    /**
     * As {@link #on(FrontDoor.Builder, ChatLimits)}; with {@code webSocketEnabled} false the endpoint
     * refuses WebSocket (404), as a WebSocket-hostile network would, and pages chat over SockJS's HTTP transports.
     */
    public static ChatMount on(FrontDoor.Builder door, ChatLimits limits, boolean webSocketEnabled) {
        return on(door, limits, new ChatRooms(Objects.requireNonNull(limits, "limits")), webSocketEnabled);
    }

    /** Registers the page and the endpoint on {@code door}, with rooms kept by {@code rooms} (e.g. shared by a cluster). */
    public static ChatMount on(FrontDoor.Builder door, ChatLimits limits, ChatBackend rooms) {
        return on(door, limits, rooms, true);
    }

    /** The general form: rooms kept by {@code rooms}, WebSocket on or off (SockJS's HTTP transports stay on). */
    public static ChatMount on(FrontDoor.Builder door, ChatLimits limits, ChatBackend rooms, boolean webSocketEnabled) {
        return new ChatMount(Objects.requireNonNull(door, "door"), Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(rooms, "rooms"), webSocketEnabled);
    }

    /** Allows the front door's own origins (loopback names and the bound host) plus {@code extra}. */
    public List<String> allowOwnOrigins(FrontDoor door, String... extra) {
        InetSocketAddress address = door.localAddress();
        List<String> allowed = OriginAllowList.ownOrigins(address.getAddress().getHostAddress(), address.getPort(),
                List.of(extra));
        origins.allow(allowed);
        return allowed;
    }

    /** The rooms of this process; {@link IllegalStateException} when the mount was given another {@link ChatBackend}. */
    public ChatRooms rooms() {
        if (rooms instanceof ChatRooms local) {
            return local;
        }
        throw new IllegalStateException("this chat keeps its rooms in " + rooms.getClass().getSimpleName()
                + ", not in this process: use backend()");
    }

    public ChatBackend backend() {
        return rooms;
    }
}
