package org.socketlab.websocket.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The repository's HAProxy configuration ({@code cluster/haproxy.cfg} on the classpath, from
 * {@code websocket-over-tcp/src/main/resources}) with its ports and servers filled in.
 * Thread-safe (stateless).
 */
public final class HaProxyConfig {

    /** The template's resource path. */
    public static final String TEMPLATE = "/cluster/haproxy.cfg";

    private HaProxyConfig() {
    }

    /**
     * @param frontendPort where clients connect
     * @param statsPort    HAProxy's stats page
     * @param nodes        node name → its loopback port (the name is also its cookie value)
     */
    public static String render(int frontendPort, int statsPort, Map<String, Integer> nodes) {
        StringBuilder servers = new StringBuilder();
        nodes.forEach((name, port) -> {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("a server name must be [A-Za-z0-9._-]+, got \"" + name + "\"");
            }
            servers.append("    server ").append(name).append(" 127.0.0.1:").append(port)
                    .append(" check cookie ").append(name).append('\n');
        });
        return template().replace("__FRONTEND_PORT__", Integer.toString(frontendPort))
                .replace("__STATS_PORT__", Integer.toString(statsPort))
                .replace("__SERVERS__\n", servers.toString());
    }

    static String template() {
        try (InputStream in = HaProxyConfig.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Node names as the lab and tests use them: node1, node2, … */
    public static List<String> nodeNames(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> "node" + i).toList();
    }
}
