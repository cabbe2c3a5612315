package dev.shutter.devstack;

import static dev.shutter.devstack.ShutterApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.Postgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * devstack, with its default settings, killed with SIGKILL right after it accepted five posts: once it is started
 * again, every post is in every view. Run twice, as the loss it guards against did not happen every time.
 *
 * <p>devstack runs here as its own process from its executable jar, so the kill is real. The event store is the local
 * PostgreSQL: an embedded one would outlive the killed JVM as an orphan holding its data directory. Without a local
 * PostgreSQL the test is skipped, except under CI, where it fails.
 */
class DevstackKillIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path data;

    /** The devstack this test started last; ended, with what it started, when the test ends. */
    private Process devstack;

    @Test
    void keepsEveryAcceptedPostInEveryViewAfterASigkill() throws Exception {
        boolean localPostgres = answers(5432);
        if (System.getenv("CI") != null) {
            assertThat(localPostgres)
                    .as("a local PostgreSQL on 127.0.0.1:5432 under CI")
                    .isTrue();
        }
        assumeTrue(localPostgres, "needs a local PostgreSQL on 127.0.0.1:5432");

        int port = ThreadLocalRandom.current().nextInt(20_000, 31_000);
        String namespace = "kill" + UUID.randomUUID().toString().substring(0, 8);
        DevstackSettings settings = new DevstackSettings(
                port,
                new DevstackSettings.ServicePorts(port + 1, port + 2, port + 3, port + 4, port + 5),
                data.resolve("data"),
                false,
                false,
                "admin-" + UUID.randomUUID(),
                false,
                namespace);
        try {
            ShutterApi api = new ShutterApi(URI.create("http://127.0.0.1:" + port));
            devstack = start(settings, true);
            String alice = register(api, "alice");
            String bob = register(api, "bob");
            String aliceToken = login(api, "alice");
            String bobToken = login(api, "bob");
            assertThat(api.put("/api/users/me/following/" + alice, bobToken).status())
                    .isEqualTo(204);
            List<String> posts = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                List<String> photos = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    ShutterApi.Answer upload =
                            api.upload("/api/media", "p.jpg", "image/jpeg", TestImages.jpeg(64, 48), aliceToken);
                    assertThat(upload.status()).as(upload.body().toString()).isEqualTo(201);
                    photos.add(upload.body().path("id").asText());
                }
                for (String photo : photos) {
                    posts.add(publish(api, aliceToken, photo, "round " + round));
                }
                devstack.destroyForcibly().waitFor();

                devstack = start(settings, false);
                List<String> expected = List.copyOf(posts);
                Eventually.await(
                        "every accepted post in Alice's posts after the kill",
                        () -> ids(api.get("/api/users/" + alice + "/posts", bobToken)),
                        ids -> ids.containsAll(expected));
                Eventually.await(
                        "every accepted post in Bob's home timeline after the kill",
                        () -> ids(api.get("/api/timeline", bobToken)),
                        ids -> ids.containsAll(expected));
                for (String post : expected) {
                    assertThat(api.get("/api/posts/" + post, bobToken).status()).isEqualTo(200);
                }
            }
            devstack.destroy();
            devstack.waitFor();
        } finally {
            if (devstack != null) {
                devstack.descendants().forEach(ProcessHandle::destroyForcibly);
                devstack.destroyForcibly().waitFor();
            }
            try (Postgres postgres = Postgres.start(null);
                    AmqpBroker broker = AmqpBroker.start(null)) {
                SharedServers.wipe(settings, postgres, broker);
            }
        }
    }

    /** Publishes a post, sending it again while the command side has not learned of the photo yet. */
    private static String publish(ShutterApi api, String token, String photo, String caption) {
        ShutterApi.Answer answer = Eventually.await(
                "the photo known to the command side",
                () -> api.post("/api/posts", body("caption", caption, "mediaIds", List.of(photo)), token),
                reply -> !"MEDIA_NOT_READY".equals(reply.code()));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    private Process start(DevstackSettings settings, boolean clean) throws IOException {
        Path jar = Path.of("target", "shutter-devstack.jar").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString()));
        if (clean) {
            command.add("--clean");
        }
        Path log = settings.dataDir().resolveSibling("devstack-" + System.nanoTime() + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SHUTTER_PORT", Integer.toString(settings.gatewayPort()));
        builder.environment().put("SHUTTER_DATA_DIR", settings.dataDir().toString());
        builder.environment().put("SHUTTER_NAMESPACE", settings.namespace());
        builder.environment().put("SHUTTER_ADMIN_PASSWORD", settings.adminPassword());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        devstack = process;
        ShutterApi api = new ShutterApi(URI.create("http://127.0.0.1:" + settings.gatewayPort()));
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            assertThat(process.isAlive())
                    .as("devstack running; its log: %s", log)
                    .isTrue();
            try {
                if (api.get("/actuator/health", null).status() == 200) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime())
                    .as("devstack healthy within %s; its log: %s", START, log)
                    .isLessThan(deadline);
            sleep(500);
        }
    }

    private static String register(ShutterApi api, String username) {
        ShutterApi.Answer answer = api.post(
                "/api/users",
                body(
                        "username",
                        username,
                        "email",
                        username + "@example.com",
                        "password",
                        PASSWORD,
                        "displayName",
                        username),
                null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    private static String login(ShutterApi api, String username) {
        ShutterApi.Answer answer = api.post("/api/auth/token", body("login", username, "password", PASSWORD), null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("accessToken").asText();
    }

    private static Set<String> ids(ShutterApi.Answer page) {
        Set<String> ids = new HashSet<>();
        for (JsonNode item : page.body().path("items")) {
            ids.add(item.path("id").asText());
        }
        return ids;
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
