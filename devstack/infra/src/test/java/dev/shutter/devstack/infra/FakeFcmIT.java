package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeFcmIT {

    private static final String MESSAGE =
            """
            {"message":{"token":"%s","notification":{"title":"New follower","body":"ada follows you"},
             "data":{"type":"UserFollowed","followerId":"u1"},"android":{"priority":"high"},
             "apns":{"headers":{"apns-priority":"10"}}}}""";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeFcm fcm = FakeFcm.start();

    @AfterEach
    void stop() {
        fcm.close();
    }

    @Test
    void acceptsAMessageAndRecordsIt() throws Exception {
        Instant before = Instant.now();

        HttpResponse<String> response = send(MESSAGE.formatted("device-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("name").asText()).matches("projects/shutter-dev/messages/\\d+");
        assertThat(fcm.messages()).singleElement().satisfies(message -> {
            assertThat(message.token()).isEqualTo("device-1");
            assertThat(message.notification()).isEqualTo(Map.of("title", "New follower", "body", "ada follows you"));
            assertThat(message.data()).isEqualTo(Map.of("type", "UserFollowed", "followerId", "u1"));
            assertThat(message.receivedAt()).isAfterOrEqualTo(before);
        });
    }

    @Test
    void listsRecordedMessagesAsJsonInTheOrderReceived() throws Exception {
        send(MESSAGE.formatted("device-1"));
        send(MESSAGE.formatted("device-2"));

        HttpResponse<String> list = http.send(
                HttpRequest.newBuilder(URI.create(fcm.baseUrl() + "/messages")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode messages = json.readTree(list.body());
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("token").asText()).isEqualTo("device-1");
        assertThat(messages.get(1).get("token").asText()).isEqualTo("device-2");
        assertThat(messages.get(0).get("notification").get("title").asText()).isEqualTo("New follower");
        assertThat(messages.get(0).get("data").get("followerId").asText()).isEqualTo("u1");
        assertThat(Instant.parse(messages.get(0).get("receivedAt").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void answersUnregisteredForATokenMarkedUnregisteredAndDoesNotRecordIt() throws Exception {
        fcm.unregistered("gone");

        HttpResponse<String> response = send(MESSAGE.formatted("gone"));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = json.readTree(response.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(404);
        assertThat(error.get("message").asText()).isEqualTo("Requested entity was not found.");
        assertThat(error.get("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.get("details").get(0).get("@type").asText())
                .isEqualTo("type.googleapis.com/google.firebase.fcm.v1.FcmError");
        assertThat(error.get("details").get(0).get("errorCode").asText()).isEqualTo("UNREGISTERED");
        assertThat(fcm.messages()).isEmpty();
    }

    @Test
    void failsTheNextSendsWithTheGivenStatusAndRetryAfterThenRecovers() throws Exception {
        fcm.failNext(2, 503, Duration.ofSeconds(3));

        HttpResponse<String> first = send(MESSAGE.formatted("device-1"));
        HttpResponse<String> second = send(MESSAGE.formatted("device-1"));
        HttpResponse<String> third = send(MESSAGE.formatted("device-1"));

        for (HttpResponse<String> failed : List.of(first, second)) {
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).contains("3");
            assertThat(json.readTree(failed.body()).get("error").get("status").asText())
                    .isEqualTo("UNAVAILABLE");
        }
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(fcm.messages()).hasSize(1);
    }

    @Test
    void answersQuotaExceededWithoutRetryAfterWhenNoneIsGiven() throws Exception {
        fcm.failNext(1, 429, null);

        HttpResponse<String> response = send(MESSAGE.formatted("device-1"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(json.readTree(response.body()).get("error").get("status").asText())
                .isEqualTo("RESOURCE_EXHAUSTED");
    }

    @Test
    void delaysAnswersButServesManySendsAtOnce() throws Exception {
        fcm.latency(Duration.ofMillis(300));
        long start = System.nanoTime();

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            responses.add(
                    http.sendAsync(request(MESSAGE.formatted("device-" + i)), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(6));
        assertThat(fcm.messages()).hasSize(40);
    }

    @Test
    void validatesWithoutRecordingWhenAskedToValidateOnly() throws Exception {
        HttpResponse<String> response = send("{\"validate_only\":true,\"message\":{\"token\":\"device-1\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fcm.messages()).isEmpty();
    }

    @Test
    void rejectsMessagesWithoutTargetOrWithNonStringData() throws Exception {
        assertThat(send("{\"message\":{\"notification\":{\"title\":\"t\"}}}").statusCode())
                .isEqualTo(400);
        assertThat(send("{\"message\":{\"token\":\"d\",\"data\":{\"count\":3}}}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("not json").statusCode()).isEqualTo(400);
        assertThat(fcm.messages()).isEmpty();
    }

    @Test
    void resetForgetsMessagesTokensAndFailures() throws Exception {
        send(MESSAGE.formatted("device-1"));
        fcm.unregistered("device-1");
        fcm.failNext(5, 503, null);

        fcm.reset();

        assertThat(fcm.messages()).isEmpty();
        assertThat(send(MESSAGE.formatted("device-1")).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String body) throws Exception {
        return http.send(request(body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(URI.create(fcm.baseUrl() + "/v1/projects/shutter-dev/messages:send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
