package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;

/** Incremental UTF-8 validator. Work in progress. */
public final class Utf8Validator {

    public boolean feed(ByteBuffer bytes) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public boolean isCompleteSequence() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void reset() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
