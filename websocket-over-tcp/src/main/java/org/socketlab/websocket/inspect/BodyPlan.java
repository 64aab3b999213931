package org.socketlab.websocket.inspect;

/**
 * How the body of one HTTP message is delimited (RFC 9112 §6.3), decided from its head — and,
 * for a response, from the request it answers.
 *
 * @param kind   none, a Content-Length, chunked, or until the connection closes
 * @param length the Content-Length for {@link Kind#LENGTH}
 * @param events whether the body is a {@code text/event-stream} to read as SSE events
 */
record BodyPlan(Kind kind, long length, boolean events) {

    enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    static final BodyPlan NONE = new BodyPlan(Kind.NONE, 0, false);

    /** RFC 9112 §6.3 items 4–7 for a request: chunked, else Content-Length, else no body. */
    static BodyPlan forRequest(HttpHead request) {
        if (request.isChunked()) {
            return new BodyPlan(Kind.CHUNKED, 0, false);
        }
        long length = request.contentLength();
        return length > 0 ? new BodyPlan(Kind.LENGTH, length, false) : NONE;
    }

    /**
     * RFC 9112 §6.3 items 1–8 for a response: none after HEAD and for 1xx/204/304; else chunked,
     * else Content-Length, else everything until the server closes.
     */
    static BodyPlan forResponse(HttpHead response, String requestMethod) {
        int status = response.status();
        if (requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return NONE;
        }
        boolean events = response.isEventStream();
        if (response.isChunked()) {
            return new BodyPlan(Kind.CHUNKED, 0, events);
        }
        long length = response.contentLength();
        if (length >= 0) {
            return length == 0 ? NONE : new BodyPlan(Kind.LENGTH, length, events);
        }
        return new BodyPlan(Kind.UNTIL_CLOSE, 0, events);
    }
}
