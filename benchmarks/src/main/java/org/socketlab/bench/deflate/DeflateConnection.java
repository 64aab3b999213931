package org.socketlab.bench.deflate;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One client connection of the compression benchmark, written on raw blocking sockets so that the
 * client's work is identical against every server: it offers what Chromium offers
 * ({@code permessage-deflate; client_max_window_bits}) or nothing, compresses its messages with
 * {@code java.util.zip} (context takeover unless the server answered {@code
 * client_no_context_takeover}), inflates the echoes, and counts every byte it writes and reads
 * after the handshake (frame headers, mask keys and payloads: the bytes on the wire above TCP).
 * Owned by one thread.
 */
final class DeflateConnection implements AutoCloseable {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SplittableRandom maskKeys;
    private final Deflater deflater;
    private final Inflater inflater;
    private final boolean clientReset;
    private final boolean serverReset;
    private final byte[] scratch = new byte[64 * 1024];
    private long bytesSent;
    private long bytesReceived;

    private DeflateConnection(Socket socket, String answer, long seed) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = socket.getOutputStream();
        this.maskKeys = new SplittableRandom(seed);
        boolean agreed = answer != null;
        this.deflater = agreed ? new Deflater(Deflater.DEFAULT_COMPRESSION, true) : null;
        this.inflater = agreed ? new Inflater(true) : null;
        this.clientReset = agreed && answer.contains("client_no_context_takeover");
        this.serverReset = agreed && answer.contains("server_no_context_takeover");
    }

    /** Connects and upgrades; with {@code offerDeflate} the server must agree to permessage-deflate. */
    static DeflateConnection open(InetSocketAddress address, String path, boolean offerDeflate, long seed)
            throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(15_000);
            byte[] key = new byte[16];
            new SplittableRandom(seed).nextBytes(key);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + (offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(socket);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
            }
            String answer = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT))
                    .filter(value -> value.startsWith("permessage-deflate")).findFirst().orElse(null);
            if (offerDeflate && answer == null) {
                throw new IOException("the server declined permessage-deflate");
            }
            return new DeflateConnection(socket, answer, seed);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code message} (text when {@code text}) and reads its echo; fails unless it comes back intact. */
    void echo(byte[] message, boolean text) throws IOException {
        byte[] payload = deflater == null ? message : compress(message);
        writeFrame(text ? 0x1 : 0x2, deflater != null, payload);
        byte[] echoed = readMessage();
        if (!Arrays.equals(echoed, message)) {
            throw new IOException("the echo differs from the message (" + echoed.length + " vs " + message.length + " bytes)");
        }
    }

    long bytesSent() {
        return bytesSent;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    private byte[] compress(byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(message.length / 2 + 16);
        int count;
        do {
            count = deflater.deflate(scratch, 0, scratch.length, Deflater.SYNC_FLUSH);
            compressed.write(scratch, 0, count);
        } while (count == scratch.length);
        if (clientReset) {
            deflater.reset();
        }
        byte[] all = compressed.toByteArray();
        return Arrays.copyOf(all, all.length - TAIL.length); // RFC 7692 §7.2.1
    }

    private void writeFrame(int opcode, boolean rsv1, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        int key = maskKeys.nextInt();
        byte[] mask = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        bytesSent += frame.size();
        frame.writeTo(out);
    }

    private byte[] readMessage() throws IOException {
        ByteArrayOutputStream payloads = new ByteArrayOutputStream();
        boolean compressed = false;
        boolean first = true;
        boolean fin;
        do {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                length = in.readUnsignedShort();
                header += 2;
            } else if (length == 127) {
                length = in.readLong();
                header += 8;
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            bytesReceived += header + length;
            fin = (b0 & 0x80) != 0;
            if ((b0 & 0x0F) >= 0x8) {
                throw new IOException("control frame 0x" + Integer.toHexString(b0 & 0x0F) + " during the echo");
            }
            if (first) {
                compressed = (b0 & 0x40) != 0;
                first = false;
            }
            payloads.writeBytes(payload);
        } while (!fin);
        return compressed ? inflate(payloads) : payloads.toByteArray();
    }

    private byte[] inflate(ByteArrayOutputStream payloads) throws IOException {
        payloads.writeBytes(TAIL);
        inflater.setInput(payloads.toByteArray());
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int count = inflater.inflate(scratch);
                message.write(scratch, 0, count);
            }
        } catch (DataFormatException e) {
            throw new IOException("the echo does not inflate: " + e.getMessage(), e);
        }
        if (serverReset || inflater.finished()) {
            inflater.reset();
        }
        return message.toByteArray();
    }

    private static String readHead(Socket socket) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        var input = socket.getInputStream();
        int matched = 0;
        while (matched < 4) {
            int b = input.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        try {
            if (deflater != null) {
                deflater.end();
                inflater.end();
            }
        } finally {
            socket.close();
        }
    }
}
