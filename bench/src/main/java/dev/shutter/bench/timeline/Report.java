package dev.shutter.bench.timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run and their Markdown section of {@code bench/RESULTS.md}. */
final class Report {

    static final String START = "<!-- timelines:start -->";
    static final String END = "<!-- timelines:end -->";
    private static final String PUSH = "<!-- push:start -->\n<!-- push:end -->\n";

    final List<Phase> phases = new ArrayList<>();
    Latencies hubFanOut = new Latencies();
    Latencies starFanOut = new Latencies();
    Latencies fanOutOnRead;
    Latencies fanOutInProjection;
    double bulkInsertRate = Double.NaN;
    long peakHeap;
    long heapCommitted;
    long peakResident;
    String notes = "";

    private final Options options;
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String loadAtStart = loadAverage();
    private String seeding = "";

    Report(Options options) {
        this.options = options;
    }

    void seeding(Duration took, SocialGraph reed, SocialGraph large) {
        seeding = String.format(
                Locale.ROOT,
                "- Graphs (seeded over HTTP: registration, sign-in, follows, photos, posts; %d s): %s with %d users and"
                        + " %d follows (largest account %d followers, %d posts per user); %s with %d users and %d follows,"
                        + " one account with %d followers and one with %d.%n",
                took.toSeconds(),
                reed.name(),
                reed.size(),
                reed.edges().size(),
                reed.maxFollowers(),
                options.postsPerUser(),
                large.name(),
                large.size(),
                large.edges().size(),
                options.starFollowers(),
                options.hubFollowers());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(START).append('\n');
        md.append("## Timelines\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Run of %s, mode `%s`. Machine: %d cores, %s memory, JDK %s (%s); load average at start %s.%n%n",
                startedAt,
                options.mode(),
                Runtime.getRuntime().availableProcessors(),
                memory(),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                loadAtStart));
        md.append("Rerun: `./mvnw -B -q install -DskipTests && ./mvnw -B -q -pl bench"
                        + " org.codehaus.mojo:exec-maven-plugin:3.6.4:java"
                        + " -Dexec.mainClass=dev.shutter.bench.timeline.TimelineBenchmark -Dexec.args=\"")
                .append(options.arguments().isBlank() ? "--quick" : options.arguments())
                .append("\"`\n\n");
        md.append(seeding);
        if (options.threshold() != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "- Fan-out threshold lowered to %d (`SHUTTER_TIMELINES_FANOUTTHRESHOLD`) so that the %d-follower"
                            + " account of this smaller graph is merged at read time like the 50,000-follower one.%n",
                    options.threshold(),
                    options.starFollowers()));
        }
        md.append(String.format(
                Locale.ROOT,
                "%n### Mixed workload (open loop: requests leave at their scheduled times whatever the answers do;"
                        + " latency from the scheduled time; %d s per rate after %d s of warm-up; before the first"
                        + " rate, and before the fan-out samples below, %d s of the workload at %d requests/s, not"
                        + " measured, so that the JIT compilers are done)%n%n",
                options.duration(),
                options.warmup(),
                options.warmupRun(),
                options.rates().get(0)));
        md.append("| offered | request | share | answered/s | p50 ms | p99 ms | p99.9 ms | errors |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Phase phase : phases) {
            row(md, phase, "`GET /api/timeline`", "60%", phase.home);
            row(md, phase, "`GET /api/users/{id}/posts`", "30%", phase.userTimeline);
            row(md, phase, "`POST /api/posts`", "10%", phase.publish);
        }
        md.append("\nanswered/s: answers of the measured period divided by the time from its first scheduled request"
                + " to its last answer, so an offered rate the system cannot keep up with shows as fewer answers per"
                + " second.\n");
        md.append("\nThe load generator's own garbage collections paused it for ");
        md.append(phases.stream()
                .map(phase -> String.format(Locale.ROOT, "%d ms at %d/s", phase.generatorPauseMillis, phase.rate))
                .collect(java.util.stream.Collectors.joining(", ")));
        md.append(" (warm-up and measured period); a request it sends late counts as late here.\n");

        md.append("\n### Publish to presence in the last follower's home timeline\n\n");
        md.append(
                "| account | followers | samples | p50 ms | p99 ms | timeouts |\n| --- | --- | --- | --- | --- | --- |\n");
        fanOutRow(md, "fanned out on write", options.hubFollowers(), hubFanOut);
        fanOutRow(md, "merged at read time", options.starFollowers(), starFanOut);
        md.append("\nMeasured with no other load: the author publishes over HTTP, the follower who followed last polls"
                + " `GET /api/timeline?limit=1` every 2 ms until the post is first.\n");

        md.append("\n### Reference points, same run, same read store\n\n");
        if (fanOutOnRead != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "- The same page (newest 20) by fan-out on read, one MongoDB query over the followed accounts'"
                            + " posts in the posts view, 200 readers of %s: p50 %.2f ms, p99 %.2f ms (home timeline"
                            + " read at the lowest rate above: p50 %.2f ms end to end over HTTP).%n",
                    "the Reed98-like graph",
                    fanOutOnRead.millis(50),
                    fanOutOnRead.millis(99),
                    phases.isEmpty() ? Double.NaN : phases.get(0).home.millis(50)));
        }
        if (!Double.isNaN(bulkInsertRate)) {
            md.append(String.format(
                    Locale.ROOT,
                    "- Raw bulk inserts into the read store (1,000 documents per insertMany): %.0f documents/s.%n",
                    bulkInsertRate));
            if (fanOutInProjection != null && fanOutInProjection.count() > 0) {
                md.append(String.format(
                        Locale.ROOT,
                        "- Fan-out inside projections (its own log of each %d-follower fan-out, %d samples): p50 %.0f"
                                + " ms, i.e. %.0f home timeline writes/s = %.2f of the raw bulk-insert rate.%n",
                        options.hubFollowers(),
                        fanOutInProjection.count(),
                        fanOutInProjection.millis(50),
                        fanOutRate(),
                        fanOutRate() / bulkInsertRate));
            }
        }
        md.append("\n### Memory\n\n");
        md.append(String.format(
                Locale.ROOT,
                "devstack runs every service (command-side, query-side, projections, media-uploader, push-dispatcher)"
                        + " and the in-process MongoDB in one JVM, so memory cannot be split per service: peak heap in"
                        + " use %s (sampled every second with `jstat -gc`), heap committed up to %s, peak proportional"
                        + " set size of the process %s (Pss, sampled every second).%n",
                mib(peakHeap),
                mib(heapCommitted),
                mib(peakResident)));
        md.append("\n### Targets\n\n");
        Phase at500 =
                phases.stream().filter(phase -> phase.rate >= 500).findFirst().orElse(null);
        md.append(target(
                "home-timeline read p99 < 20 ms at 500 requests/s",
                at500 != null && at500.home.millis(99) < 20,
                at500 == null
                        ? "500 requests/s not offered"
                        : String.format(Locale.ROOT, "p99 %.1f ms at 500 requests/s offered", at500.home.millis(99))));
        md.append(target(
                "1,000-follower fan-out within 1 s p99",
                hubFanOut.millis(99) < 1000,
                String.format(Locale.ROOT, "p99 %.0f ms", hubFanOut.millis(99))));
        if (!Double.isNaN(bulkInsertRate)) {
            double fraction = fanOutRate() / bulkInsertRate;
            md.append(target(
                    "fan-out writes >= half the raw bulk-insert rate",
                    fraction >= 0.5,
                    String.format(Locale.ROOT, "%.2f", fraction)));
        }
        if (!notes.isEmpty()) {
            md.append("\n### Notes\n\n").append(notes);
        }
        md.append(END).append('\n');
        return md.toString();
    }

    void write(Path file) throws IOException {
        String section = markdown();
        String content;
        if (Files.exists(file)) {
            String existing = Files.readString(file);
            int start = existing.indexOf(START);
            int end = existing.indexOf(END);
            content = start >= 0 && end > start
                    ? existing.substring(0, start) + section + existing.substring(end + END.length() + 1)
                    : existing + "\n" + section;
        } else {
            content = "# Benchmark results\n\n" + section + "\n" + PUSH;
        }
        Files.writeString(file, content);
    }

    private double fanOutRate() {
        if (fanOutInProjection == null || fanOutInProjection.count() == 0) {
            return Double.NaN;
        }
        return options.hubFollowers() / (Math.max(1, fanOutInProjection.millis(50)) / 1000);
    }

    private static void row(StringBuilder md, Phase phase, String name, String share, Latencies latencies) {
        md.append(String.format(
                Locale.ROOT,
                "| %d/s | %s | %s | %.0f | %.1f | %.1f | %.1f | %d |%n",
                phase.rate,
                name,
                share,
                latencies.count() / phase.answeringSeconds,
                latencies.millis(50),
                latencies.millis(99),
                latencies.millis(99.9),
                latencies.errors()));
    }

    /** The mixed workload at one offered rate. */
    static final class Phase {
        final int rate;
        final Latencies home = new Latencies();
        final Latencies userTimeline = new Latencies();
        final Latencies publish = new Latencies();
        double answeringSeconds;
        long generatorPauseMillis;

        Phase(int rate) {
            this.rate = rate;
        }

        double throughput() {
            return (home.count() + userTimeline.count() + publish.count()) / answeringSeconds;
        }
    }

    private static void fanOutRow(StringBuilder md, String kind, int followers, Latencies latencies) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %,d | %d | %.0f | %.0f | %d |%n",
                kind,
                followers,
                latencies.count(),
                latencies.millis(50),
                latencies.millis(99),
                latencies.errors()));
    }

    private static String target(String name, boolean met, String measured) {
        return "- " + name + ": " + (met ? "met" : "NOT met") + " (" + measured + ")\n";
    }

    private static String mib(long bytes) {
        return bytes <= 0 ? "not measured" : String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
