package dev.shutter.devstack;

import dev.shutter.devstack.Services.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The routing table of the one base URL, read from {@code routes.txt} next to this class: the table that
 * deploy/nginx/nginx.conf follows too (RoutesAgreeWithNginxTest checks that both pick the same service). A service is
 * chosen as nginx chooses a location: an exact path wins, otherwise the longest matching prefix; then the first line
 * of that path that accepts the method.
 */
final class Routes {

    private static final String TABLE = "routes.txt";

    enum Match {
        EXACT,
        PREFIX
    }

    /** One line of the table; no methods means any method. */
    record Route(Match match, String path, Set<String> methods, Service service) {

        boolean matches(String requestPath) {
            return match == Match.EXACT ? path.equals(requestPath) : requestPath.startsWith(path);
        }

        boolean accepts(String method) {
            return methods.isEmpty() || methods.contains(method);
        }
    }

    private final List<Route> routes;

    private Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The table every gateway of Shutter routes by. */
    static Routes shared() {
        try (InputStream in = Routes.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("No " + TABLE + " next to " + Routes.class.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Routes parse(List<String> lines) {
        List<Route> routes = new ArrayList<>();
        for (String line : lines) {
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String[] columns = content.split("\\s+");
            if (columns.length != 4) {
                throw new IllegalArgumentException("A route needs match, path, methods and service: " + line);
            }
            Set<String> methods = columns[2].equals("*") ? Set.of() : Set.of(columns[2].split(","));
            routes.add(new Route(
                    Match.valueOf(columns[0].toUpperCase(Locale.ROOT)), columns[1], methods, service(columns[3])));
        }
        return new Routes(routes);
    }

    List<Route> routes() {
        return routes;
    }

    /** The service that serves the (decoded, normalized) path, or empty when none does. */
    Optional<Service> service(String method, String path) {
        List<Route> location = routes.stream()
                .filter(route -> route.match() == Match.EXACT && route.matches(path))
                .toList();
        if (location.isEmpty()) {
            Optional<String> longest = routes.stream()
                    .filter(route -> route.match() == Match.PREFIX && route.matches(path))
                    .map(Route::path)
                    .max(Comparator.comparingInt(String::length));
            location = longest.map(prefix -> routes.stream()
                            .filter(route -> route.match() == Match.PREFIX
                                    && route.path().equals(prefix))
                            .toList())
                    .orElse(List.of());
        }
        return location.stream()
                .filter(route -> route.accepts(method))
                .map(Route::service)
                .findFirst();
    }

    private static Service service(String name) {
        return Arrays.stream(Service.values())
                .filter(service -> service.displayName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service named " + name));
    }
}
