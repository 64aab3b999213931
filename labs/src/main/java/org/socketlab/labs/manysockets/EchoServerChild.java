package org.socketlab.labs.manysockets;

import java.io.IOException;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server side of lab 16, run in its own JVM so that its threads, memory, CPU time, context
 * switches and system calls can be read from {@code /proc/PID} without the load mixed in.
 * Prints {@code port N} when ready and stops when its standard input closes.
 *
 * <pre>java -cp ... org.socketlab.labs.manysockets.EchoServerChild --kind PLATFORM|VIRTUAL|SELECTOR</pre>
 */
public final class EchoServerChild {

    private EchoServerChild() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "EchoServerChild", mixinStandardHelpOptions = true,
            description = "Starts that echo server on 127.0.0.1, port 0, prints 'port N', and stops at the end of stdin.")
    static final class Options {
        @Option(names = "--kind", required = true, description = "which server: ${COMPLETION-CANDIDATES}")
        ServerKind kind;
    }

    public static void main(String[] args) {
        Options options = Cli.parse(new Options(), args);
        try (ServerKind.RunningServer server = options.kind.start()) {
            System.out.println("port " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close our stdin (or to die).
            }
        } catch (IOException e) {
            System.err.println("EchoServerChild: " + e.getMessage());
            System.exit(Cli.EXIT_FAILED);
        }
    }
}
