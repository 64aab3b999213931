package org.socketlab.labs.manysockets;

import java.io.IOException;
import java.util.Locale;

/**
 * The server side of lab 16, run in its own JVM so that its threads, memory, CPU time, context
 * switches and system calls can be read from {@code /proc/PID} without the load mixed in.
 * Prints {@code port N} when ready and stops when its standard input closes.
 *
 * <pre>java -cp ... org.socketlab.labs.manysockets.EchoServerChild platform|virtual|selector</pre>
 */
public final class EchoServerChild {

    private EchoServerChild() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || args[0].equals("--help")) {
            System.out.println("usage: EchoServerChild platform|virtual|selector");
            System.out.println("Starts that echo server on 127.0.0.1, port 0, prints \"port N\", and stops at the end of stdin.");
            System.exit(args.length == 1 ? 0 : 2);
        }
        ServerKind kind;
        try {
            kind = ServerKind.valueOf(args[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            System.err.println("EchoServerChild: unknown server kind \"" + args[0] + "\"; use platform, virtual or selector");
            System.exit(2);
            return;
        }
        try (ServerKind.RunningServer server = kind.start()) {
            System.out.println("port " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close our stdin (or to die).
            }
        } catch (IOException e) {
            System.err.println("EchoServerChild: " + e.getMessage());
            System.exit(1);
        }
    }
}
