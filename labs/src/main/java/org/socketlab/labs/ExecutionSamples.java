package org.socketlab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Lab 15's profile: counts Flight Recorder {@code jdk.ExecutionSample} events of one thread by
 * the method of ours they were in (the first {@code org.socketlab} frame from the top). Unlike a safepoint-biased sampler, a sample taken inside a hot loop is
 * attributed to the method running, not to the next safepoint poll.
 */
final class ExecutionSamples {

    private static final String OWN_CODE = "org.socketlab.";

    private ExecutionSamples() {
    }

    /** The most recently written {@code *.jfr} file under {@code directory}. */
    static Optional<Path> newestRecording(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".jfr"))
                    .max(Comparator.comparing(ExecutionSamples::modified));
        }
    }

    /** "87.2%  org.socketlab...Masking.applyToArray" lines, most samples first. */
    static List<String> topFrames(Path recording, String threadNamePart, int limit) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            if (thread == null || thread.getJavaName() == null || !thread.getJavaName().contains(threadNamePart)) {
                continue;
            }
            counts.merge(attribute(event.getStackTrace().getFrames()), 1, Integer::sum);
            total++;
        }
        List<String> lines = new ArrayList<>();
        if (total == 0) {
            lines.add("(no execution samples of a thread named *" + threadNamePart + "*)");
            return lines;
        }
        int samples = total;
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(entry -> lines.add(String.format(Locale.ROOT, "%5.1f%%  %s", 100.0 * entry.getValue() / samples,
                        entry.getKey())));
        lines.add("(" + samples + " samples)");
        return lines;
    }

    /**
     * The first frame of our own code (not JMH's generated harness): a JDK intrinsic such as
     * {@code Unsafe.putLongUnaligned} on top is the VarHandle write inlined into our loop, so the
     * time belongs to the loop that called it. Falls back to the top frame.
     */
    private static String attribute(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith(OWN_CODE) && !type.contains(".jmh_generated.")) {
                return type + "." + frame.getMethod().getName();
            }
        }
        RecordedFrame top = frames.get(0);
        return top.getMethod().getType().getName() + "." + top.getMethod().getName();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
