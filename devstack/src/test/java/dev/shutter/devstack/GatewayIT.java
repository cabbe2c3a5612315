package dev.shutter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.Services.Service;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway over real HTTP in front of a stand-in service that answers with what it received: routing, the headers
 * nginx would pass on, devstack's own answers, streamed uploads and keep-alive without a fixed delay.
 */
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MB = 1024 * 1024;

    /**
     * Set once the service has received half of the first megabyte the client sends before it holds back the rest:
     * half, because the client's own last writes of that megabyte may wait on the thread that holds back.
     */
    private static final CountDownLatch firstMegabyteArrived = new CountDownLatch(1);

    private static Server service;
    private static Gateway gateway;
    private static final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startGatewayInFrontOfAnEchoingService() throws Exception {
        service = new Server();
        ServerConnector connector = new ServerConnector(service);
        connector.setHost("127.0.0.1");
        service.addConnector(connector);
        service.setHandler(new Echo());
        service.start();
        URI echo = URI.create("http://127.0.0.1:" + connector.getLocalPort());

        Map<Service, URI> services = new EnumMap<>(Service.class);
        for (Service each : Service.values()) {
            services.put(each, echo);
        }
        services.put(Service.PROJECTIONS, URI.create("http://127.0.0.1:" + closedPort()));
        gateway = Gateway.start(
                "127.0.0.1",
                0,
                Routes.shared(),
                new Gateway.Upstreams(services, echo),
                () -> new Gateway.HealthReport(false, "{\"status\":\"DOWN\"}"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        service.stop();
    }

    @Test
    void appendsTheClientToXForwardedForAsNginxDoes() throws Exception {
        JsonNode first = echo(HttpRequest.newBuilder(url("/api/timeline?limit=5")));
        assertThat(first.path("xForwardedFor").asText()).isEqualTo("127.0.0.1");

        JsonNode proxied = echo(HttpRequest.newBuilder(url("/api/timeline?limit=5"))
                .header("X-Forwarded-For", "198.51.100.1, 203.0.113.9")
                .header("User-Agent", "shutter-app/1.0"));
        assertThat(proxied.path("xForwardedFor").asText()).isEqualTo("198.51.100.1, 203.0.113.9, 127.0.0.1");
        assertThat(proxied.path("xForwardedProto").asText()).isEqualTo("http");
        assertThat(proxied.path("userAgents").asText()).isEqualTo("shutter-app/1.0");
        assertThat(proxied.path("host").asText()).isEqualTo("127.0.0.1:" + gateway.port());
        assertThat(proxied.path("target").asText()).isEqualTo("/api/timeline?limit=5");
    }

    @Test
    void sendsTheListOfPushesToTheFakeFcm() throws Exception {
        assertThat(echo(HttpRequest.newBuilder(url("/dev/fcm/messages?since=3")))
                        .path("target")
                        .asText())
                .isEqualTo("/messages?since=3");
    }

    @Test
    void answersAPathNoServiceServesWithAProblem() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/wp-admin")));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void answersBadGatewayWhenTheServiceDoesNotAnswer() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/api/admin/views")));
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("BAD_GATEWAY");
    }

    @Test
    void answersTheHealthOfEveryServiceItself() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/actuator/health")));
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("{\"status\":\"DOWN\"}");
    }

    /** The stand-in service holds back its answer until the first megabyte arrived; the client sends the rest after. */
    @Test
    void streamsAnUploadToTheServiceWhileTheClientIsStillSending() throws Exception {
        long size = 48L * MB;
        HttpRequest upload = HttpRequest.newBuilder(url("/api/media"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new HeldBackBody(size)), size))
                .build();
        JsonNode received = JSON.readTree(
                client.send(upload, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(received.path("bodyBytes").asLong()).isEqualTo(size);
    }

    /** Over one keep-alive connection, as wrk or a phone's HTTP stack sends, each answer comes without waiting. */
    @Test
    void answersKeepAliveRequestsWithoutAFixedDelay() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            byte[] request = "GET /.well-known/jwks.json HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                exchange(out, in, request);
            }
            long start = System.nanoTime();
            int requests = 200;
            for (int i = 0; i < requests; i++) {
                exchange(out, in, request);
            }
            long averageMicros = (System.nanoTime() - start) / 1_000 / requests;
            // Nagle's algorithm meeting a delayed ACK costs about 40 ms a request; allow half of it on a busy machine.
            assertThat(averageMicros).isLessThan(20_000);
        }
    }

    private static void exchange(OutputStream out, BufferedReader in, byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int length = -1;
        String line;
        while (!(line = in.readLine()).isEmpty()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertThat(length).as("a sized answer").isPositive();
        for (int i = 0; i < length; i++) {
            in.read();
        }
    }

    private static URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode echo(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> answer = send(request);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Answers with what reached it: the target, the forwarding headers and the size of the body. */
    private static final class Echo extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            long bodyBytes = 0;
            try (InputStream body = Content.Source.asInputStream(request)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = body.read(buffer)) >= 0; ) {
                    bodyBytes += read;
                    if (bodyBytes >= MB / 2) {
                        firstMegabyteArrived.countDown();
                    }
                }
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            String query = request.getHttpURI().getQuery();
            echo.put("target", request.getHttpURI().getPath() + (query == null ? "" : "?" + query));
            echo.put("host", request.getHeaders().get(HttpHeader.HOST));
            echo.put(
                    "xForwardedFor",
                    String.join(" | ", request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR)));
            echo.put("xForwardedProto", request.getHeaders().get(HttpHeader.X_FORWARDED_PROTO));
            echo.put("userAgents", String.join(" | ", request.getHeaders().getValuesList(HttpHeader.USER_AGENT)));
            echo.put("bodyBytes", bodyBytes);
            byte[] bytes = JSON.writeValueAsBytes(echo);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
            return true;
        }
    }

    /** A body whose first megabyte comes at once and the rest only once the service has received that megabyte. */
    private static final class HeldBackBody extends InputStream {

        private final long size;
        private long sent;

        HeldBackBody(long size) {
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (sent >= size) {
                return -1;
            }
            if (sent >= MB) {
                try {
                    if (!firstMegabyteArrived.await(20, TimeUnit.SECONDS)) {
                        throw new IOException("The service had not received the first megabyte after 20 s: the gateway"
                                + " holds the upload back");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            int chunk = (int) Math.min(length, (sent < MB ? MB : size) - sent);
            Arrays.fill(buffer, offset, offset + chunk, (byte) 'x');
            sent += chunk;
            return chunk;
        }
    }
}
