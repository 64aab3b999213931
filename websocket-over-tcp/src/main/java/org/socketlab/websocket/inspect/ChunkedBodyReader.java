package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.socketlab.websocket.http.ChunkedDecoder;
import org.socketlab.websocket.http.LineReader;

/**
 * Undoes the chunked transfer coding (RFC 9112 §7.1) for a dissector:
 * {@link ChunkedDecoder} under the lenient {@link LineReader.Policy#LENIENT_LF} (bare LF accepted,
 * over-long lines cut), each part reported, chunk data handed to the body's {@link BodySink}. A
 * fault — a chunk-size line that is not hex, data not followed by CRLF — cannot be
 * resynchronised (the next chunk could start anywhere), so the rest of the stream is then
 * reported as raw bytes. Not thread-safe.
 */
final class ChunkedBodyReader {

    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILER_BYTES = 64 * 1024;

    private final ChunkedDecoder decoder = new ChunkedDecoder(new ChunkedDecoder.Limits(
            LineReader.Policy.LENIENT_LF, MAX_LINE, Long.MAX_VALUE, Long.MAX_VALUE, MAX_TRAILER_BYTES));
    private boolean broken;
    private int chunks;

    /** Consumes body bytes; true once the last chunk and the trailer section have been read. */
    boolean feed(ByteBuffer in, BodySink sink, List<String> out) {
        while (in.hasRemaining() && !decoder.isDone()) {
            if (broken) {
                out.add("raw: " + in.remaining() + " bytes after the broken chunked body");
                in.position(in.limit());
                break;
            }
            try {
                ChunkedDecoder.Part part = decoder.next(in);
                if (part != null) {
                    report(part, sink, out);
                }
            } catch (ChunkedDecoder.ChunkedException e) {
                out.add(fault(e));
                broken = true;
            }
        }
        return decoder.isDone();
    }

    /** How far the body got, for a progress or end-of-stream line. */
    String progress() {
        return chunks + " chunk(s), " + decoder.bodyBytes() + " data bytes so far" + (decoder.chunkRemaining() > 0
                ? ", " + decoder.chunkRemaining() + " bytes of the current chunk to come" : "");
    }

    private void report(ChunkedDecoder.Part part, BodySink sink, List<String> out) {
        switch (part) {
            case ChunkedDecoder.Part.SizeLine line when line.size() == 0 ->
                    out.add("last chunk (size 0): " + chunks + " chunk(s), " + decoder.bodyBytes() + " bytes of data");
            case ChunkedDecoder.Part.SizeLine line -> {
                chunks++;
                out.add("chunk " + chunks + ": size 0x" + line.sizeField() + " = " + line.size() + " bytes"
                        + (line.extension().isEmpty() ? "" : ", extension " + line.extension()));
            }
            case ChunkedDecoder.Part.Data data -> sink.accept(data.bytes(), out);
            case ChunkedDecoder.Part.Trailer trailer -> out.add("trailer " + trailer.line());
            case ChunkedDecoder.Part.End end -> { }
        }
    }

    private static String fault(ChunkedDecoder.ChunkedException e) {
        return switch (e.fault()) {
            case SIZE_NOT_HEX -> "! chunk size " + Preview.text(ByteBuffer.wrap(e.detail().getBytes(StandardCharsets.ISO_8859_1)), 0)
                    + " is not hexadecimal (RFC 9112 §7.1); the chunk boundaries are lost";
            case DATA_NOT_FOLLOWED_BY_CRLF -> "! chunk data is not followed by CRLF (RFC 9112 §7.1); the chunk boundaries are lost";
            default -> "! the chunked body broke a limit (" + e.getMessage() + "); the chunk boundaries are lost";
        };
    }
}
