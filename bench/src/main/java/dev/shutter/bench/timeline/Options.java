package dev.shutter.bench.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one run does; {@code --quick} and {@code --full} set everything, single flags override. */
record Options(
        String mode,
        String baseUrl,
        String mongoUri,
        String devstackJar,
        List<String> devstackJavaOptions,
        int port,
        String results,
        int reedUsers,
        int reedEdges,
        int largeUsers,
        int starFollowers,
        int hubFollowers,
        int perUser,
        Integer threshold,
        int postsPerUser,
        List<Integer> rates,
        int warmupRun,
        int warmup,
        int duration,
        int samples,
        int bulkDocuments,
        String arguments) {

    static Options parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
            int equals = arg.indexOf('=');
            flags.put(
                    equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                    equals < 0 ? "" : arg.substring(equals + 1));
        }
        boolean full = flags.containsKey("full");
        // The quick graph keeps the shape at a size registered in minutes: a merged account needs more followers than
        // the threshold, and the 1,000-follower account fewer.
        return new Options(
                full ? "full" : "quick",
                flags.get("base-url"),
                flags.get("mongo-uri"),
                flags.getOrDefault("devstack-jar", "devstack/target/shutter-devstack.jar"),
                words(flags.getOrDefault("devstack-java-options", "")),
                number(flags, "port", 0),
                flags.getOrDefault("results", "bench/RESULTS.md"),
                number(flags, "reed-users", full ? 962 : 200),
                number(flags, "reed-edges", full ? 18_812 : 3_900),
                number(flags, "large-users", full ? 100_000 : 1_200),
                number(flags, "star-followers", full ? 50_000 : 1_100),
                number(flags, "hub-followers", 1_000),
                number(flags, "per-user", full ? 3 : 1),
                flags.containsKey("threshold")
                        ? Integer.valueOf(flags.get("threshold"))
                        : full ? null : Integer.valueOf(1_050),
                number(flags, "posts-per-user", full ? 5 : 3),
                rates(flags.getOrDefault("rates", flags.getOrDefault("rate", full ? "100,250,500" : "100,250,500"))),
                number(flags, "warm-up-run", full ? 120 : 60),
                number(flags, "warmup", full ? 20 : 5),
                number(flags, "duration", full ? 120 : 30),
                number(flags, "samples", full ? 100 : 20),
                number(flags, "bulk-documents", full ? 200_000 : 50_000),
                String.join(" ", args));
    }

    private static List<Integer> rates(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }

    private static List<String> words(String spaceSeparated) {
        return spaceSeparated.isBlank()
                ? List.of()
                : List.of(spaceSeparated.trim().split("\\s+"));
    }

    private static int number(Map<String, String> flags, String name, int fallback) {
        return flags.containsKey(name) ? Integer.parseInt(flags.get(name)) : fallback;
    }
}
