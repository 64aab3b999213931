package org.socketlab.websocket.chat;

import java.util.regex.Pattern;

/**
 * The chat's input rules. Nicknames and room names are restricted to a small alphabet, so
 * they can never carry markup or look like somebody else's name with invisible characters;
 * message text may contain anything printable (the page shows it with {@code textContent},
 * never as HTML), but no control characters except newline and tab.
 */
final class ChatValidation {

    /** Letters and digits of any script, plus {@code _ . -}; no spaces, no markup characters. */
    private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");
    /** Lower-case ASCII so that "Lobby" and "lobby" are one room, and a room name is URL-safe. */
    private static final Pattern ROOM = Pattern.compile("[a-z0-9_\\-]+");

    private final ChatLimits limits;

    ChatValidation(ChatLimits limits) {
        this.limits = limits;
    }

    String nick(String value) throws ChatRejection {
        String nick = value == null ? "" : value.strip();
        if (nick.isEmpty() || nick.length() > limits.maxNickLength()) {
            throw new ChatRejection("invalid_nick", "a nickname has 1 to " + limits.maxNickLength()
                    + " characters; got " + nick.length());
        }
        if (!NICK.matcher(nick).matches()) {
            throw new ChatRejection("invalid_nick", "a nickname may contain letters, digits, '_', '.' and '-'; got "
                    + quote(nick));
        }
        return nick;
    }

    String room(String value) throws ChatRejection {
        String room = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        if (room.isEmpty() || room.length() > limits.maxRoomLength()) {
            throw new ChatRejection("invalid_room", "a room name has 1 to " + limits.maxRoomLength()
                    + " characters; got " + room.length());
        }
        if (!ROOM.matcher(room).matches()) {
            throw new ChatRejection("invalid_room", "a room name may contain a-z, 0-9, '_' and '-'; got " + quote(room));
        }
        return room;
    }

    String text(String value) throws ChatRejection {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new ChatRejection("invalid_text", "a message must not be empty");
        }
        if (text.length() > limits.maxTextLength()) {
            throw new ChatRejection("too_long", "a message has at most " + limits.maxTextLength()
                    + " characters; got " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new ChatRejection("invalid_text", String.format(
                        "a message must not contain control character U+%04X (at index %d)", (int) c, i));
            }
        }
        return text;
    }

    /** A value for an error message: at most 40 characters, control characters escaped. */
    static String quote(String value) {
        String shortened = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        StringBuilder quoted = new StringBuilder("\"");
        shortened.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                quoted.append(String.format("\\u%04x", cp));
            } else {
                quoted.appendCodePoint(cp);
            }
        });
        return quoted.append('"').toString();
    }
}
