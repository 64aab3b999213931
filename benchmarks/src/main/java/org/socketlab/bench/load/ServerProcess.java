package org.socketlab.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parent's handle on an {@link EchoServerProcess} child JVM: started with this JVM's java and
 * class path, ready when it prints its {@code listening on} line, asked for its memory, stopped.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on ws://([^:/]+):(\\d+)(/.*)");
    private static final Pattern MEMORY = Pattern.compile("memory heap=(\\d+) rss=(-?\\d+) threads=(\\d+)");

    /** What the child reported about itself after a full GC. */
    public record Memory(long heapBytes, long rssBytes, int threads) {
    }

    private final String kind;
    private final Process process;
    private final BufferedReader stdout;
    private final Writer stdin;
    private final InetSocketAddress address;
    private final String path;

    private ServerProcess(String kind, Process process) throws IOException {
        this.kind = kind;
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Matcher ready = LISTENING.matcher(readLine(30));
        if (!ready.matches()) {
            throw new IOException(kind + " server did not announce itself");
        }
        this.address = new InetSocketAddress(ready.group(1), Integer.parseInt(ready.group(2)));
        this.path = ready.group(3);
    }

    /**
     * Starts {@code kind} (see {@link EchoServerProcess}) in a new JVM with the given heap limit.
     * Extra JVM options for every server JVM (e.g. {@code -Djdk.pollerMode=2}) come from the
     * suite JVM's system property {@code bench.serverJvm}, separated by spaces.
     */
    public static ServerProcess start(String kind, String maxHeap) throws IOException {
        return start(kind, maxHeap, List.of());
    }

    /** As {@link #start(String, String)}, with more JVM options after {@code bench.serverJvm}'s (e.g. a JFR recording). */
    public static ServerProcess start(String kind, String maxHeap, List<String> jvmOptions) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-Xss1m"));
        String extra = System.getProperty("bench.serverJvm", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoServerProcess.class.getName(), kind));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return new ServerProcess(kind, process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public String kind() {
        return kind;
    }

    /** The child's operating-system process id (for /proc, perf, jcmd). */
    public long pid() {
        return process.pid();
    }

    /** Stops the child as {@link #close()} does, then waits up to {@code seconds} for it to be gone (e.g. while JFR dumps). */
    public boolean closeAndWait(int seconds) throws InterruptedException {
        close();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public InetSocketAddress address() {
        return address;
    }

    public String path() {
        return path;
    }

    /** Asks the child for heap (after GC), RSS and thread count. */
    public Memory memory() throws IOException {
        stdin.write("memory\n");
        stdin.flush();
        Matcher m = MEMORY.matcher(readLine(60));
        if (!m.matches()) {
            throw new IOException(kind + " server answered the memory command with something else");
        }
        return new Memory(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)));
    }

    private String readLine(int timeoutSeconds) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String text = line.get(timeoutSeconds, TimeUnit.SECONDS);
            if (text == null) {
                throw new IOException(kind + " server exited (status " + process.waitFor() + ")");
            }
            return text;
        } catch (TimeoutException e) {
            throw new IOException(kind + " server printed nothing within " + timeoutSeconds + " s", e);
        } catch (ExecutionException e) {
            throw new IOException(kind + " server output could not be read", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the " + kind + " server", e);
        }
    }

    @Override
    public void close() {
        try {
            stdin.write("quit\n");
            stdin.flush();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
