package dev.shutter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One devstack for every end-to-end class of a test run: started by the first class that asks for it, closed when
 * the run ends, and its namespace wiped from the local servers it used. Test classes declare
 * {@code @ExtendWith(RunningDevstack.Shared.class)} and take a {@link RunningDevstack} parameter in their
 * {@code @BeforeAll}.
 */
final class RunningDevstack implements ExtensionContext.Store.CloseableResource {

    static final String PASSWORD = "correct horse battery";

    private final DevstackSettings settings;
    private final Devstack devstack;
    private final ShutterApi api;

    private RunningDevstack(DevstackSettings settings, Devstack devstack) {
        this.settings = settings;
        this.devstack = devstack;
        this.api = new ShutterApi(devstack.baseUrl());
    }

    /** Resolves {@link RunningDevstack} parameters to the one devstack of the test run. */
    static final class Shared implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Shared.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningDevstack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(RunningDevstack.class, type -> start(), RunningDevstack.class);
        }
    }

    ShutterApi api() {
        return api;
    }

    /** Registers an account with {@link #PASSWORD}, e-mail {@code <username>@example.com}; answers its id. */
    String register(String username) {
        ShutterApi.Answer answer = api.post(
                "/api/users",
                ShutterApi.body(
                        "username",
                        username,
                        "email",
                        username + "@example.com",
                        "password",
                        PASSWORD,
                        "displayName",
                        username.toUpperCase()),
                null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    /** An access token of an account registered with {@link #register}. */
    String login(String username) {
        return login(username, PASSWORD);
    }

    String login(String login, String password) {
        ShutterApi.Answer answer =
                api.post("/api/auth/token", ShutterApi.body("login", login, "password", password), null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("accessToken").asText();
    }

    /** The keys devstack signs access tokens with, to make tokens no sign-in gives (an expired one, say). */
    JwtKeys signingKeys() {
        return JwtKeys.loadOrCreate(settings.dataDir().resolve("jwt"));
    }

    /** An access token of the admin account devstack created. */
    String adminToken() {
        return login("admin", devstack.adminPassword());
    }

    private static RunningDevstack start() {
        try {
            Path data = Files.createTempDirectory("shutter-devstack-it");
            int[] ports = freePorts(6);
            DevstackSettings settings = new DevstackSettings(
                    ports[0],
                    new DevstackSettings.ServicePorts(ports[1], ports[2], ports[3], ports[4], ports[5]),
                    data,
                    true,
                    false,
                    "admin-" + UUID.randomUUID(),
                    false,
                    "e2e" + UUID.randomUUID().toString().substring(0, 8));
            try {
                return new RunningDevstack(settings, Devstack.start(settings));
            } catch (RuntimeException failedStart) {
                wipe(settings);
                throw failedStart;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        devstack.close();
        wipe(settings);
    }

    /** Local servers outlive the test run: leave nothing of this run on them. */
    private static void wipe(DevstackSettings settings) {
        try (Postgres postgres = Postgres.start(null);
                AmqpBroker broker = AmqpBroker.start(null)) {
            SharedServers.wipe(settings, postgres, broker);
        }
    }

    /**
     * Free ports below the kernel's ephemeral range (32768 and up on Linux), so that no outgoing connection of the
     * run can take one between the check here and the services binding it.
     */
    private static int[] freePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 32_000 - count);
            if (allFree(first, count)) {
                return IntStream.range(first, first + count).toArray();
            }
        }
        throw new IOException("No " + count + " consecutive free ports between 20000 and 32000 on the loopback");
    }

    private static boolean allFree(int first, int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int port = first; port < first + count; port++) {
                sockets.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a probe socket that fails to close leaves nothing behind that matters
                }
            }
        }
    }
}
