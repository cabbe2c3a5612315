package dev.shutter.devstack;

import dev.shutter.devstack.Services.Service;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one base URL of devstack: Jetty's reverse proxy in front of the services' own ports, routing by the same table
 * as the nginx gateway of docker-compose ({@link Routes}) and passing on what nginx passes on (the client's
 * {@code Host}, {@code X-Forwarded-For} with the client appended, {@code X-Forwarded-Proto}); bodies stream both ways.
 * It adds devstack's own answers: the health of every service at {@code /actuator/health} and the pushes the fake FCM
 * accepted at {@code /dev/fcm/messages}.
 */
final class Gateway implements AutoCloseable {

    private static final String NOT_FOUND = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"No Shutter service serves this path.\",\"code\":\"NOT_FOUND\"}";
    private static final String BAD_GATEWAY = "{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,"
            + "\"detail\":\"The service behind this path does not answer.\",\"code\":\"BAD_GATEWAY\"}";
    private static final String GATEWAY_TIMEOUT =
            "{\"type\":\"about:blank\",\"title\":\"Gateway Timeout\",\"status\":504,"
                    + "\"detail\":\"The service behind this path did not answer in time.\",\"code\":\"GATEWAY_TIMEOUT\"}";
    private static final String TARGET = Gateway.class.getName() + ".target";

    private final Server server;
    private final ServerConnector connector;

    private Gateway(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Upstreams of the gateway: each service's own base URL, and the fake FCM's. */
    record Upstreams(Map<Service, URI> services, URI fakeFcm) {

        Upstreams {
            services = new EnumMap<>(services);
        }
    }

    static Gateway start(String host, int port, Routes routes, Upstreams upstreams, Supplier<HealthReport> health) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("devstack-gateway");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // The services date their own answers; a second Date header would be the gateway's.
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptedTcpNoDelay(true);
        server.addConnector(connector);
        server.setHandler(new ServiceProxy(routes, upstreams, health));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("The gateway could not listen on " + host + ":" + port, e);
        }
        return new Gateway(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The gateway did not stop cleanly", e);
        }
    }

    record HealthReport(boolean up, String json) {}

    /** Routes each request to its service, or answers it here. */
    private static final class ServiceProxy extends ProxyHandler {

        private final Routes routes;
        private final Upstreams upstreams;
        private final Supplier<HealthReport> health;

        ServiceProxy(Routes routes, Upstreams upstreams, Supplier<HealthReport> health) {
            this.routes = routes;
            this.upstreams = upstreams;
            this.health = health;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            // Routed like nginx, by the decoded and normalized path; forwarded as the client sent it.
            String path = request.getHttpURI().getCanonicalPath();
            if ("/actuator/health".equals(path)) {
                HealthReport report = health.get();
                respond(response, callback, report.up() ? 200 : 503, "application/json", report.json());
                return true;
            }
            Optional<HttpURI> target = target(request, path == null ? "" : path);
            if (target.isEmpty()) {
                respond(response, callback, 404, "application/problem+json", NOT_FOUND);
                return true;
            }
            request.setAttribute(TARGET, target.get());
            return super.handle(request, response, callback);
        }

        private Optional<HttpURI> target(Request request, String path) {
            HttpURI client = request.getHttpURI();
            if (path.equals("/dev/fcm/messages")) {
                return Optional.of(HttpURI.build(upstreams.fakeFcm())
                        .path("/messages")
                        .query(client.getQuery())
                        .asImmutable());
            }
            return routes.service(request.getMethod(), path)
                    .map(service -> HttpURI.build(upstreams.services().get(service))
                            .path(client.getPath())
                            .query(client.getQuery())
                            .asImmutable());
        }

        @Override
        protected HttpURI rewriteHttpURI(Request clientToProxyRequest) {
            return (HttpURI) clientToProxyRequest.getAttribute(TARGET);
        }

        @Override
        protected HttpClient newHttpClient() {
            ClientConnector connector = new ClientConnector();
            connector.setTCPNoDelay(true);
            connector.setConnectTimeout(Duration.ofSeconds(5));
            connector.setIdleTimeout(Duration.ofSeconds(60));
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("devstack-gateway-client");
            threads.setDaemon(true);
            connector.setExecutor(threads);
            return new HttpClient(new HttpClientTransportOverHTTP(connector));
        }

        @Override
        protected void configureHttpClient(HttpClient httpClient) {
            super.configureHttpClient(httpClient);
            // The client's own User-Agent goes through; the proxy adds none of its own.
            httpClient.setUserAgentField(null);
            httpClient.setMaxConnectionsPerDestination(256);
        }

        /** As nginx's {@code $proxy_add_x_forwarded_for} and {@code $scheme}; no Via or Forwarded header. */
        @Override
        protected void addProxyHeaders(
                Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
            String client = clientToProxyRequest.getConnectionMetaData().getRemoteSocketAddress()
                            instanceof InetSocketAddress address
                    ? address.getAddress().getHostAddress()
                    : Request.getRemoteAddr(clientToProxyRequest);
            String earlier =
                    String.join(", ", clientToProxyRequest.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR));
            proxyToServerRequest.headers(headers -> headers.put(
                            HttpHeader.X_FORWARDED_FOR, earlier.isBlank() ? client : earlier + ", " + client)
                    .put(HttpHeader.X_FORWARDED_PROTO, clientToProxyRequest.isSecure() ? "https" : "http"));
        }

        @Override
        protected void onServerToProxyResponseFailure(
                Request clientToProxyRequest,
                org.eclipse.jetty.client.Request proxyToServerRequest,
                org.eclipse.jetty.client.Response serverToProxyResponse,
                Response proxyToClientResponse,
                Callback proxyToClientCallback,
                Throwable failure) {
            if (proxyToClientResponse.isCommitted()) {
                // Part of the service's answer is on its way: the client sees the connection fail.
                proxyToClientCallback.failed(failure);
                return;
            }
            proxyToClientResponse.reset();
            if (failure instanceof TimeoutException) {
                respond(proxyToClientResponse, proxyToClientCallback, 504, "application/problem+json", GATEWAY_TIMEOUT);
            } else {
                respond(proxyToClientResponse, proxyToClientCallback, 502, "application/problem+json", BAD_GATEWAY);
            }
        }

        private static void respond(Response response, Callback callback, int status, String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }
}
