package dev.shutter.bench.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** The push section of {@code bench/RESULTS.md}, between {@code <!-- push:start -->} and {@code <!-- push:end -->}. */
record Report(PushFanOutBenchmark.Options options, FakeAlone.Result alone, PushFanOutBenchmark.Result result) {

    static final String START = "<!-- push:start -->";
    static final String END = "<!-- push:end -->";

    String markdown() {
        double quotaPerSecond = options.perMinute() / 60.0;
        double rate = result.perSecond();
        return String.format(
                Locale.ROOT,
                """
                %s
                ## Push fan-out (push-dispatcher)

                One post fanned out to %,d followers with 1.5 devices each (%,d pushes) by one push-dispatcher
                instance with %d senders (`shutter.push.send.concurrency`), ceiling %,d messages/min
                (`shutter.push.send.max-per-minute`), against the fake FCM answering each message after %d ms
                (%d server threads). The read model (users, follows, devices) was seeded directly in MongoDB; the post
                arrived as a live `PostPublished` on the service's RabbitMQ queue, went through the work queue in
                items of at most 500 tokens, each recipient's inbox was written, and firebase-admin `sendEach` sent
                the pushes. Measured on %s, %d cores, local RabbitMQ, in-process MongoDB (mongo-java-server in
                memory, using the indexes the services declare).

                | figure | value |
                | --- | --- |
                | pushes accepted by the fake / expected / distinct tokens | %,d / %,d / %,d |
                | time from publishing the post to the first push | %.2f s |
                | time from publishing the post to the last push | %.2f s |
                | pushes per second (publish to last push) | %,.0f |
                | fraction of the configured quota (%,d/min = %,.0f/s) | %.1f %% |
                | the fake alone, firebase-admin `sendEach` with %d senders | %,.0f pushes/s (%,d in %.1f s) |
                | fraction of what the fake alone accepts | %.1f %% |

                Run it with `%s`. Seeding the read model directly in MongoDB stands in for the events that would have built it.
                %s
                """,
                START,
                options.followers(),
                result.expected(),
                options.concurrency(),
                options.perMinute(),
                options.latencyMs(),
                options.fakeThreads(),
                LocalDate.now(ZoneOffset.UTC),
                Runtime.getRuntime().availableProcessors(),
                result.accepted(),
                result.expected(),
                result.distinctTokens(),
                result.toFirst().toMillis() / 1000.0,
                result.toLast().toMillis() / 1000.0,
                rate,
                options.perMinute(),
                quotaPerSecond,
                100 * rate / quotaPerSecond,
                options.concurrency(),
                alone.perSecond(),
                alone.messages(),
                alone.seconds(),
                100 * rate / alone.perSecond(),
                "./mvnw -B -q -pl bench -am install -DskipTests && ./mvnw -B -q -pl bench org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.mainClass=dev.shutter.bench.push.PushFanOutBenchmark",
                END);
    }

    void writeTo(Path file) throws IOException {
        String section = markdown().strip();
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Shutter benchmarks\n";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        String updated;
        if (start >= 0 && end > start) {
            updated = text.substring(0, start) + section + text.substring(end + END.length());
        } else {
            updated = text.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
