package dev.enoscoap.mock.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin routes, matched by method and path pattern; the most literal pattern wins. */
final class RouteTable {
    private final List<AdminRoute> routes;
    private final List<AdminRoute> byPrecedence;

    /** What a request matched. */
    sealed interface Match permits Found, WrongMethod, Missing {
    }

    /** A route with the values of its path parameters. */
    record Found(AdminRoute route, Map<String, String> parameters) implements Match {
    }

    /** The path is known, the method is not: the methods it takes. */
    record WrongMethod(Set<String> allowed) implements Match {
    }

    /** No route has this path. */
    record Missing() implements Match {
    }

    RouteTable(List<AdminRoute> routes) {
        Map<String, AdminRoute> seen = new HashMap<>();
        for (AdminRoute r : routes) {
            String shape = r.method() + " " + shape(r);
            AdminRoute earlier = seen.putIfAbsent(shape, r);
            if (earlier != null) {
                throw new IllegalArgumentException("admin route " + r + " clashes with " + earlier);
            }
        }
        this.routes = List.copyOf(routes);
        List<AdminRoute> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingLong(RouteTable::literals).reversed());
        this.byPrecedence = List.copyOf(sorted);
    }

    /** The routes in the order they were added. */
    List<AdminRoute> routes() {
        return routes;
    }

    /** The route for {@code method} on the decoded path {@code segments}. */
    Match match(String method, List<String> segments) {
        Set<String> allowed = new LinkedHashSet<>();
        for (AdminRoute route : byPrecedence) {
            Map<String, String> parameters = bind(route.segments(), segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Found(route, parameters);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Missing() : new WrongMethod(allowed);
    }

    private static Map<String, String> bind(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            String s = segments.get(i);
            if (p.startsWith("{")) {
                if (s.isEmpty()) {
                    return null;
                }
                parameters.put(p.substring(1, p.length() - 1), s);
            } else if (!p.equals(s)) {
                return null;
            }
        }
        return parameters;
    }

    private static long literals(AdminRoute route) {
        return route.segments().stream().filter(s -> !s.startsWith("{")).count();
    }

    private static String shape(AdminRoute route) {
        return "/" + String.join("/", route.segments().stream().map(s -> s.startsWith("{") ? "{}" : s).toList());
    }
}
