package org.socketlab.labs.manysockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An {@link EchoServerChild} in a new JVM: the same Java and class path as this one. */
public final class ChildServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the child and waits (at most 30 s) for its {@code port N} line. */
    public static ChildServer start(ServerKind kind) throws IOException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaCommand, "-Xss512k", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"),
                EchoServerChild.class.getName(), "--kind", kind.name()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();                 // the child prints one line when it listens
        if (line == null || !line.startsWith("port ")) {
            process.destroyForcibly();
            throw new IOException("the " + kind + " echo server did not start (it printed " + line + ")");
        }
        return new ChildServer(process, Integer.parseInt(line.substring(5).trim()));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();            // end of stdin: the child stops its server
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
