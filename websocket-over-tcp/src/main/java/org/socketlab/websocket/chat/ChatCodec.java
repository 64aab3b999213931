package org.socketlab.websocket.chat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The chat's JSON protocol, both directions. Client commands:
 * <pre>
 * {"type":"join","room":"lobby","nick":"ana"}   {"type":"message","text":"hi"}
 * {"type":"typing"}                              {"type":"leave"}
 * </pre>
 * Server events: {@code welcome}, {@code history}, {@code presence}, {@code message},
 * {@code typing}, {@code rooms} and {@code error} (see the factory methods). Thread-safe.
 */
public final class ChatCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChatCodec() {
    }

    /** Parses one client command; anything else is a {@link ChatRejection}, never an exception. */
    public static ChatCommand decode(String json) throws ChatRejection {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ChatRejection("invalid_json", "a message must be a JSON object like "
                    + "{\"type\":\"message\",\"text\":\"hi\"}; this one is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ChatRejection("invalid_json", "a message must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        String type = string(root, "type");
        return switch (type == null ? "" : type) {
            case "join" -> new ChatCommand.Join(string(root, "room"), string(root, "nick"));
            case "message" -> new ChatCommand.Say(string(root, "text"));
            case "typing" -> new ChatCommand.Typing();
            case "leave" -> new ChatCommand.Leave();
            default -> throw new ChatRejection("unknown_type", "\"type\" must be join, message, typing or leave; got "
                    + (type == null ? "none" : ChatValidation.quote(type)));
        };
    }

    private static String string(JsonNode root, String field) throws ChatRejection {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ChatRejection("invalid_json", "\"" + field + "\" must be a string, got "
                    + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return value.textValue();
    }

    // ---- server events ------------------------------------------------------------------

    public static String welcome(String nick, String room) {
        return event("welcome").put("nick", nick).put("room", room).toString();
    }

    public static String history(String room, List<ChatMessage> messages) {
        ObjectNode event = event("history").put("room", room);
        ArrayNode array = event.putArray("messages");
        messages.forEach(message -> fill(array.addObject(), message));
        return event.toString();
    }

    /** The room's members now; {@code joined} or {@code left} names who changed (may be null). */
    public static String presence(String room, Collection<String> nicks, String joined, String left) {
        ObjectNode event = event("presence").put("room", room);
        ArrayNode array = event.putArray("nicks");
        nicks.forEach(array::add);
        if (joined != null) {
            event.put("joined", joined);
        }
        if (left != null) {
            event.put("left", left);
        }
        return event.toString();
    }

    public static String message(ChatMessage message) {
        return fill(event("message"), message).toString();
    }

    public static String typing(String room, String nick) {
        return event("typing").put("room", room).put("nick", nick).toString();
    }

    /** The rooms that have members, with their member counts. */
    public static String rooms(Map<String, Integer> memberCounts) {
        ObjectNode event = event("rooms");
        ArrayNode array = event.putArray("rooms");
        memberCounts.forEach((name, count) -> array.addObject().put("name", name).put("members", count));
        return event.toString();
    }

    public static String error(ChatRejection rejection) {
        return event("error").put("code", rejection.code()).put("message", rejection.getMessage()).toString();
    }

    private static ObjectNode event(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    private static ObjectNode fill(ObjectNode node, ChatMessage message) {
        return node.put("id", message.id()).put("room", message.room()).put("nick", message.nick())
                .put("text", message.text()).put("time", message.timeMillis());
    }

    /** Parses a server event (for clients and tests). */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + ChatValidation.quote(json), e);
        }
    }
}
