package org.socketlab.websocket.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options, with a clear error for anything unknown. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, Set<String> known, String usage) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument \"" + name + "\"\nusage: " + usage);
            }
            values.put(name, args[++i]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    long getLong(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got \"" + value + "\"", e);
        }
    }
}
