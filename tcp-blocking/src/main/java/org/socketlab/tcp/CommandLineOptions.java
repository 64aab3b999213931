package org.socketlab.tcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of the demo mains. Unknown names and missing values are
 * the caller's fault and fail with a message listing what is accepted.
 */
public final class CommandLineOptions {

    private final Map<String, String> values;

    private CommandLineOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param args    the arguments of {@code main}
     * @param allowed option names without the leading dashes
     */
    public static CommandLineOptions parse(String[] args, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !allowed.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option \"" + arg + "\"; accepted: --"
                        + String.join(", --", allowed));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            values.put(arg.substring(2), args[++i]);
        }
        return new CommandLineOptions(values);
    }

    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int getInt(String name, int defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got \"" + value + "\"");
        }
    }
}
