package org.socketlab.websocket.http;

/** Splitting a request-target (RFC 9112 §3.2) into path and query, without java.net. */
final class RequestTarget {

    private RequestTarget() {
    }

    static void requireValid(String target) {
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException("request-target must not be empty (RFC 9112 §3.2)");
        }
        for (int i = 0; i < target.length(); i++) {
            if (!HttpSyntax.isVchar(target.charAt(i))) {
                throw new IllegalArgumentException("request-target must be visible ASCII (RFC 9112 §3.2), got "
                        + HttpSyntax.quote(target));
            }
        }
    }

    /** Whether the target is origin-form ({@code /...}) or absolute-form ({@code scheme://...}). */
    static boolean isOriginOrAbsoluteForm(String target) {
        return target.startsWith("/") || absolutePathStart(target) >= 0;
    }

    static String path(String target) {
        String relative = relativePart(target);
        int question = relative.indexOf('?');
        String path = question < 0 ? relative : relative.substring(0, question);
        return path.isEmpty() ? "/" : path;
    }

    static String query(String target) {
        String relative = relativePart(target);
        int question = relative.indexOf('?');
        return question < 0 ? "" : relative.substring(question + 1);
    }

    /** For absolute-form, the part after the authority; origin-form targets are returned as they are. */
    private static String relativePart(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int start = absolutePathStart(target);
        return start < 0 ? target : target.substring(start);
    }

    /**
     * Index where path-abempty begins in an absolute-form target {@code scheme://authority...}
     * (RFC 3986 §3), or -1 when {@code target} is not of that shape.
     */
    private static int absolutePathStart(String target) {
        int colon = target.indexOf("://");
        if (colon <= 0 || !isScheme(target.substring(0, colon))) {
            return -1;
        }
        int authorityStart = colon + 3;
        for (int i = authorityStart; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return target.length();
    }

    private static boolean isScheme(String scheme) {
        if (!Character.isLetter(scheme.charAt(0))) {
            return false;
        }
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
