package org.socketlab.websocket.inspect;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.socketlab.tcp.wire.Direction;
import org.socketlab.tcp.wire.Dissector;

/**
 * The dissector for everything this course sends over TCP: HTTP/1.1 requests and responses
 * (heads, Content-Length and chunked bodies, server-sent events), the WebSocket upgrade with
 * its accept key checked, then WebSocket frames in both directions. Plug it into a
 * {@link org.socketlab.tcp.wire.WireTap} with {@code .dissectors(HttpWebSocketDissector::new)}.
 *
 * <p>Each direction is a {@link Stream} in one of four modes: HTTP, HELD (the client's bytes
 * after an upgrade request wait for the server's answer, because only the answer says whether
 * they are frames or the next HTTP request), WEBSOCKET, or RAW. Responses are matched to
 * requests in order (RFC 9112 §9.3) so a HEAD's or an upgrade's answer is read correctly.
 *
 * <p>Pure: bytes in, lines out; no sockets, threads or clocks. Not thread-safe — the tap
 * serialises calls, as the {@link Dissector} contract promises.
 */
public final class HttpWebSocketDissector implements Dissector {

    /** Client bytes held while an upgrade is pending; past this they are assumed to be frames. */
    static final int MAX_HELD = 64 * 1024;

    private enum Mode { HTTP, HELD, WEBSOCKET, RAW }

    private final Stream client = new Stream(true);
    private final Stream server = new Stream(false);
    private final Deque<HttpHead> unanswered = new ArrayDeque<>();
    private final boolean frameFields;

    /** Frames as one summary line plus their payload. */
    public HttpWebSocketDissector() {
        this(false);
    }

    /** @param frameFields also show every frame field by field ({@link FrameDump}), as lab 09 does */
    public HttpWebSocketDissector(boolean frameFields) {
        this.frameFields = frameFields;
    }

    @Override
    public List<String> dissect(Direction direction, ByteBuffer bytes) {
        List<String> out = new ArrayList<>();
        stream(direction).feed(bytes, out);
        out.replaceAll(Preview::oneLine);            // a peer's CR or ESC in a header must not break the output
        return out;
    }

    @Override
    public List<String> endOfStream(Direction direction) {
        List<String> out = new ArrayList<>();
        stream(direction).endOfStream(out);
        out.replaceAll(Preview::oneLine);
        return out;
    }

    private Stream stream(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? client : server;
    }

    private void requestHead(HttpHead request, List<String> out) {
        unanswered.addLast(request);
        if (request.isWebSocketUpgrade()) {
            UpgradeCheck.request(request, out);
            client.http.startBody(BodyPlan.NONE, out);
            client.mode = Mode.HELD;
        } else if (request.contentLength() == -2) {
            out.add("! Content-Length " + request.first("Content-Length").orElse("") + " is not a number (RFC 9110 §8.6)");
            client.http.startBody(BodyPlan.NONE, out);
        } else {
            client.http.startBody(BodyPlan.forRequest(request), out);
        }
    }

    private void responseHead(HttpHead response, List<String> out) {
        int status = response.status();
        HttpHead request = status >= 100 && status < 200 && status != 101 ? unanswered.peekFirst() : unanswered.pollFirst();
        if (request == null) {
            out.add("! a response with no request before it on this connection");
        }
        boolean upgradeAsked = request != null && request.isWebSocketUpgrade();
        if (status == 101 && upgradeAsked) {
            String deflate = UpgradeCheck.accepted(request, response, out);
            server.switchToFrames(deflate);
            client.switchToFrames(deflate);
            client.releaseHeld(out);
            return;
        }
        if (status == 101) {
            out.add("switched to protocol " + response.first("Upgrade").orElse("(none)") + ", which this dissector does not know");
            server.mode = Mode.RAW;
            client.mode = Mode.RAW;
            client.releaseHeld(out);
            return;
        }
        if (upgradeAsked && status >= 200) {
            out.add("WebSocket upgrade refused with " + status + "; the connection stays HTTP");
            client.mode = Mode.HTTP;
            client.releaseHeld(out);
        }
        server.http.startBody(BodyPlan.forResponse(response, request == null ? "" : request.method()), out);
    }

    /** One direction's bytes and the parser currently reading them. */
    private final class Stream {
        private final boolean fromClient;
        private final HttpStreamDissector http = new HttpStreamDissector();
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private FrameDissector frames;
        private Mode mode = Mode.HTTP;
        private long offset;

        Stream(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void feed(ByteBuffer bytes, List<String> out) {
            while (bytes.hasRemaining()) {
                switch (mode) {
                    case HTTP -> http(bytes, out);
                    case HELD -> hold(bytes, out);
                    case WEBSOCKET -> {
                        offset += bytes.remaining();
                        frames.feed(bytes, out);
                    }
                    case RAW -> {
                        out.add("raw: " + bytes.remaining() + " bytes (not dissected)");
                        offset += bytes.remaining();
                        bytes.position(bytes.limit());
                    }
                    default -> throw new IllegalStateException("unreachable: " + mode);
                }
            }
        }

        private void http(ByteBuffer bytes, List<String> out) {
            int before = bytes.position();
            HttpStreamDissector.Step step = http.feed(bytes, out);
            offset += bytes.position() - before;
            if (step == HttpStreamDissector.Step.HEAD_COMPLETE) {
                if (fromClient) {
                    requestHead(http.head(), out);
                } else {
                    responseHead(http.head(), out);
                }
            }
        }

        private void hold(ByteBuffer bytes, List<String> out) {
            int count = Math.min(bytes.remaining(), MAX_HELD - held.size());
            byte[] copy = new byte[count];
            bytes.get(copy);                                   // the tap's buffer is read-only: copy
            held.writeBytes(copy);
            out.add("held: " + count + " bytes sent before the server answered the upgrade (" + held.size() + " held)");
            if (held.size() == MAX_HELD) {
                out.add("! more than " + MAX_HELD + " bytes sent before the server answered; assuming they are frames");
                switchToFrames(null);
                releaseHeld(out);
            }
        }

        /** @param deflate accepted permessage-deflate parameters, or null (RFC 7692 §7.1.1 names who resets) */
        void switchToFrames(String deflate) {
            mode = Mode.WEBSOCKET;
            Inflation inflation = deflate == null ? null
                    : new Inflation(deflate.contains((fromClient ? "client" : "server") + "_no_context_takeover"));
            frames = new FrameDissector(fromClient, inflation, offset, frameFields);
        }

        /** Dissects the bytes held during the upgrade, now that the mode is known. */
        void releaseHeld(List<String> out) {
            if (held.size() == 0) {
                return;
            }
            out.add("C->S: the " + held.size() + " held bytes:");
            ByteBuffer bytes = ByteBuffer.wrap(held.toByteArray());
            held.reset();
            feed(bytes, out);
        }

        void endOfStream(List<String> out) {
            switch (mode) {
                case HTTP -> http.endOfStream(out);
                case WEBSOCKET -> frames.endOfStream(out);
                case HELD -> out.add("the client finished sending while its upgrade was unanswered (" + held.size() + " bytes held)");
                default -> {
                    // RAW: every byte was already reported
                }
            }
        }
    }
}
