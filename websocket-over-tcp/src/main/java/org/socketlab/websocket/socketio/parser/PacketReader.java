package org.socketlab.websocket.socketio.parser;

/** A cursor over one encoded packet's text, reading its fields in wire order. */
final class PacketReader {

    /** Ack ids are JavaScript numbers; more than 15 digits would lose precision there. */
    private static final int MAX_ID_DIGITS = 15;

    private final String text;
    private int position;

    PacketReader(String text) {
        this.text = text;
    }

    char next() throws SocketIoProtocolException {
        if (position >= text.length()) {
            throw new SocketIoProtocolException("packet is empty; it must start with a type digit (Socket.IO v5)");
        }
        return text.charAt(position++);
    }

    /** {@code <n>-} after a binary type. */
    int attachmentCount(int max) throws SocketIoProtocolException {
        int dash = text.indexOf('-', position);
        String digits = dash < 0 ? "" : text.substring(position, dash);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            throw new SocketIoProtocolException("binary packet must give its attachment count as <digits>-, got \""
                    + abbreviate(text) + "\" (Socket.IO v5, packet encoding)");
        }
        int count = Integer.parseInt(digits);
        if (count > max) {
            throw new SocketIoProtocolException("packet announces " + count + " attachments; the limit is " + max + " (Socket.IO v5, binary attachments)");
        }
        position = dash + 1;
        return count;
    }

    /** {@code /nsp,} or the main namespace {@code /}. */
    String namespace() {
        if (position >= text.length() || text.charAt(position) != '/') {
            return "/";
        }
        int comma = text.indexOf(',', position);
        int end = comma < 0 ? text.length() : comma;
        String namespace = text.substring(position, end);
        position = comma < 0 ? end : end + 1;
        return namespace;
    }

    long ackId() throws SocketIoProtocolException {
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            return SocketIoPacket.NO_ACK;
        }
        if (position - start > MAX_ID_DIGITS) {
            throw new SocketIoProtocolException("ack id has " + (position - start) + " digits; at most "
                    + MAX_ID_DIGITS + " are accepted (Socket.IO v5, packet encoding)");
        }
        return Long.parseLong(text.substring(start, position));
    }

    Object json() throws SocketIoProtocolException {
        return position >= text.length() ? SocketIoPacket.NO_DATA : Json.read(text.substring(position));
    }

    /** A CONNECT payload: kept as the text sent ({@link JsonObjectText}) when it is an object. */
    Object connectPayload() throws SocketIoProtocolException {
        if (position >= text.length()) {
            return SocketIoPacket.NO_DATA;
        }
        Object tree = Json.read(text.substring(position));
        return tree instanceof java.util.Map ? JsonObjectText.parse(text.substring(position)) : tree;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
