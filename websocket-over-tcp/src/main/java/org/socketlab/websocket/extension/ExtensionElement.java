package org.socketlab.websocket.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One element of a {@code Sec-WebSocket-Extensions} list, parsed (RFC 6455 §9.1):
 * {@code extension = extension-token *( ";" extension-param )},
 * {@code extension-param = token [ "=" (token | quoted-string) ]}. A quoted value is unquoted
 * here; RFC 6455 §9.1 requires it to conform to the token ABNF once unquoted, which the callers
 * check value by value.
 *
 * @param name       the extension's name, lower-cased
 * @param parameters the parameters in the order they were written (duplicates kept, so that
 *                   RFC 7692 §7.1's "multiple parameters with the same name" can be detected)
 */
record ExtensionElement(String name, List<Parameter> parameters) {

    /** A parameter: its lower-cased name and its value, empty when it was written without one. */
    record Parameter(String name, Optional<String> value) {
    }

    ExtensionElement {
        parameters = List.copyOf(parameters);
    }

    /**
     * Parses one element such as {@code permessage-deflate; client_max_window_bits; server_max_window_bits="10"}.
     *
     * @return empty when the element is not well formed (a missing name, an empty parameter, a
     *         broken quoted string): such an offer cannot be accepted
     */
    static Optional<ExtensionElement> parse(String element) {
        List<String> pieces = splitOutsideQuotes(element);
        if (pieces == null) {
            return Optional.empty();
        }
        String name = pieces.get(0).strip();
        if (!isToken(name)) {
            return Optional.empty();
        }
        List<Parameter> parameters = new ArrayList<>();
        for (String piece : pieces.subList(1, pieces.size())) {
            Optional<Parameter> parameter = parameter(piece.strip());
            if (parameter.isEmpty()) {
                return Optional.empty();
            }
            parameters.add(parameter.get());
        }
        return Optional.of(new ExtensionElement(name.toLowerCase(Locale.ROOT), parameters));
    }

    private static Optional<Parameter> parameter(String text) {
        int equals = text.indexOf('=');
        String name = (equals < 0 ? text : text.substring(0, equals)).strip();
        if (!isToken(name)) {
            return Optional.empty();
        }
        if (equals < 0) {
            return Optional.of(new Parameter(name.toLowerCase(Locale.ROOT), Optional.empty()));
        }
        String value = text.substring(equals + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        // RFC 6455 §9.1: a value must be a token, also after unquoting.
        return isToken(value) ? Optional.of(new Parameter(name.toLowerCase(Locale.ROOT), Optional.of(value)))
                : Optional.empty();
    }

    /** Splits at {@code ;} outside quoted strings; null when a quote is left open. */
    private static List<String> splitOutsideQuotes(String element) {
        List<String> pieces = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                pieces.add(element.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            return null;
        }
        pieces.add(element.substring(start));
        return pieces;
    }

    /** RFC 9110 §5.6.2 token: one or more tchar. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
