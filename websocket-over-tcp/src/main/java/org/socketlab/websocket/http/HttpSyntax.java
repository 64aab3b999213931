package org.socketlab.websocket.http;

/**
 * Character classes of HTTP/1.1 (RFC 9110 §5.6, RFC 9112 §2) and message quoting helpers.
 * Package-private: the one place where the grammar's byte tables live.
 */
final class HttpSyntax {

    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';

    private static final boolean[] TCHAR = new boolean[128];

    static {
        // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
        //                  "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpSyntax() {
    }

    static boolean isTchar(int b) {
        return b >= 0 && b < 128 && TCHAR[b];
    }

    static boolean isToken(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** VCHAR (RFC 5234 B.1): visible US-ASCII 0x21..0x7E. */
    static boolean isVchar(int b) {
        return b >= 0x21 && b <= 0x7E;
    }

    /**
     * Field-value characters we accept: VCHAR, SP, HTAB. RFC 9110 §5.5 also allows obs-text
     * (0x80..0xFF) for historical reasons; we refuse it so that every value is plain ASCII.
     */
    static boolean isFieldValueChar(int b) {
        return isVchar(b) || b == SP || b == HTAB;
    }

    static boolean isOws(int b) {
        return b == SP || b == HTAB;
    }

    /** Whether {@code value} is a field value we can write and parse back unchanged. */
    static String fieldValueProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isFieldValueChar(c)) {
                return "contains " + describe(c) + " at index " + i;
            }
        }
        if (!value.isEmpty() && (isOws(value.charAt(0)) || isOws(value.charAt(value.length() - 1)))) {
            return "has leading or trailing whitespace, which the parser would strip";
        }
        return null;
    }

    /** A printable, bounded rendering of untrusted text for error messages. */
    static String quote(CharSequence text) {
        int max = 60;
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8).append('"');
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append(c);
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(String.format("\\x%02X", (int) c & 0xFF));
            }
        }
        if (text.length() > max) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    static String describe(int b) {
        return String.format("byte 0x%02X", b & 0xFF);
    }
}
