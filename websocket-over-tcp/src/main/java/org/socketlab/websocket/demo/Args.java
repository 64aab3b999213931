package org.socketlab.websocket.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} command-line options, with a clear error for anything unknown.
 *
 * @deprecated every main now reads its options with picocli through {@code org.socketlab.cli.Cli};
 *             kept only until {@code demo.CourseServer} (being added on another branch) is
 *             converted, then delete this class.
 */
@Deprecated
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, Set<String> known, String usage) {
        this(args, known, Set.of(), usage);
    }

    /** {@code flags} are options without a value, e.g. {@code --allow-any-origin}. */
    Args(String[] args, Set<String> known, Set<String> flags, String usage) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (flags.contains(name)) {
                values.put(name, "true");
                continue;
            }
            if (!known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument \"" + name + "\"\nusage: " + usage);
            }
            values.put(name, args[++i]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
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
