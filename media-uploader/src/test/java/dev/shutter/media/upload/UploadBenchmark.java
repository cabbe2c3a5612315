package dev.shutter.media.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.ObjectStorage;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.media.MediaUploaderApplication;
import dev.shutter.platform.amqp.EventsTopology;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures one photo's way from upload to ready, and what it costs in memory. Not a test: it
 * prints figures. It starts media-uploader in this JVM against the test infrastructure (local
 * RabbitMQ or an embedded broker, in-process MongoDB and S3), uploads a photo of
 * {@code width x height} pixels (default 4000 x 3000, 12 megapixels, with sensor-like noise so
 * it compresses like a real photo) through HTTP, and reports:
 *
 * <ul>
 *   <li>upload-to-ready time: from the first byte sent to the 201 answer, which comes once the
 *       original and both variants are in S3, the media is recorded and the broker confirmed
 *       {@code MediaStored};
 *   <li>bytes allocated by all threads during one upload (multipart parsing, spooling, decoding,
 *       variants, S3 and broker calls) and by the processing alone (measured on this thread);
 *   <li>the heap's peak above its level before the upload.
 * </ul>
 *
 * <p>Run from the repository root (see the media part of the README):
 *
 * <pre>
 * ./mvnw -B -q -pl media-uploader test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -Xmx256m -cp media-uploader/target/test-classes:media-uploader/target/classes:$(cat media-uploader/target/bench.classpath) \
 *     dev.shutter.media.upload.UploadBenchmark [runs] [width] [height]
 * </pre>
 */
public final class UploadBenchmark {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final EventsTopology TOPOLOGY = new EventsTopology("bench-media-" + RUN);

    private UploadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        byte[] photo = photo(width, height);
        System.out.printf(
                "Photo: %d x %d JPEG, %.2f MB; max heap %d MB; %d cores%n",
                width,
                height,
                photo.length / 1e6,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        ConfigurableApplicationContext app = start(photo.length);
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String token = TestInfrastructure.jwtKeys()
                    .token(UUID.randomUUID().toString(), "bench", Set.of("user"), Duration.ofHours(1));
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                upload(client, port, token, photo); // warm-up
            }
            List<Long> millis = new ArrayList<>();
            List<Long> allocated = new ArrayList<>();
            List<Long> heapPeaks = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                System.gc();
                long heapBefore = heapUsed();
                resetPeaks();
                long allocatedBefore = allocatedByAllThreads();
                long start = System.nanoTime();
                upload(client, port, token, photo);
                millis.add((System.nanoTime() - start) / 1_000_000);
                allocated.add(allocatedByAllThreads() - allocatedBefore);
                heapPeaks.add(heapPeak() - heapBefore);
            }
            List<Long> processing = processingAllocations(app, photo, runs);

            System.out.printf("Upload to ready (ms), %d runs: %s%n", runs, summary(millis, 1));
            System.out.printf("Allocated per upload, all threads (MB): %s%n", summary(allocated, 1 << 20));
            System.out.printf("Allocated by processing alone (MB): %s%n", summary(processing, 1 << 20));
            System.out.printf("Heap peak above the level before the upload (MB): %s%n", summary(heapPeaks, 1 << 20));
        } finally {
            app.getBean(RabbitListenerEndpointRegistry.class).stop();
            AmqpAdmin admin = app.getBean(AmqpAdmin.class);
            for (AmqpTopology.ConsumerQueue consumer : AmqpTopology.EVENT_CONSUMERS) {
                admin.deleteQueue(TOPOLOGY.queue(consumer.name()));
                admin.deleteQueue(TOPOLOGY.deadLetterQueue(consumer.name()));
            }
            admin.deleteExchange(TOPOLOGY.exchange());
            admin.deleteExchange(TOPOLOGY.deadLetterExchange());
            app.close();
        }
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(int photoSize) {
        AmqpBroker amqp = TestInfrastructure.amqp();
        ObjectStorage storage = TestInfrastructure.objectStorage();
        return MediaUploaderApplication.application()
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "logging.level.root=WARN",
                        "spring.rabbitmq.host=" + amqp.host(),
                        "spring.rabbitmq.port=" + amqp.port(),
                        "spring.rabbitmq.username=" + amqp.username(),
                        "spring.rabbitmq.password=" + amqp.password(),
                        "spring.rabbitmq.virtual-host=" + amqp.virtualHost(),
                        "shutter.amqp.namespace=bench-media-" + RUN,
                        "spring.data.mongodb.uri=" + TestInfrastructure.mongo().uri(),
                        "shutter.s3.endpoint=" + storage.endpoint(),
                        "shutter.s3.region=" + storage.region(),
                        "shutter.s3.access-key=" + storage.accessKey(),
                        "shutter.s3.secret-key=" + storage.secretKey(),
                        "shutter.s3.bucket=media-bench-" + RUN,
                        "spring.security.oauth2.resourceserver.jwt.public-key-location=file:"
                                + TestInfrastructure.jwtKeys().publicKeyFile())
                .run();
    }

    private static void upload(HttpClient client, int port, String token, byte[] photo)
            throws IOException, InterruptedException {
        String boundary = "bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/media"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, photo, tail)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Upload answered " + response.statusCode() + ": " + response.body());
        }
        new ObjectMapper().readTree(response.body()).get("id").asText();
    }

    /** Validation, decoding, variants, metadata-free original and storage, on this thread. */
    private static List<Long> processingAllocations(ConfigurableApplicationContext app, byte[] photo, int runs)
            throws Exception {
        MediaUploads uploads = app.getBean(MediaUploads.class);
        Path file = Files.createTempFile("bench-", ".jpg");
        try {
            Files.write(file, photo);
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long self = Thread.currentThread().getId();
            List<Long> allocated = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long before = threads.getThreadAllocatedBytes(self);
                uploads.store(UUID.randomUUID().toString(), "bench", file);
                allocated.add(threads.getThreadAllocatedBytes(self) - before);
            }
            return allocated;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
                .filter(bytes -> bytes > 0)
                .sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    private static long heapPeak() {
        return heapPools().stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    private static String summary(List<Long> values, long unit) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        double median = sorted[sorted.length / 2] / (double) unit;
        double min = sorted[0] / (double) unit;
        double max = sorted[sorted.length - 1] / (double) unit;
        return String.format("median %.1f, min %.1f, max %.1f", median, min, max);
    }

    /** A gradient with sensor-like noise: it compresses about as well as a real photo. */
    private static byte[] photo(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(250, 180, 40), width, height, new Color(30, 90, 200)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int noise = random.nextInt(41) - 20;
                int r = clamp(((rgb >> 16) & 0xFF) + noise);
                int gr = clamp(((rgb >> 8) & 0xFF) + noise);
                int b = clamp((rgb & 0xFF) + noise);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", bytes);
        return bytes.toByteArray();
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
