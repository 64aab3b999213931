package org.socketlab.websocket.frame;

/**
 * Which end of the connection this code plays. It decides the masking rule of
 * RFC 6455 §5.1: a client masks every frame it sends, a server never does.
 */
public enum Role {
    CLIENT,
    SERVER;

    /** The role of the peer at the other end. */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    /** RFC 6455 §5.1: frames sent by a client are masked, frames sent by a server are not. */
    public boolean masksOutgoingFrames() {
        return this == CLIENT;
    }
}
