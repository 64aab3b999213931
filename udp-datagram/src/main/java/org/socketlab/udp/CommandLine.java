package org.socketlab.udp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
            if (!name.startsWith("--") || !List.of(allowed).contains(name.substring(2))) {
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
        return parsed(name, fallback, Integer::parseInt, "an integer");
    }

    public long longValue(String name, long fallback) {
        return parsed(name, fallback, Long::parseLong, "an integer");
    }

    public double decimal(String name, double fallback) {
        return parsed(name, fallback, Double::parseDouble, "a number such as 0.3");
    }

    /** The value of {@code --name} read by {@code parser}, or {@code fallback} when the name is absent. */
    private <T> T parsed(String name, T fallback, Function<String, T> parser, String expected) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is '" + value + "'; expected " + expected, e);
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
