package dev.shutter.devstack.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for the FCM HTTP v1 API on 127.0.0.1: it accepts {@code POST /v1/projects/{project}/messages:send},
 * records what it accepted, and can be told to fail the way FCM fails. {@code GET /messages} lists the recorded
 * messages as JSON.
 */
public final class FakeFcm implements AutoCloseable {

    private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");
    // firebase-admin's sendEach sends every message of a batch at once on its own thread
    private static final int THREADS = 64;
    /** FCM's limit for the notification and data of one message, in bytes of JSON. */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    // Appending must stay cheap with hundreds of thousands of messages (benchmarks): no copy-on-write list.
    private final List<FcmMessage> messages = new ArrayList<>();
    private final Set<String> unregisteredTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> invalidTokens = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Object quotaLock = new Object();
    private int quotaPerSecond;
    private Duration quotaRetryAfter;
    private long quotaWindow;
    private int quotaUsed;
    private final Object failureLock = new Object();
    private int failuresLeft;
    private int failureStatus;
    private Duration failureRetryAfter;
    private volatile Duration latency = Duration.ZERO;

    private final HttpServer server;
    private final ExecutorService threads;

    private FakeFcm(int threadCount) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Fake FCM could not bind a port", e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        threads = Executors.newFixedThreadPool(threadCount, task -> {
            Thread thread = new Thread(task, "fake-fcm-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/v1/projects/", this::send);
        server.createContext("/messages", this::list);
    }

    /** Starts the server on a free port of 127.0.0.1. */
    public static FakeFcm start() {
        return start(THREADS);
    }

    /** Starts the server on a free port of 127.0.0.1, answering at most {@code threads} requests at the same time. */
    public static FakeFcm start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("A fake FCM needs at least one thread: " + threads);
        }
        FakeFcm fcm = new FakeFcm(threads);
        fcm.server.start();
        return fcm;
    }

    /** The base URL to send to instead of {@code https://fcm.googleapis.com}, e.g. {@code http://127.0.0.1:40123}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The messages accepted so far, oldest first. Rejected and validate-only messages are not recorded. */
    public List<FcmMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** From now on, messages to this token are answered like FCM answers for an app that was uninstalled. */
    public void unregistered(String token) {
        unregisteredTokens.add(token);
    }

    /**
     * From now on, messages to this token are answered {@code 400 INVALID_ARGUMENT} with a message that names the
     * token, like FCM answers for a token that is not a registration token at all.
     */
    public void invalidToken(String token) {
        invalidTokens.add(token);
    }

    /**
     * From now on at most {@code perSecond} messages are accepted in each second of the clock; the rest are answered
     * {@code 429 RESOURCE_EXHAUSTED} with {@code Retry-After} (when not null), like FCM's per-project quota. Zero or
     * less lifts the quota.
     */
    public void quota(int perSecond, Duration retryAfter) {
        synchronized (quotaLock) {
            quotaPerSecond = perSecond;
            quotaRetryAfter = retryAfter;
            quotaWindow = 0;
            quotaUsed = 0;
        }
    }

    /** How many messages were accepted since the start or the last {@link #reset}. */
    public long accepted() {
        synchronized (messages) {
            return messages.size();
        }
    }

    /** How many send requests arrived, whatever the answer. */
    public long requests() {
        return requests.get();
    }

    /** How many send requests were answered 429 because of the {@link #quota}. */
    public long throttled() {
        return throttled.get();
    }

    /**
     * The next {@code times} sends are answered with this HTTP status (e.g. 503 or 429) and, when {@code retryAfter} is
     * not null, a {@code Retry-After} header in seconds.
     */
    public void failNext(int times, int status, Duration retryAfter) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("Not an error status: " + status);
        }
        synchronized (failureLock) {
            failuresLeft = times;
            failureStatus = status;
            failureRetryAfter = retryAfter;
        }
    }

    /** Every answer from now on is delayed by this long. */
    public void latency(Duration d) {
        latency = d == null ? Duration.ZERO : d;
    }

    /** Forgets recorded messages, unregistered and invalid tokens, pending failures, the quota, counters and latency. */
    public void reset() {
        synchronized (messages) {
            messages.clear();
        }
        unregisteredTokens.clear();
        invalidTokens.clear();
        latency = Duration.ZERO;
        requests.set(0);
        throttled.set(0);
        quota(0, null);
        synchronized (failureLock) {
            failuresLeft = 0;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = SEND.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                answerError(exchange, 501, null);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                answerError(exchange, 405, null);
                return;
            }
            requests.incrementAndGet();
            JsonNode body = readBody(exchange);
            pause();
            Failure failure = nextFailure();
            if (failure != null) {
                answerError(exchange, failure.status(), failure.retryAfter());
                return;
            }
            Duration overQuota = overQuota();
            if (overQuota != null) {
                throttled.incrementAndGet();
                answerError(exchange, 429, overQuota.isZero() ? null : overQuota);
                return;
            }
            JsonNode message = body == null ? null : body.get("message");
            if (message == null || !message.isObject() || !hasTarget(message) || !stringValues(message, "data")) {
                answerError(exchange, 400, null);
                return;
            }
            String token = text(message, "token");
            if (token != null && unregisteredTokens.contains(token)) {
                answerError(exchange, 404, null);
                return;
            }
            if (token != null && invalidTokens.contains(token)) {
                answerError(
                        exchange,
                        400,
                        null,
                        "The registration token is not a valid FCM registration token",
                        "INVALID_ARGUMENT");
                return;
            }
            int payloadBytes = payloadBytes(message);
            if (payloadBytes > MAX_PAYLOAD_BYTES) {
                answerError(exchange, 400, null, "Message is too big", "INVALID_ARGUMENT");
                return;
            }
            String project = path.group(1);
            if (body.path("validate_only").asBoolean(false)) {
                answer(exchange, 200, Map.of("name", "projects/" + project + "/messages/fake_message_id"), null);
                return;
            }
            FcmMessage accepted = new FcmMessage(
                    token,
                    strings(message.get("notification")),
                    strings(message.get("data")),
                    Instant.now(),
                    text(message.path("android"), "collapse_key"),
                    text(message.path("apns").path("headers"), "apns-collapse-id"),
                    payloadBytes);
            synchronized (messages) {
                messages.add(accepted);
            }
            answer(exchange, 200, Map.of("name", "projects/" + project + "/messages/" + sent.incrementAndGet()), null);
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                answerError(exchange, 405, null);
                return;
            }
            answer(exchange, 200, messages(), null);
        }
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        byte[] bytes = in.readAllBytes();
        try {
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private void pause() {
        Duration delay = latency;
        if (!delay.isZero() && !delay.isNegative()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Failure nextFailure() {
        synchronized (failureLock) {
            if (failuresLeft <= 0) {
                return null;
            }
            failuresLeft--;
            return new Failure(failureStatus, failureRetryAfter);
        }
    }

    /** Returns the pause to ask for when this message is over the quota, or null when it may pass. */
    private Duration overQuota() {
        synchronized (quotaLock) {
            if (quotaPerSecond <= 0) {
                return null;
            }
            long second = System.currentTimeMillis() / 1000;
            if (second != quotaWindow) {
                quotaWindow = second;
                quotaUsed = 0;
            }
            if (quotaUsed < quotaPerSecond) {
                quotaUsed++;
                return null;
            }
            return quotaRetryAfter == null ? Duration.ZERO : quotaRetryAfter;
        }
    }

    /** The size FCM's 4 KB limit applies to: the notification and the data of the message, as JSON. */
    private int payloadBytes(JsonNode message) throws IOException {
        Map<String, JsonNode> payload = new LinkedHashMap<>();
        if (message.has("notification")) {
            payload.put("notification", message.get("notification"));
        }
        if (message.has("data")) {
            payload.put("data", message.get("data"));
        }
        return json.writeValueAsBytes(payload).length;
    }

    private static boolean hasTarget(JsonNode message) {
        return text(message, "token") != null || text(message, "topic") != null || text(message, "condition") != null;
    }

    /** FCM rejects data payloads whose values are not strings. */
    private static boolean stringValues(JsonNode message, String field) {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isObject()) {
            return false;
        }
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            field -> values.put(field.getKey(), field.getValue().asText()));
        }
        return values;
    }

    private void answerError(HttpExchange exchange, int status, Duration retryAfter) throws IOException {
        FcmError error = FcmError.of(status);
        answerError(exchange, status, retryAfter, error.message(), error.errorCode());
    }

    private void answerError(HttpExchange exchange, int status, Duration retryAfter, String message, String errorCode)
            throws IOException {
        FcmError error = FcmError.of(status);
        Map<String, Object> body = Map.of(
                "error",
                Map.of(
                        "code",
                        status,
                        "message",
                        message,
                        "status",
                        error.status(),
                        "details",
                        List.of(Map.of(
                                "@type",
                                "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                                "errorCode",
                                errorCode))));
        answer(exchange, status, body, retryAfter);
    }

    private void answer(HttpExchange exchange, int status, Object body, Duration retryAfter) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        if (retryAfter != null) {
            long seconds = (retryAfter.toMillis() + 999) / 1000;
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private record Failure(int status, Duration retryAfter) {}

    /** How FCM words an error of a given HTTP status. */
    private record FcmError(String status, String errorCode, String message) {

        static FcmError of(int httpStatus) {
            return switch (httpStatus) {
                case 400 -> new FcmError(
                        "INVALID_ARGUMENT", "INVALID_ARGUMENT", "Request contains an invalid argument.");
                case 401 -> new FcmError(
                        "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", "Request had invalid credentials.");
                case 403 -> new FcmError("PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch");
                case 404 -> new FcmError("NOT_FOUND", "UNREGISTERED", "Requested entity was not found.");
                case 405 -> new FcmError("UNIMPLEMENTED", "UNSPECIFIED_ERROR", "Method not allowed.");
                case 501 -> new FcmError("UNIMPLEMENTED", "UNSPECIFIED_ERROR", "Only messages:send is implemented.");
                case 429 -> new FcmError("RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded.");
                case 500 -> new FcmError("INTERNAL", "INTERNAL", "Internal error encountered.");
                case 503 -> new FcmError("UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.");
                default -> new FcmError("UNKNOWN", "UNSPECIFIED_ERROR", "Unknown error.");
            };
        }
    }
}
