package dev.shutter.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one base URL of devstack: a small reverse proxy that routes by path and method exactly like the nginx gateway of
 * docker-compose, plus the devstack-only routes.
 */
final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** Hop-by-hop headers and those the JDK client sets itself (it refuses to take them from us). */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "content-length",
            "date",
            "expect",
            "from",
            "host",
            "keep-alive",
            "transfer-encoding",
            "upgrade",
            "via",
            "warning");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Routes routes;
    private final Supplier<HealthReport> health;

    private Gateway(HttpServer server, ExecutorService executor, Routes routes, Supplier<HealthReport> health) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.health = health;
        // HTTP/1.1 like nginx towards the services: no h2c upgrade offered on every new connection.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static Gateway start(String host, int port, Routes routes, Supplier<HealthReport> health) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
        ExecutorService executor = Executors.newFixedThreadPool(64, runnable -> {
            Thread thread = new Thread(runnable, "devstack-gateway");
            thread.setDaemon(true);
            return thread;
        });
        Gateway gateway = new Gateway(server, executor, routes, health);
        server.createContext("/", gateway::handle);
        server.setExecutor(executor);
        server.start();
        return gateway;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/actuator/health")) {
                HealthReport report = health.get();
                respond(exchange, report.up() ? 200 : 503, "application/json", report.json());
                return;
            }
            URI target = routes.target(exchange.getRequestMethod(), exchange.getRequestURI());
            if (target == null) {
                respond(
                        exchange,
                        404,
                        "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                + "\"detail\":\"No Shutter service serves this path.\",\"code\":\"NOT_FOUND\"}");
                return;
            }
            forward(exchange, target);
        } catch (IOException | RuntimeException e) {
            log.debug("Gateway request failed", e);
        }
    }

    private void forward(HttpExchange exchange, URI target) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header(
                "X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        InputStream body = exchange.getRequestBody();
        boolean hasBody = exchange.getRequestHeaders().containsKey("Content-Length")
                || exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        request.method(
                exchange.getRequestMethod(),
                hasBody ? HttpRequest.BodyPublishers.ofInputStream(() -> body) : HttpRequest.BodyPublishers.noBody());

        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (IOException e) {
            respond(
                    exchange,
                    502,
                    "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,"
                            + "\"detail\":\"The service behind this path does not answer.\",\"code\":\"BAD_GATEWAY\"}");
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
        boolean empty = response.statusCode() == 204
                || response.statusCode() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        try (InputStream in = response.body()) {
            if (empty) {
                exchange.sendResponseHeaders(response.statusCode(), -1);
                return;
            }
            exchange.sendResponseHeaders(response.statusCode(), length > 0 ? length : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    record HealthReport(boolean up, String json) {}
}
