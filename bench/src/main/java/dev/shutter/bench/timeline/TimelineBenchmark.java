package dev.shutter.bench.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The timelines benchmark: seeds two social graphs through Shutter's public HTTP API, runs the DeathStarBench-style
 * mixed workload (60% home timelines, 30% user timelines, 10% posts) at a fixed arrival rate, measures how long a post
 * takes to reach the last follower of a 1,000-follower account and of the account merged at read time, takes the
 * read store's own reference points, and writes everything to {@code bench/RESULTS.md}.
 *
 * <p>{@code --quick} (default) or {@code --full}; {@code --base-url=URL} drives a running Shutter instead of starting
 * devstack (then {@code SHUTTER_ADMIN_PASSWORD} must be its admin password and {@code --mongo-uri=URI} enables the
 * reference points); {@code --rate=}, {@code --duration=} (seconds) and {@code --results=} override the mode;
 * {@code --devstack-java-options="..."} adds options to the JVM of the devstack it starts (a flight recording, another
 * collector).
 */
public final class TimelineBenchmark {

    static final String NOTES =
            """
            - Every account is registered and signed in over HTTP. The devstack the benchmark starts hashes passwords \
            with bcrypt at strength 4 (`SHUTTER_SECURITY_BCRYPTSTRENGTH`, default 10, about 57 ms a hash here) so \
            that seeding measures Shutter rather than the password hash; the workload itself signs nobody in. The \
            quick mode keeps both graph shapes at a size seeded in minutes and lowers the fan-out threshold so its \
            largest account is merged at read time.
            - devstack runs on in-process MongoDB (mongo-java-server), here with its read models in memory \
            (`SHUTTER_MONGODB_IN_MEMORY=true`): devstack's default file store (H2) serializes every document and \
            every key it compares with Java serialization, which made it, not Shutter, what this benchmark \
            measured. The in-memory store uses the indexes the services declare (equality on an index's first \
            field, `_id` first in any query that names it, and the leading `$match` of a count), as MongoDB \
            would; the library alone would read a whole collection for any query that is not by `_id` alone.
            - devstack's JVM (all five services) runs with `-Xmx6g -XX:ReservedCodeCacheSize=512m \
            -XX:-UseCodeCacheFlushing`: with the default code cache sweeper the JIT compilers kept recompiling \
            flushed code through every phase. Its heap is sampled by one `jstat -gc <pid> 1000` for the whole run.
            - The load generator runs on the same two cores, in the JVM of `mvn exec:java`; it reads every answer \
            whole and keeps only its status. devstack runs at a lower CPU priority (`nice -n 10`), as if the \
            generator had a machine of its own: at the same priority, once devstack fell behind, the generator \
            shared the cores with devstack's few hundred busy threads, its own collections took seconds, and the \
            requests it sent late counted as Shutter's latency. RabbitMQ and PostgreSQL keep their normal priority.
            - The machine is shared: the load average at the start of the run is printed above.
            """;

    private static final String ADMIN_PASSWORD = "bench admin " + UUID.randomUUID();

    private final Options options;
    private final ShutterApi api;
    private final ExecutorService seeders = Executors.newFixedThreadPool(8);
    private final StringBuilder notes = new StringBuilder();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private TimelineBenchmark(Options options, URI base, ExecutorService httpExecutor) {
        this.options = options;
        this.api = new ShutterApi(base, httpExecutor);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        ExecutorService httpExecutor = Executors.newCachedThreadPool();
        DevstackProcess devstack = null;
        try {
            URI base;
            String mongoUri = options.mongoUri();
            String admin = options.baseUrl() != null ? System.getenv("SHUTTER_ADMIN_PASSWORD") : ADMIN_PASSWORD;
            if (options.baseUrl() == null) {
                Map<String, String> env = new HashMap<>();
                env.put("SHUTTER_SECURITY_BCRYPTSTRENGTH", "4");
                env.put("SHUTTER_MONGODB_IN_MEMORY", "true");
                if (options.threshold() != null) {
                    env.put(
                            "SHUTTER_TIMELINES_FANOUTTHRESHOLD",
                            options.threshold().toString());
                }
                int port = options.port() > 0 ? options.port() : DevstackProcess.freePorts();
                devstack = DevstackProcess.start(
                        Path.of(options.devstackJar()), options.devstackJavaOptions(), port, ADMIN_PASSWORD, env);
                base = devstack.baseUrl();
                System.out.printf("Starting devstack (pid %d, log %s)%n", devstack.pid(), devstack.log());
                waitForHealth(new ShutterApi(base, httpExecutor), devstack);
                mongoUri = devstack.mongoUri().orElse(null);
            } else {
                base = URI.create(options.baseUrl());
            }
            TimelineBenchmark benchmark = new TimelineBenchmark(options, base, httpExecutor);
            Report report = benchmark.run(admin, mongoUri, devstack);
            report.write(Path.of(options.results()));
            System.out.println(report.markdown());
        } finally {
            if (devstack != null) {
                devstack.close();
            }
            httpExecutor.shutdownNow();
        }
        System.exit(0);
    }

    private Report run(String adminPassword, String mongoUri, DevstackProcess devstack) throws Exception {
        Report report = new Report(options);
        long seedStart = System.nanoTime();
        SocialGraph reed = SocialGraph.heavyTailed("socfb-Reed98-like", options.reedUsers(), options.reedEdges(), 98);
        SocialGraph large = SocialGraph.powerLaw(
                options.largeUsers(), options.starFollowers(), options.hubFollowers(), options.perUser(), 7);
        log(
                "Seeding %s: %d users, %d follows (largest account %d followers)",
                reed.name(), reed.size(), reed.edges().size(), reed.maxFollowers());
        Seeded reedUsers = seed(reed, "r", user -> true);
        log(
                "Seeding %s: %d users, %d follows",
                large.name(), large.size(), large.edges().size());
        Seeded largeUsers = seed(large, "p", user -> user < 2);
        log("Publishing %d posts per user of %s", options.postsPerUser(), reed.name());
        List<Future<?>> posting = new ArrayList<>();
        for (int user = 0; user < reed.size(); user++) {
            int author = user;
            posting.add(seeders.submit(() -> {
                for (int i = 0; i < options.postsPerUser(); i++) {
                    api.publish(reedUsers.tokens[author], reedUsers.media(api, author), "seed " + i);
                }
            }));
        }
        await(posting);
        String adminToken = api.token("admin", adminPassword);
        awaitProjections(adminToken);
        report.seeding(Duration.ofNanos(System.nanoTime() - seedStart), reed, large);

        if (options.warmupRun() > 0) {
            // Seeding exercised registration, follows and posts, not reads: let the JIT compilers finish before
            // anything is measured.
            log(
                    "Warm-up: the mixed workload at %d requests/s for %d s, not measured",
                    options.rates().get(0), options.warmupRun());
            mixedWorkload(reed, reedUsers, new Report.Phase(options.rates().get(0)), 0, options.warmupRun());
            awaitProjections(adminToken);
        }

        log("Fan-out: %d samples for the %d-follower account", options.samples(), options.hubFollowers());
        refreshTokens(
                largeUsers,
                "p",
                java.util.stream.IntStream.of(0, 1, lastFollowerOf(large, 0), lastFollowerOf(large, 1)));
        List<String> hubPosts = new ArrayList<>();
        report.hubFanOut = fanOutLatency(largeUsers, 1, lastFollowerOf(large, 1), hubPosts);
        if (devstack != null) {
            Map<String, Long> logged = devstack.loggedFanOuts();
            report.fanOutInProjection = new Latencies();
            hubPosts.stream()
                    .filter(logged::containsKey)
                    .forEach(post -> report.fanOutInProjection.add(logged.get(post) * 1_000_000));
        }
        log("Fan-out: %d samples for the %d-follower account", options.samples(), options.starFollowers());
        report.starFanOut = fanOutLatency(largeUsers, 0, lastFollowerOf(large, 0), new ArrayList<>());
        awaitProjections(adminToken);

        for (int rate : options.rates()) {
            log(
                    "Mixed workload: %d requests/s for %d s after %d s of warm-up",
                    rate, options.duration(), options.warmup());
            Report.Phase phase = new Report.Phase(rate);
            mixedWorkload(reed, reedUsers, phase, options.warmup(), options.duration());
            report.phases.add(phase);
            log("  answered %.0f requests/s; home timeline p99 %.1f ms", phase.throughput(), phase.home.millis(99));
            awaitProjections(adminToken);
            refreshTokens(reedUsers, "r", java.util.stream.IntStream.range(0, reed.size()));
        }

        if (mongoUri != null) {
            try (ReadStoreReference store = new ReadStoreReference(mongoUri)) {
                List<List<String>> followees = new ArrayList<>();
                List<List<Integer>> following = reed.following();
                Random random = new Random(1);
                for (int i = 0; i < 200; i++) {
                    int reader = random.nextInt(reed.size());
                    followees.add(following.get(reader).stream()
                            .map(f -> reedUsers.ids[f])
                            .toList());
                }
                log("Reference: fan-out on read over the posts view, 200 pages");
                report.fanOutOnRead = store.fanOutOnRead(followees);
                log("Reference: raw bulk inserts into the read store");
                report.bulkInsertRate = store.bulkInsertRate(options.bulkDocuments());
            }
        } else {
            notes.append("- No MongoDB URI was given, so the read-store reference points were not measured.\n");
        }
        if (devstack != null) {
            report.peakHeap = devstack.peakHeapUsedBytes();
            report.heapCommitted = devstack.heapCommittedBytes();
            report.peakResident = devstack.peakResidentBytes();
        }
        notes.append(NOTES);
        report.notes = notes.toString();
        return report;
    }

    /** Registers every user, signs each in, and seeds the follows (the final follow of users 0 and 1 last). */
    private Seeded seed(SocialGraph graph, String prefix, java.util.function.IntPredicate posts) throws Exception {
        Seeded seeded = new Seeded(graph.size());
        List<Future<?>> work = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        for (int user = 0; user < graph.size(); user++) {
            int index = user;
            work.add(seeders.submit(() -> {
                String username = prefix + run + "_" + index;
                seeded.ids[index] = api.register(username);
                seeded.tokens[index] = api.token(username, ShutterApi.PASSWORD);
                if (posts.test(index)) {
                    seeded.media[index] = api.uploadPhoto(seeded.tokens[index]);
                }
                int count = done.incrementAndGet();
                if (count % 500 == 0) {
                    log("  %d users registered", count);
                }
            }));
        }
        await(work);
        List<int[]> edges = graph.edges();
        int lastToStar = lastEdgeTo(edges, 0);
        int lastToHub = lastEdgeTo(edges, 1);
        work.clear();
        for (int i = 0; i < edges.size(); i++) {
            if (i == lastToStar || i == lastToHub) {
                continue;
            }
            int[] edge = edges.get(i);
            work.add(seeders.submit(() -> api.follow(seeded.tokens[edge[0]], seeded.ids[edge[1]])));
        }
        await(work);
        for (int last : new int[] {lastToStar, lastToHub}) {
            if (last >= 0) {
                int[] edge = edges.get(last);
                api.follow(seeded.tokens[edge[0]], seeded.ids[edge[1]]);
            }
        }
        return seeded;
    }

    /** Signs the users in again: access tokens live 15 minutes and seeding can take longer. */
    private void refreshTokens(Seeded users, String prefix, java.util.stream.IntStream indexes) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        indexes.forEach(index -> work.add(seeders.submit(() -> {
            users.tokens[index] = api.token(prefix + run + "_" + index, ShutterApi.PASSWORD);
        })));
        await(work);
    }

    /** Publish-to-presence in the last follower's home timeline, in milliseconds. */
    private Latencies fanOutLatency(Seeded users, int author, int lastFollower, List<String> posts) {
        Latencies latencies = new Latencies();
        if (lastFollower < 0) {
            return latencies;
        }
        String media = users.media(api, author);
        for (int sample = 0; sample < options.samples(); sample++) {
            long start = System.nanoTime();
            String postId = api.publish(users.tokens[author], media, "fan-out sample " + sample);
            posts.add(postId);
            while (true) {
                List<String> first = api.homeIds(users.tokens[lastFollower], 1);
                if (!first.isEmpty() && first.get(0).equals(postId)) {
                    latencies.add(System.nanoTime() - start);
                    log("  sample %d: %d ms", sample, (System.nanoTime() - start) / 1_000_000);
                    break;
                }
                if (System.nanoTime() - start > Duration.ofSeconds(20).toNanos()) {
                    log(
                            "  sample %d: post %s not in the last follower's timeline after 20 s (first: %s)",
                            sample, postId, first);
                    latencies.error();
                    break;
                }
                LockSupport.parkNanos(2_000_000);
            }
            ShutterApi.sleep(100);
        }
        return latencies;
    }

    /** The open-loop mixed workload: requests leave at their scheduled times whatever the answers do. */
    private void mixedWorkload(
            SocialGraph graph, Seeded users, Report.Phase report, int warmupSeconds, int measuredSeconds) {
        Random random = new Random(42);
        long period = 1_000_000_000L / report.rate;
        long warmupRequests = (long) report.rate * warmupSeconds;
        long total = warmupRequests + (long) report.rate * measuredSeconds;
        long measuredFrom = System.nanoTime() + 200_000_000L + warmupRequests * period;
        java.util.concurrent.atomic.AtomicLong lastAnswer = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime() + 200_000_000L;
        long pausedBefore = collectionMillis();
        // Only a count of the requests in flight, not their futures: answers held until the end of a phase gave the
        // load generator's own collector more to copy, and the generator's pauses count as Shutter's latency.
        AtomicInteger inFlight = new AtomicInteger();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * period;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = i >= warmupRequests;
            int dice = random.nextInt(100);
            int user = random.nextInt(graph.size());
            HttpRequest request;
            Latencies target;
            int expected;
            if (dice < 60) {
                request = api.get("/api/timeline", users.tokens[user]);
                target = report.home;
                expected = 200;
            } else if (dice < 90) {
                int author = random.nextInt(graph.size());
                request = api.get("/api/users/" + users.ids[author] + "/posts", users.tokens[user]);
                target = report.userTimeline;
                expected = 200;
            } else {
                request = api.publishRequest(users.tokens[user], users.media(api, user), "workload post");
                target = report.publish;
                expected = 201;
            }
            inFlight.incrementAndGet();
            api.sendAsync(request).whenComplete((response, failure) -> {
                long answeredAt = System.nanoTime();
                long latency = answeredAt - scheduled;
                inFlight.decrementAndGet();
                lastAnswer.accumulateAndGet(answeredAt, Math::max);
                if (!measured) {
                    return;
                }
                if (failure != null || response.statusCode() != expected) {
                    target.error();
                } else {
                    target.add(latency);
                }
            });
        }
        // The last answers, or their errors, within a minute; what is still open then is left out of the figures.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        report.answeringSeconds = (lastAnswer.get() - measuredFrom) / 1e9;
        report.generatorPauseMillis = collectionMillis() - pausedBefore;
    }

    /** The time this JVM's collectors have spent in collections so far (G1's young and mixed pauses). */
    private static long collectionMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                .filter(millis -> millis > 0)
                .sum();
    }

    private void awaitProjections(String adminToken) {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        int polls = 0;
        while (System.nanoTime() < deadline) {
            JsonNode views = api.getJson("/api/admin/views", adminToken);
            long behind = 0;
            for (JsonNode view : views) {
                behind += view.get("behind").asLong();
            }
            if (behind == 0) {
                return;
            }
            if (++polls % 20 == 0) {
                log("  projections are %d events behind", behind);
            }
            ShutterApi.sleep(500);
        }
        throw new IllegalStateException("The projections did not catch up within 30 minutes");
    }

    private static int lastEdgeTo(List<int[]> edges, int followee) {
        for (int i = edges.size() - 1; i >= 0; i--) {
            if (edges.get(i)[1] == followee) {
                return i;
            }
        }
        return -1;
    }

    private static int lastFollowerOf(SocialGraph graph, int followee) {
        int last = lastEdgeTo(graph.edges(), followee);
        return last < 0 ? -1 : graph.edges().get(last)[0];
    }

    private static void await(List<Future<?>> work) throws Exception {
        for (Future<?> future : work) {
            future.get();
        }
    }

    private static void waitForHealth(ShutterApi api, DevstackProcess devstack) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!api.healthy()) {
            if (!devstack.alive() || devstack.failed() || System.nanoTime() > deadline) {
                throw new IllegalStateException("devstack did not start; see " + devstack.log());
            }
            ShutterApi.sleep(1000);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", Instant.now(), String.format(Locale.ROOT, format, args));
    }

    /** Ids, tokens and one photo per seeded user. */
    private static final class Seeded {
        final String[] ids;
        final String[] tokens;
        final String[] media;

        Seeded(int size) {
            ids = new String[size];
            tokens = new String[size];
            media = new String[size];
        }

        String media(ShutterApi api, int user) {
            return media[user];
        }
    }
}
