package dev.shutter.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Publishes what the watched collections' outboxes hold and removes each message from its document once the broker
 * confirmed it. Rounds run on one thread of its own: right after a write nudged it, and every
 * {@link OutboxProperties#pollInterval()} over every watched collection, which finds what a crash, an unreachable
 * broker or another instance left behind.
 *
 * <p>A message that was not published (broker unreachable, refused, returned, unconfirmed) stays in its document and
 * is tried again after a pause that doubles up to {@link OutboxProperties#maxBackoff()}. Only the first pending
 * message of a document is published in a round, so the events of one document go out in the order they were
 * recorded: a later one is never published before an earlier one was confirmed.
 *
 * <p>Several instances may publish the same message (delivery is at-least-once, consumers are idempotent); a message
 * leaves its document only after a confirm, so none is lost.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_WAITING_NUDGES = 10_000;

    private final MongoTemplate mongo;
    private final OutboxPublisher publisher;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Set<String> collections = new CopyOnWriteArraySet<>();
    private final LinkedBlockingQueue<DocumentRef> nudges = new LinkedBlockingQueue<>(MAX_WAITING_NUDGES);
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    private final ReentrantLock rounds = new ReentrantLock();
    private volatile Thread worker;
    private volatile boolean running;
    private boolean unpublishedLogged;

    public OutboxRelay(MongoTemplate mongo, OutboxPublisher publisher, OutboxProperties properties, Clock clock) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    /** A document whose outbox may hold something. */
    record DocumentRef(String collection, Object id) {}

    /** A message that was not published: how often, and when it may be tried again. */
    private record Retry(int failures, Instant notBefore) {}

    /** Polls this collection from now on; its documents keep pending messages in {@link Outbox#FIELD}. */
    void watch(String collection) {
        if (collections.add(collection)) {
            try {
                mongo.indexOps(collection)
                        .createIndex(new Index()
                                .on(Outbox.FIELD + "." + OutboxMessage.RECORDED_AT, Sort.Direction.ASC)
                                .named("outbox_pending"));
            } catch (RuntimeException e) {
                // Only the polls' speed depends on it; the database may not answer yet.
                log.warn("outbox {}: index of pending messages not created: {}", collection, e.getMessage());
            }
        }
    }

    /** Publishes the document's pending messages soon, on the relay's thread; never blocks the writer. */
    void nudge(String collection, Object id) {
        if (running && !nudges.offer(new DocumentRef(collection, id))) {
            log.debug("outbox: too many nudges waiting; the next poll publishes {}/{}", collection, id);
        }
    }

    /**
     * One poll: publishes the first pending message of every document of every watched collection, except messages
     * still pausing after a failure and messages younger than {@link OutboxProperties#grace()} (a nudge publishes
     * those). Documents with more pending messages continue right after.
     *
     * @return how many messages were published and removed
     */
    public int publishPending() throws InterruptedException {
        Instant cutoff = clock.instant().minus(properties.grace());
        Set<String> seen = new HashSet<>();
        int published = 0;
        for (String collection : collections) {
            Object after = null;
            while (true) {
                Criteria pending = Criteria.where(Outbox.FIELD + "." + OutboxMessage.RECORDED_AT)
                        .lte(cutoff);
                if (after != null) {
                    pending = pending.and("_id").gt(after);
                }
                Query query = Query.query(pending).with(Sort.by("_id")).limit(properties.batchSize());
                query.fields().include(Outbox.FIELD);
                List<Document> page = mongo.find(query, Document.class, collection);
                if (page.isEmpty()) {
                    break;
                }
                published += publish(collection, page, seen);
                after = page.get(page.size() - 1).get("_id");
                if (page.size() < properties.batchSize()) {
                    break;
                }
            }
        }
        // Forget the pauses of messages gone meanwhile (another instance published them).
        retries.entrySet()
                .removeIf(entry -> !seen.contains(entry.getKey())
                        && entry.getValue().notBefore().isBefore(cutoff));
        return published + publishNudged(new ArrayList<>());
    }

    private static Query documentsWithIds(List<?> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids));
        query.fields().include(Outbox.FIELD);
        return query;
    }

    /** Messages of documents the worker was nudged about, and the next ones of documents that made progress. */
    private int publishNudged(List<DocumentRef> waiting) throws InterruptedException {
        int published = 0;
        while (nudges.drainTo(waiting) > 0 || !waiting.isEmpty()) {
            Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
            for (DocumentRef ref : waiting) {
                byCollection
                        .computeIfAbsent(ref.collection(), c -> new LinkedHashSet<>())
                        .add(ref.id());
            }
            waiting.clear();
            for (Map.Entry<String, Set<Object>> entry : byCollection.entrySet()) {
                List<Document> documents =
                        mongo.find(documentsWithIds(List.copyOf(entry.getValue())), Document.class, entry.getKey());
                published += publish(entry.getKey(), documents, new HashSet<>());
            }
        }
        return published;
    }

    private int publish(String collection, List<Document> documents, Set<String> seen) throws InterruptedException {
        rounds.lockInterruptibly();
        try {
            Instant now = clock.instant();
            List<OutboxMessage> heads = new ArrayList<>();
            Map<String, Document> documentOf = new LinkedHashMap<>();
            for (Document document : documents) {
                List<Document> pending = document.getList(Outbox.FIELD, Document.class, List.of());
                if (pending.isEmpty()) {
                    continue;
                }
                OutboxMessage head = OutboxMessage.fromDocument(pending.get(0));
                seen.add(head.id());
                Retry retry = retries.get(head.id());
                if (retry != null && now.isBefore(retry.notBefore())) {
                    continue;
                }
                heads.add(head);
                documentOf.put(head.id(), document);
            }
            if (heads.isEmpty()) {
                return 0;
            }
            return settle(collection, publisher.publish(heads), documentOf, now);
        } finally {
            rounds.unlock();
        }
    }

    private int settle(
            String collection, List<OutboxPublisher.Outcome> outcomes, Map<String, Document> documentOf, Instant now) {
        int published = 0;
        int retried = 0;
        List<OutboxPublisher.Outcome> failed = new ArrayList<>();
        for (OutboxPublisher.Outcome outcome : outcomes) {
            OutboxMessage message = outcome.message();
            Document document = documentOf.get(message.id());
            if (!outcome.published()) {
                failed.add(outcome);
                retries.compute(message.id(), (id, retry) -> {
                    int failures = retry == null ? 1 : retry.failures() + 1;
                    return new Retry(failures, now.plus(properties.backoff(failures)));
                });
                continue;
            }
            mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(document.get("_id"))),
                    new Update().pull(Outbox.FIELD, new Document(OutboxMessage.ID, message.id())),
                    collection);
            published++;
            if (retries.remove(message.id()) != null) {
                retried++;
            }
            if (document.getList(Outbox.FIELD, Document.class, List.of()).size() > 1) {
                nudges.offer(new DocumentRef(collection, document.get("_id")));
            }
        }
        report(collection, published, retried, failed);
        return published;
    }

    /** One line for a round in which messages were not published, not one per message or per attempt. */
    private void report(String collection, int published, int retried, List<OutboxPublisher.Outcome> failed) {
        if (!failed.isEmpty()) {
            OutboxPublisher.Outcome first = failed.get(0);
            Retry retry = retries.get(first.message().id());
            Duration pause = properties.backoff(retry == null ? 1 : retry.failures());
            if (!unpublishedLogged) {
                log.warn(
                        "outbox {}: {} message(s) not published, kept and retried from {} on ({} {}: {})",
                        collection,
                        failed.size(),
                        pause,
                        first.message().eventType(),
                        first.message().id(),
                        first.failure());
                unpublishedLogged = true;
            } else {
                log.debug(
                        "outbox {}: {} message(s) still not published: {}", collection, failed.size(), first.failure());
            }
        } else if (published > 0 && unpublishedLogged) {
            log.info(
                    "outbox {}: publishing again ({} message(s) kept back earlier now published)", collection, retried);
            unpublishedLogged = false;
        }
    }

    /** The document's pending messages, first to be published first. */
    public List<OutboxMessage> pending(String collection, Object id) {
        Document document = mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class, collection);
        if (document == null) {
            return List.of();
        }
        return document.getList(Outbox.FIELD, Document.class, List.of()).stream()
                .map(OutboxMessage::fromDocument)
                .toList();
    }

    @Override
    public void start() {
        if (!properties.relayEnabled() || running) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(properties.confirmTimeout().toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        nudges.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long nextPoll = System.nanoTime();
        while (running) {
            try {
                long wait = nextPoll - System.nanoTime();
                DocumentRef nudged = wait > 0 ? nudges.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (nudged != null) {
                    publishNudged(new ArrayList<>(List.of(nudged)));
                }
                if (System.nanoTime() - nextPoll >= 0) {
                    publishPending();
                    nextPoll = System.nanoTime() + properties.pollInterval().toNanos();
                }
            } catch (InterruptedException e) {
                return; // stopping
            } catch (RuntimeException e) {
                // The database does not answer: the messages are where they were; the next poll takes them.
                log.warn("outbox: round failed, next poll in {}: {}", properties.pollInterval(), e.toString());
                log.debug("outbox: the failure", e);
                nextPoll = System.nanoTime() + properties.pollInterval().toNanos();
            }
        }
    }
}
