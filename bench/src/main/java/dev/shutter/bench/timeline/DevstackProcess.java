package dev.shutter.bench.timeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * devstack in a process of its own ({@code java -jar devstack/target/shutter-devstack.jar --clean}), so its memory is
 * measured apart from the load generator's: every service of Shutter runs in that one JVM.
 */
final class DevstackProcess implements AutoCloseable {

    private static final Pattern FAN_OUT =
            Pattern.compile("Fanned out post (\\S+) to (\\d+) home timelines in (\\d+) ms");
    private static final Pattern MONGO_URI = Pattern.compile("MongoDB (mongodb://[^ ,]+)");

    private final Process process;
    private final Path log;
    private final int port;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Process jstat;
    private volatile long peakHeapUsedBytes;
    private volatile long peakProportionalBytes;
    private volatile long heapCommittedBytes;

    private DevstackProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static DevstackProcess start(
            Path jar, List<String> javaOptions, int port, String adminPassword, Map<String, String> extraEnvironment)
            throws IOException {
        Path data = Files.createTempDirectory("shutter-bench-devstack");
        Path log = data.resolve("devstack.log");
        // A copy of its own: a build replacing the jar under a running JVM breaks its class loading.
        Path copy = Files.copy(jar, data.resolve("shutter-devstack.jar"));
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            // The load generator shares the two cores with devstack: at a lower priority devstack cannot crowd it out,
            // as it could not on a machine of its own, so a late request is Shutter's delay, not the generator's.
            command.addAll(List.of("/usr/bin/nice", "-n", "10"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx6g",
                // Five services in one JVM: the default code cache sweeper flushed two thirds of the compiled code
                // again and again, so the JIT compilers kept a core busy recompiling it during the measurements.
                "-XX:ReservedCodeCacheSize=512m",
                "-XX:-UseCodeCacheFlushing"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", copy.toString(), "--clean"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SHUTTER_PORT", Integer.toString(port));
        env.put("SHUTTER_DATA_DIR", data.resolve("data").toString());
        env.put("SHUTTER_ADMIN_PASSWORD", adminPassword);
        env.put("SHUTTER_NAMESPACE", "bench");
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        env.putAll(extraEnvironment);
        DevstackProcess devstack = new DevstackProcess(builder.start(), log, port);
        devstack.sampler.scheduleAtFixedRate(devstack::sampleMemory, 1, 1, TimeUnit.SECONDS);
        return devstack;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path log() {
        return log;
    }

    /** Whether devstack gave up starting (its JVM may linger after the failure). */
    boolean failed() {
        try {
            String text = Files.readString(log);
            return text.contains("APPLICATION FAILED TO START") || text.contains("Exception in thread \"main\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** A base port whose next five ports are free too (devstack's services take them). */
    static int freePorts() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            // Below the ephemeral range (32768 and up), where the embedded servers bind their own ports.
            int base = 10_000 + random.nextInt(20_000);
            boolean free = true;
            for (int port = base; port <= base + 5 && free; port++) {
                try (java.net.ServerSocket socket =
                        new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("No six free ports in a row found");
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The URI of the MongoDB devstack runs (its in-process server), as its log names it. */
    Optional<String> mongoUri() {
        try {
            Matcher matcher = MONGO_URI.matcher(Files.readString(log));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Durations in milliseconds of the fan-outs the timelines projection logged, by post id. */
    java.util.Map<String, Long> loggedFanOuts() {
        java.util.Map<String, Long> durations = new java.util.HashMap<>();
        try {
            Matcher matcher = FAN_OUT.matcher(Files.readString(log));
            while (matcher.find()) {
                durations.put(matcher.group(1), Long.parseLong(matcher.group(3)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return durations;
    }

    long peakHeapUsedBytes() {
        return peakHeapUsedBytes;
    }

    long heapCommittedBytes() {
        return heapCommittedBytes;
    }

    /**
     * Peak proportional set size of the whole process (Pss of {@code /proc/<pid>/smaps_rollup}, sampled every
     * second), in bytes; 0 where /proc is not there: unlike the resident set, it stays right with collectors that map
     * the heap more than once (ZGC).
     */
    long peakResidentBytes() {
        return peakProportionalBytes;
    }

    private void sampleMemory() {
        sampleHeap();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    long bytes = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    peakProportionalBytes = Math.max(peakProportionalBytes, bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A missed sample only makes the peak less precise.
        }
    }

    /**
     * Keeps one {@code jstat -gc <pid> 1000} running (started again should it end, as it does while the JVM is not
     * up yet) and records heap in use (young + survivor + old generation) from each line it prints. One jstat for the
     * whole run: starting a JVM each second to take one sample took half a core.
     */
    private void sampleHeap() {
        if (jstat != null && jstat.isAlive()) {
            return;
        }
        try {
            jstat = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jstat")
                                    .toString(),
                            "-gc",
                            Long.toString(process.pid()),
                            "1000")
                    .redirectErrorStream(true)
                    .start();
            Process started = jstat;
            Thread reader = new Thread(() -> readHeapSamples(started), "heap-samples");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            // Tried again in a second; a missed sample only makes the peak less precise.
        }
    }

    private void readHeapSamples(Process jstat) {
        try (BufferedReader output = jstat.inputReader()) {
            String[] names = null;
            String line;
            while ((line = output.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields[0].equals("S0C")) {
                    names = fields;
                } else if (names != null) {
                    record(names, fields);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The samples end with jstat; sampleHeap starts another.
        }
    }

    private void record(String[] names, String[] values) {
        double used = 0;
        double committed = 0;
        for (int i = 0; i < names.length && i < values.length; i++) {
            switch (names[i]) {
                case "S0U", "S1U", "EU", "OU" -> used += Double.parseDouble(values[i]);
                case "S0C", "S1C", "EC", "OC" -> committed += Double.parseDouble(values[i]);
                default -> {}
            }
        }
        peakHeapUsedBytes = Math.max(peakHeapUsedBytes, (long) (used * 1024));
        heapCommittedBytes = Math.max(heapCommittedBytes, (long) (committed * 1024));
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        if (jstat != null) {
            jstat.destroy();
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
