package org.socketlab.websocket.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class in a fresh JVM (the running JDK, the test classpath). */
public final class TestProcesses {

    private TestProcesses() {
    }

    public static PeerProcess java(Class<?> main, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new PeerProcess(main.getSimpleName(), new ProcessBuilder(command).start());
    }
}
