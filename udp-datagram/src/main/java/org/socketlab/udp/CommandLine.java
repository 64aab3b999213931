package org.socketlab.udp;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} arguments of this module's mains; unknown or dangling names are the caller's fault. */
public final class CommandLine {
    private final Map<String, String> values = new HashMap<>();

    private CommandLine() {
    }

    /** Parses {@code --name value} pairs; every name must be listed in {@code allowed}. */
    public static CommandLine parse(String[] args, String... allowed) {
        CommandLine line = new CommandLine();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !java.util.List.of(allowed).contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown argument '" + name + "'; expected one of --"
                        + String.join(", --", allowed));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("argument " + name + " needs a value");
            }
            line.values.put(name.substring(2), args[i + 1]);
        }
        return line;
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is '" + value + "'; expected an integer", e);
        }
    }

    public long longValue(String name, long fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is '" + value + "'; expected an integer", e);
        }
    }

    public double decimal(String name, double fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is '" + value + "'; expected a number such as 0.3", e);
        }
    }

    /** A port within [0, 65535]; 0 asks the kernel for a free one. */
    public int port(String name, int fallback) {
        int port = integer(name, fallback);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--" + name + " is " + port + "; a UDP port is within [0, 65535]");
        }
        return port;
    }
}
