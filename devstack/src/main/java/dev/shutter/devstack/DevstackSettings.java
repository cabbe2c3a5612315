package dev.shutter.devstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What a devstack run needs to know, read from the environment and the command line.
 *
 * <p>{@code SHUTTER_PORT} (default 8080) is the one base URL; the services take the next five ports unless
 * {@code SHUTTER_SERVICE_PORTS} lists them. {@code SHUTTER_DATA_DIR} (default {@code .shutter/devstack}) keeps the
 * embedded stores between runs; {@code --clean} starts from nothing. {@code SHUTTER_ADMIN_PASSWORD} sets the password of
 * the {@code admin} account, otherwise one is generated and printed. {@code SHUTTER_MONGODB_IN_MEMORY=true} keeps the
 * in-process MongoDB's read models in memory rather than in its file, which makes them several times faster to read and
 * write but leaves nothing of them after the run, so it needs {@code --clean} (benchmarks use it).
 */
record DevstackSettings(
        int gatewayPort,
        ServicePorts servicePorts,
        Path dataDir,
        boolean clean,
        boolean mongoInMemory,
        String adminPassword,
        boolean adminPasswordGenerated,
        String namespace) {

    record ServicePorts(int commandSide, int querySide, int projections, int mediaUploader, int pushDispatcher) {

        static ServicePorts following(int gatewayPort) {
            return new ServicePorts(
                    gatewayPort + 1, gatewayPort + 2, gatewayPort + 3, gatewayPort + 4, gatewayPort + 5);
        }

        static ServicePorts parse(String commaSeparated) {
            int[] ports = Arrays.stream(commaSeparated.split(","))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
            if (ports.length != 5) {
                throw new IllegalArgumentException("SHUTTER_SERVICE_PORTS needs five ports: command-side, query-side,"
                        + " projections, media-uploader, push-dispatcher");
            }
            return new ServicePorts(ports[0], ports[1], ports[2], ports[3], ports[4]);
        }
    }

    static DevstackSettings from(Map<String, String> env, List<String> args) {
        int gatewayPort = Integer.parseInt(env.getOrDefault("SHUTTER_PORT", "8080"));
        ServicePorts ports = env.containsKey("SHUTTER_SERVICE_PORTS")
                ? ServicePorts.parse(env.get("SHUTTER_SERVICE_PORTS"))
                : ServicePorts.following(gatewayPort);
        Path dataDir = Path.of(env.getOrDefault("SHUTTER_DATA_DIR", ".shutter/devstack"))
                .toAbsolutePath()
                .normalize();
        boolean clean = args.contains("--clean") || "true".equalsIgnoreCase(env.get("SHUTTER_CLEAN"));
        boolean mongoInMemory = "true".equalsIgnoreCase(env.get("SHUTTER_MONGODB_IN_MEMORY"));
        if (mongoInMemory && !clean) {
            // The event store would outlive the run while the views built from it would not.
            throw new IllegalArgumentException("SHUTTER_MONGODB_IN_MEMORY=true keeps no read model after the run,"
                    + " so it needs --clean (or SHUTTER_CLEAN=true)");
        }
        String password = env.get("SHUTTER_ADMIN_PASSWORD");
        boolean generated = password == null || password.isBlank();
        return new DevstackSettings(
                gatewayPort,
                ports,
                dataDir,
                clean,
                mongoInMemory,
                generated ? generatePassword() : password,
                generated,
                env.getOrDefault("SHUTTER_NAMESPACE", ""));
    }

    /** Exchange and queue names, prefixed by the namespace so that several devstacks can share one broker. */
    String amqpName(String name) {
        return namespace.isEmpty() ? name : namespace + "." + name;
    }

    /** The event store database: one per namespace on a shared PostgreSQL. */
    String eventStoreDatabase() {
        return namespace.isEmpty() ? "shutter_devstack" : "shutter_devstack_" + namespace.replaceAll("[^a-z0-9_]", "_");
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
