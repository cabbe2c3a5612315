package dev.shutter.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routing of deploy/nginx/nginx.conf as nginx applies it, read from the file: its upstream blocks, the map that
 * picks an upstream by method, and its exact and prefix {@code location} blocks. A location chosen the way nginx
 * chooses one (an exact match, otherwise the longest prefix) answers the host of its upstream, which is the name of the
 * service, or nothing when the location returns an answer of its own.
 */
final class NginxLocations {

    static final Path CONFIG = Path.of("..", "deploy", "nginx", "nginx.conf");

    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+(\\w+)\\s*\\{\\s*server\\s+([\\w.-]+):\\d+");
    private static final Pattern METHOD_MAP =
            Pattern.compile("map\\s+\\$request_method\\s+\\$(\\w+)\\s*\\{([^}]*)}", Pattern.DOTALL);
    private static final Pattern LOCATION = Pattern.compile("location\\s+(\\S+)(?:\\s+(\\S+))?\\s*\\{([^}]*)}");
    private static final Pattern PROXY_PASS = Pattern.compile("proxy_pass\\s+http://(\\$?\\w+)\\s*;");

    record Location(boolean exact, String path, String upstream) {}

    private final Map<String, String> hostOfUpstream = new HashMap<>();
    private final Map<String, Map<String, String>> upstreamByMethod = new HashMap<>();
    private final List<Location> locations = new ArrayList<>();

    private NginxLocations(String config) {
        Matcher upstream = UPSTREAM.matcher(config);
        while (upstream.find()) {
            hostOfUpstream.put(upstream.group(1), upstream.group(2));
        }
        Matcher map = METHOD_MAP.matcher(config);
        while (map.find()) {
            Map<String, String> byMethod = new HashMap<>();
            for (String entry : map.group(2).split(";")) {
                String[] words = entry.strip().split("\\s+");
                if (words.length == 2) {
                    byMethod.put(words[0], words[1]);
                }
            }
            upstreamByMethod.put("$" + map.group(1), byMethod);
        }
        Matcher location = LOCATION.matcher(config);
        while (location.find()) {
            String modifier = location.group(2) == null ? null : location.group(1);
            String path = location.group(2) == null ? location.group(1) : location.group(2);
            if (path.startsWith("@")) {
                continue;
            }
            if (modifier != null && !modifier.equals("=")) {
                throw new IllegalStateException("This reading of nginx.conf knows exact and prefix locations only, not "
                        + modifier + " " + path);
            }
            Matcher proxyPass = PROXY_PASS.matcher(location.group(3));
            locations.add(new Location(modifier != null, path, proxyPass.find() ? proxyPass.group(1) : null));
        }
    }

    static NginxLocations read() throws IOException {
        return new NginxLocations(Files.readString(CONFIG));
    }

    List<Location> locations() {
        return locations;
    }

    /** The service nginx passes the request to, or empty when nginx answers it itself. */
    Optional<String> service(String method, String path) {
        Optional<Location> chosen = locations.stream()
                .filter(location -> location.exact() && location.path().equals(path))
                .findFirst()
                .or(() -> locations.stream()
                        .filter(location -> !location.exact() && path.startsWith(location.path()))
                        .max(Comparator.comparingInt(location -> location.path().length())));
        return chosen.map(Location::upstream).map(upstream -> host(upstream, method));
    }

    private String host(String upstream, String method) {
        String name = upstream;
        if (upstream.startsWith("$")) {
            Map<String, String> byMethod = upstreamByMethod.get(upstream);
            if (byMethod == null) {
                throw new IllegalStateException("No map defines " + upstream);
            }
            name = byMethod.getOrDefault(method, byMethod.get("default"));
        }
        String host = hostOfUpstream.get(name);
        if (host == null) {
            throw new IllegalStateException("No upstream block named " + name);
        }
        return host;
    }
}
