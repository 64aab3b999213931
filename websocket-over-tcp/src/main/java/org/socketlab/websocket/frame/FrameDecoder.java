package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;

/** Incremental frame decoder (RFC 6455 §5.2). Work in progress. */
public final class FrameDecoder {

    public FrameDecoder(Role localRole, long maxFramePayload, int allowedRsvBits) {
    }

    public Frame decode(ByteBuffer in) throws ProtocolException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
