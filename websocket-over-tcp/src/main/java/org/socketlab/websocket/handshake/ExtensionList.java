package org.socketlab.websocket.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits {@code Sec-WebSocket-Extensions} values into extension elements (RFC 6455 §9.1):
 * {@code extension-list = 1#extension}, {@code extension = name *( ";" param )}, where a
 * parameter value may be a quoted-string, so commas inside quotes do not split.
 */
final class ExtensionList {

    private ExtensionList() {
    }

    /** The elements of every field value in order, trimmed, empty elements dropped. */
    static List<String> split(List<String> fieldValues) {
        List<String> elements = new ArrayList<>();
        for (String value : fieldValues) {
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (quoted && c == '\\') {
                    i++; // quoted-pair: the next character is literal
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    addTrimmed(elements, value.substring(start, i));
                    start = i + 1;
                }
            }
            addTrimmed(elements, value.substring(start));
        }
        return elements;
    }

    /** The extension's name: the token before the first {@code ;}, lower-cased for comparison. */
    static String name(String element) {
        int semicolon = element.indexOf(';');
        return (semicolon < 0 ? element : element.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static void addTrimmed(List<String> elements, String element) {
        String trimmed = element.strip();
        if (!trimmed.isEmpty()) {
            elements.add(trimmed);
        }
    }
}
