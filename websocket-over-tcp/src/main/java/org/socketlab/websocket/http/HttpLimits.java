package org.socketlab.websocket.http;

/**
 * Size limits the parsers enforce on everything they read. A parser never holds more than
 * these many bytes, so a hostile peer cannot make it allocate without bound.
 *
 * @param maxRequestLineLength longest request line or status line, without its CRLF
 *                             (RFC 9112 §3 recommends at least 8000 octets); longer → 414
 * @param maxHeaderBytes       bytes of the whole header section including every CRLF; more → 431
 *                             (RFC 6585 §5)
 * @param maxHeaderCount       number of header field lines; more → 431 (RFC 6585 §5)
 * @param maxBodyBytes         largest Content-Length body we read; larger → 413 (RFC 9110 §15.5.14).
 *                             Refused before anything is read; a body within it is buffered as it
 *                             arrives (at most twice the bytes received), never allocated up front
 */
public record HttpLimits(int maxRequestLineLength, int maxHeaderBytes, int maxHeaderCount, int maxBodyBytes) {

    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8192;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    public HttpLimits {
        requirePositive("maxRequestLineLength", maxRequestLineLength);
        requirePositive("maxHeaderBytes", maxHeaderBytes);
        requirePositive("maxHeaderCount", maxHeaderCount);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        }
    }

    /** The contract constructor: body limit defaults to {@value #DEFAULT_MAX_BODY_BYTES} bytes. */
    public HttpLimits(int maxRequestLineLength, int maxHeaderBytes, int maxHeaderCount) {
        this(maxRequestLineLength, maxHeaderBytes, maxHeaderCount, DEFAULT_MAX_BODY_BYTES);
    }

    /** 8 KiB request line, 8 KiB header section, 100 header lines, 1 MiB body. */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_REQUEST_LINE_LENGTH, DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_MAX_HEADER_COUNT, DEFAULT_MAX_BODY_BYTES);
    }

    public HttpLimits withMaxRequestLineLength(int value) {
        return new HttpLimits(value, maxHeaderBytes, maxHeaderCount, maxBodyBytes);
    }

    public HttpLimits withMaxHeaderBytes(int value) {
        return new HttpLimits(maxRequestLineLength, value, maxHeaderCount, maxBodyBytes);
    }

    public HttpLimits withMaxHeaderCount(int value) {
        return new HttpLimits(maxRequestLineLength, maxHeaderBytes, value, maxBodyBytes);
    }

    public HttpLimits withMaxBodyBytes(int value) {
        return new HttpLimits(maxRequestLineLength, maxHeaderBytes, maxHeaderCount, value);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
