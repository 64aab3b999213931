package org.socketlab.websocket.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The front door's routes: exact paths first, then the longest matching prefix (a mount such as
 * {@code /socket.io/}). Immutable; the front door swaps in a new table to add a mount.
 */
final class RouteTable {

    /**
     * @param methods the methods served (GET implies HEAD); empty means the route decides itself
     * @param upgrade a WebSocket endpoint: plain requests may go to the fallback instead
     */
    record Route(String path, boolean prefix, Set<String> methods, boolean upgrade, ExchangeHandler handler) {

        boolean allows(String method) {
            return methods.isEmpty() || methods.contains(method) || (method.equals("HEAD") && methods.contains("GET"));
        }

        String allowHeader() {
            List<String> names = new ArrayList<>(methods);
            if (methods.contains("GET") && !methods.contains("HEAD")) {
                names.add("HEAD");
            }
            return String.join(", ", names);
        }
    }

    private final Map<String, Route> exact;
    private final List<Route> prefixes;

    RouteTable(List<Route> routes) {
        Map<String, Route> byPath = new HashMap<>();
        List<Route> byPrefix = new ArrayList<>();
        for (Route route : routes) {
            if (route.prefix()) {
                if (byPrefix.stream().anyMatch(existing -> existing.path().equals(route.path()))) {
                    throw new IllegalArgumentException("a mount is already registered at " + route.path());
                }
                byPrefix.add(route);
            } else if (byPath.putIfAbsent(route.path(), route) != null) {
                throw new IllegalArgumentException("a route is already registered at " + route.path());
            }
        }
        byPrefix.sort(Comparator.comparingInt((Route route) -> route.path().length()).reversed());
        this.exact = Map.copyOf(byPath);
        this.prefixes = List.copyOf(byPrefix);
    }

    /** The route for {@code path} (percent-encoded, as in the request), or null. */
    Route find(String path) {
        Route route = exact.get(path);
        if (route != null) {
            return route;
        }
        for (Route mount : prefixes) {
            if (path.startsWith(mount.path())) {
                return mount;
            }
        }
        return null;
    }

    RouteTable plus(Route route) {
        List<Route> all = new ArrayList<>(exact.values());
        all.addAll(prefixes);
        all.add(route);
        return new RouteTable(all);
    }

    RouteTable minusPrefix(String prefix) {
        List<Route> all = new ArrayList<>(exact.values());
        prefixes.stream().filter(route -> !route.path().equals(prefix)).forEach(all::add);
        return new RouteTable(all);
    }

    Set<String> paths() {
        Set<String> paths = new java.util.TreeSet<>(exact.keySet());
        prefixes.forEach(route -> paths.add(route.path() + "*"));
        return paths;
    }
}
