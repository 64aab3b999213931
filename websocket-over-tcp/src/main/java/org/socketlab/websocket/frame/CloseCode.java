package org.socketlab.websocket.frame;

/**
 * A close status code (RFC 6455 §7.4). A record rather than an enum because the application
 * range 3000–4999 is open-ended; the registered codes are constants.
 *
 * <p>Three registered codes must never appear on the wire (§7.4.1): 1005 (no status), 1006
 * (abnormal closure) and 1015 (TLS failure) only describe what happened locally.
 */
public record CloseCode(int code) {

    public static final CloseCode NORMAL_CLOSURE = new CloseCode(1000);
    public static final CloseCode GOING_AWAY = new CloseCode(1001);
    public static final CloseCode PROTOCOL_ERROR = new CloseCode(1002);
    public static final CloseCode UNSUPPORTED_DATA = new CloseCode(1003);
    public static final CloseCode NO_STATUS_RECEIVED = new CloseCode(1005);
    public static final CloseCode ABNORMAL_CLOSURE = new CloseCode(1006);
    public static final CloseCode INVALID_PAYLOAD = new CloseCode(1007);
    public static final CloseCode POLICY_VIOLATION = new CloseCode(1008);
    public static final CloseCode MESSAGE_TOO_BIG = new CloseCode(1009);
    public static final CloseCode MANDATORY_EXTENSION = new CloseCode(1010);
    public static final CloseCode INTERNAL_ERROR = new CloseCode(1011);
    public static final CloseCode SERVICE_RESTART = new CloseCode(1012);
    public static final CloseCode TRY_AGAIN_LATER = new CloseCode(1013);
    public static final CloseCode BAD_GATEWAY = new CloseCode(1014);
    public static final CloseCode TLS_HANDSHAKE = new CloseCode(1015);

    public CloseCode {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException(
                    "close code %d does not fit in 16 bits (RFC 6455 §5.5.1)".formatted(code));
        }
    }

    /** The close code with this number (a shared constant when it is a registered one). */
    public static CloseCode of(int code) {
        return switch (code) {
            case 1000 -> NORMAL_CLOSURE;
            case 1001 -> GOING_AWAY;
            case 1002 -> PROTOCOL_ERROR;
            case 1003 -> UNSUPPORTED_DATA;
            case 1005 -> NO_STATUS_RECEIVED;
            case 1006 -> ABNORMAL_CLOSURE;
            case 1007 -> INVALID_PAYLOAD;
            case 1008 -> POLICY_VIOLATION;
            case 1009 -> MESSAGE_TOO_BIG;
            case 1010 -> MANDATORY_EXTENSION;
            case 1011 -> INTERNAL_ERROR;
            case 1012 -> SERVICE_RESTART;
            case 1013 -> TRY_AGAIN_LATER;
            case 1014 -> BAD_GATEWAY;
            case 1015 -> TLS_HANDSHAKE;
            default -> new CloseCode(code);
        };
    }

    /**
     * Whether a peer may send this code in a close frame (RFC 6455 §7.4.1–§7.4.2):
     * 1000–1003 and 1007–1014 (IANA-registered, 1004 reserved, 1005/1006/1015 local-only),
     * 3000–4999 (libraries, frameworks and applications). 0–999, 1016–2999 and 5000+ are not.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }

    /** {@link #isValidOnWire(int)} for this code. */
    public boolean isValidOnWire() {
        return isValidOnWire(code);
    }

    /** A short human description, e.g. "protocol error". */
    public String description() {
        return switch (code) {
            case 1000 -> "normal closure";
            case 1001 -> "going away";
            case 1002 -> "protocol error";
            case 1003 -> "unsupported data";
            case 1004 -> "reserved";
            case 1005 -> "no status received";
            case 1006 -> "abnormal closure";
            case 1007 -> "invalid frame payload data";
            case 1008 -> "policy violation";
            case 1009 -> "message too big";
            case 1010 -> "mandatory extension";
            case 1011 -> "internal error";
            case 1012 -> "service restart";
            case 1013 -> "try again later";
            case 1014 -> "bad gateway";
            case 1015 -> "TLS handshake failure";
            default -> code >= 3000 && code <= 3999 ? "registered by a library or framework"
                    : code >= 4000 && code <= 4999 ? "private use by an application"
                    : "unassigned";
        };
    }

    @Override
    public String toString() {
        return code + " (" + description() + ")";
    }
}
