package dev.shutter.projections.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.projections.support.AccountsScenario;
import dev.shutter.projections.support.DeletionScenario;
import dev.shutter.projections.support.ItInfrastructure;
import dev.shutter.projections.support.PrivacyScenario;
import dev.shutter.projections.support.Scenario;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.support.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=projections", "shutter.projections.rebuild.drop-delay=PT1S"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewRebuildIT {

    private static final ItInfrastructure INFRA = new ItInfrastructure();
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final List<String> VIEWS = List.of("profiles", "social", "posts", "timelines");
    private static final Set<String> BOOKKEEPING = Set.of("seq");

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final TestRestTemplate http;
    private final JdbcTemplate eventStoreWriter;

    ViewRebuildIT(
            @Autowired RabbitTemplate rabbit, @Autowired ObjectMapper objectMapper, @Autowired TestRestTemplate http) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.http = http;
        var database = INFRA.eventStore();
        this.eventStoreWriter =
                new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(), database.password()));
    }

    @AfterAll
    void removeBrokerObjects(@Autowired ApplicationContext context) {
        INFRA.removeBrokerObjects(context);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
    }

    @Test
    void rebuiltGenerationsEqualTheLiveOnesAndGoLive() throws Exception {
        createEventStore();
        Scenario scenario = new Scenario(1);
        List<StoredEvent> events = new ArrayList<>(scenario.history());
        events.add(scenario.unfollow());
        events.add(scenario.refollow());
        events.add(scenario.captionEdit());
        events.add(scenario.secondPostDeleted());
        events.addAll(scenario.engagement());
        events.addAll(new PrivacyScenario(events.size() + 1).history());
        events.addAll(new AccountsScenario(events.size() + 1).history());
        DeletionScenario deletion = new DeletionScenario(events.size() + 1);
        events.addAll(deletion.live());
        // The event store holds gina's personal data sealed with her key, which the deletion destroyed; the relay
        // published her events in the clear before that.
        events.forEach(event -> store(event, deletion.storedJson(event)));
        events.forEach(this::publish);
        long head = events.get(events.size() - 1).globalIndex();

        await().atMost(DEADLINE).untilAsserted(() -> {
            for (JsonNode view : views()) {
                assertThat(view.get("behind").asLong()).as(view.toString()).isZero();
            }
        });
        assertThat(INFRA.mongo().template("profiles").findById(scenario.alice, Document.class, "users_g1"))
                .contains(entry("followerCount", 1L), entry("postCount", 1L));
        assertThat(INFRA.mongo().template("posts").findById(scenario.firstPost, Document.class, "posts_g1"))
                .contains(
                        entry("likeCount", 2L),
                        entry("commentCount", 1L),
                        entry("hashtags", List.of("golden")),
                        entry("mentionedUserIds", List.of(scenario.bob)));
        assertThat(INFRA.mongo().template("profiles").findById(deletion.gina, Document.class, "users_g1"))
                .isNull();

        for (String view : VIEWS) {
            MongoTemplate mongo = INFRA.mongo().template(view);
            int current = status(view).get("generation").asInt();
            Map<String, Object> live = generation(mongo, current);
            assertThat(live).isNotEmpty();

            await().atMost(DEADLINE).until(() -> rebuild(view).getStatusCode() == HttpStatus.ACCEPTED);
            await().atMost(DEADLINE)
                    .until(() -> "live".equals(status(view).get("state").asText())
                            && status(view).get("generation").asInt() == current + 1);

            assertThat(generation(mongo, current + 1)).as(view).isEqualTo(live);
            assertThat(Snapshots.holding(mongo, deletion.ginasTraces(), Set.of("forgotten_", "view_state")))
                    .as(view)
                    .isEmpty();
            JsonNode status = status(view);
            assertThat(status.get("eventsApplied").asLong()).isPositive();
            assertThat(status.get("behind").asLong()).isZero();
            await().atMost(DEADLINE).until(() -> generation(mongo, current).isEmpty());
        }
        assertThat(head).isEqualTo(events.size());
    }

    @Test
    void secondRebuildWhileOneRunsIsAConflict() throws Exception {
        createEventStore();
        // Holding a lock on the event store keeps the first rebuild reading until the second request was answered.
        try (java.sql.Connection lock = eventStoreWriter.getDataSource().getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table domain_event_entry in access exclusive mode");
            await().atMost(DEADLINE).until(() -> rebuild("social").getStatusCode() == HttpStatus.ACCEPTED);

            ResponseEntity<String> second = rebuild("posts");

            assertProblem(second, HttpStatus.CONFLICT, "REBUILD_IN_PROGRESS");
            lock.rollback();
        }
        await().atMost(DEADLINE)
                .until(() -> "live".equals(status("social").get("state").asText()));
    }

    @Test
    void unknownViewIsNotFound() {
        assertProblem(rebuild("nonsense"), HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void adminCallsNeedAToken() {
        ResponseEntity<String> response = http.getForEntity("/api/admin/views", String.class);

        assertProblem(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    @Test
    void adminCallsNeedTheAdminScope() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(INFRA.jwtKeys().token("u1", "someone", Set.of("user"), Duration.ofMinutes(5)));

        ResponseEntity<String> response =
                http.exchange("/api/admin/views", HttpMethod.GET, new HttpEntity<>(headers), String.class);

        assertProblem(response, HttpStatus.FORBIDDEN, "FORBIDDEN");
    }

    private void assertProblem(ResponseEntity<String> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        try {
            assertThat(objectMapper.readTree(response.getBody()).get("code").asText())
                    .isEqualTo(code);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void createEventStore() {
        eventStoreWriter.execute("create table if not exists domain_event_entry ("
                + " global_index bigserial primary key,"
                + " event_identifier varchar(255) not null unique,"
                + " aggregate_identifier varchar(255) not null,"
                + " sequence_number bigint not null,"
                + " type varchar(255),"
                + " time_stamp varchar(255) not null,"
                + " payload_type varchar(255) not null,"
                + " payload_revision varchar(255),"
                + " payload bytea not null,"
                + " meta_data bytea,"
                + " unique (aggregate_identifier, sequence_number))");
        eventStoreWriter.execute(
                "create table if not exists user_keys (user_id varchar(64) primary key, key bytea not null)");
    }

    private void store(StoredEvent event, byte[] payload) {
        eventStoreWriter.update(
                "insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload, meta_data)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event.globalIndex(),
                event.eventId(),
                event.aggregateId(),
                event.sequence(),
                event.aggregateType(),
                event.timestamp().toString(),
                event.payload().getClass().getName(),
                payload,
                "{}".getBytes());
    }

    private void publish(StoredEvent event) {
        rabbit.send(INFRA.exchange(), event.routingKey(), event.message(objectMapper));
    }

    private ResponseEntity<String> rebuild(String view) {
        return http.exchange(
                "/api/admin/views/" + view + "/rebuild",
                HttpMethod.POST,
                new HttpEntity<>(adminHeaders()),
                String.class);
    }

    private List<JsonNode> views() throws Exception {
        ResponseEntity<String> response =
                http.exchange("/api/admin/views", HttpMethod.GET, new HttpEntity<>(adminHeaders()), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<JsonNode> views = new ArrayList<>();
        objectMapper.readTree(response.getBody()).forEach(views::add);
        return views;
    }

    private JsonNode status(String view) throws Exception {
        return views().stream()
                .filter(node -> node.get("name").asText().equals(view))
                .findFirst()
                .orElseThrow();
    }

    private HttpHeaders adminHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(
                INFRA.jwtKeys().token("admin-id", "admin", Set.of("user", "admin"), Duration.ofMinutes(5)));
        return headers;
    }

    /** The documents of every collection of a generation, by base name, without bookkeeping fields. */
    private static Map<String, Object> generation(MongoTemplate mongo, int generation) {
        String suffix = "_g" + generation;
        Map<String, Object> collections = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (name.endsWith(suffix)) {
                collections.put(
                        name.substring(0, name.length() - suffix.length()),
                        Snapshots.collection(mongo, name, BOOKKEEPING));
            }
        }
        return collections;
    }
}
