package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.socketlab.websocket.http.ChunkSize;

/**
 * Undoes the chunked transfer coding (RFC 9112 §7.1) for a dissector:
 * {@code chunk-size [; ext] CRLF chunk-data CRLF} … {@code 0 CRLF} trailer fields {@code CRLF}.
 * Each chunk is reported, its data handed to the body's {@link BodySink}. A chunk-size line
 * that is not hex cannot be resynchronised (the next chunk could start anywhere), so the rest
 * of the stream is then reported as raw bytes. Not thread-safe.
 */
final class ChunkedBodyReader {

    private enum State { SIZE, DATA, DATA_END, TRAILERS, DONE, BROKEN }

    private final LineReader lines = new LineReader(4096, StandardCharsets.ISO_8859_1);
    private State state = State.SIZE;
    private long chunkRemaining;
    private long dataTotal;
    private int chunks;

    /** Consumes body bytes; true once the last chunk and the trailer section have been read. */
    boolean feed(ByteBuffer in, BodySink sink, List<String> out) {
        while (in.hasRemaining() && state != State.DONE) {
            switch (state) {
                case SIZE -> sizeLine(lines.read(in), out);
                case DATA -> data(in, sink, out);
                case DATA_END -> dataEnd(lines.read(in), out);
                case TRAILERS -> trailer(lines.read(in), out);
                case BROKEN -> {
                    out.add("raw: " + in.remaining() + " bytes after the broken chunked body");
                    in.position(in.limit());
                }
                default -> throw new IllegalStateException("unreachable: " + state);
            }
        }
        return state == State.DONE;
    }

    /** How far the body got, for a progress or end-of-stream line. */
    String progress() {
        return chunks + " chunk(s), " + dataTotal + " data bytes so far" + (state == State.DATA
                ? ", " + chunkRemaining + " bytes of the current chunk to come" : "");
    }

    private void sizeLine(LineReader.Line line, List<String> out) {
        if (line == null) {
            return;
        }
        String size = ChunkSize.field(line.text());
        long announced = ChunkSize.parse(line.text());
        if (announced < 0) {
            out.add("! chunk size " + Preview.text(ByteBuffer.wrap(line.text().getBytes(StandardCharsets.ISO_8859_1)), 0)
                    + " is not hexadecimal (RFC 9112 §7.1); the chunk boundaries are lost");
            state = State.BROKEN;
            return;
        }
        chunkRemaining = announced;
        if (chunkRemaining == 0) {
            out.add("last chunk (size 0): " + chunks + " chunk(s), " + dataTotal + " bytes of data");
            state = State.TRAILERS;
        } else {
            chunks++;
            out.add("chunk " + chunks + ": size 0x" + size + " = " + chunkRemaining + " bytes"
                    + (line.text().contains(";") ? ", extension " + line.text().substring(line.text().indexOf(';')) : ""));
            state = State.DATA;
        }
    }

    private void data(ByteBuffer in, BodySink sink, List<String> out) {
        int count = (int) Math.min(in.remaining(), chunkRemaining);
        ByteBuffer piece = in.slice(in.position(), count);
        in.position(in.position() + count);
        sink.accept(piece, out);
        chunkRemaining -= count;
        dataTotal += count;
        if (chunkRemaining == 0) {
            state = State.DATA_END;
        }
    }

    private void dataEnd(LineReader.Line line, List<String> out) {
        if (line == null) {
            return;
        }
        if (!line.text().isEmpty()) {
            out.add("! chunk data is not followed by CRLF (RFC 9112 §7.1); the chunk boundaries are lost");
            state = State.BROKEN;
            return;
        }
        state = State.SIZE;
    }

    private void trailer(LineReader.Line line, List<String> out) {
        if (line == null) {
            return;
        }
        if (line.text().isEmpty()) {
            state = State.DONE;
        } else {
            out.add("trailer " + line.text());
        }
    }
}
