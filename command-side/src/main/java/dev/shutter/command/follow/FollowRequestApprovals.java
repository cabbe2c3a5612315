package dev.shutter.command.follow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approves the follow requests that were pending when an account switched to public, a bounded batch per transaction.
 *
 * <p>Why batches: every approval appends a {@code UserFollowed}, and the relay's gap-aware token only waits for an
 * event-store position that a transaction has taken but not committed yet while that position is less than the max
 * gap offset behind the newest stored event and younger than the gap timeout (see {@code EventStoreConfiguration}).
 * One transaction approving every request of a large account (20,000 and more) runs past both, and the relay would
 * skip the approvals for good. A batch appends at most {@code shutter.follow-requests.approval-batch-size} events
 * (500 by default), well within both.
 *
 * <p>How it resumes: the switch itself, one transaction, deletes the {@code private_accounts} row, appends {@code
 * AccountPrivacyChanged} and records the switch in {@code public_switches} with its instant. Each batch then, in its
 * own transaction, approves up to a batch of the account's requests made until that instant, oldest first, and
 * removes their {@code follow_requests} rows; the batch that finds fewer than a full batch left removes the switch.
 * The work left is therefore always exactly what the tables say: a crash or a failed batch rolls back only its own
 * batch, and any later run takes up what is left. Approving is idempotent ({@link ApproveFollowRequestIfPending}: a
 * request withdrawn, declined or turned into a follow meanwhile is left as it is), and a batch runs only while it
 * holds the switch's advisory lock, so two instances never approve the same account at once.
 *
 * <p>Who runs the batches: the request that switches runs the first batch before it answers, so an account with up
 * to a batch of requests has them all approved by then, as before; a larger one has the rest approved by this
 * service's worker thread right after. The worker also looks for unfinished switches at start and every {@code
 * shutter.follow-requests.approval-sweep} (PT30S by default): those a crash or a failure left behind.
 */
@Service
public class FollowRequestApprovals implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FollowRequestApprovals.class);

    private final PublicSwitches switches;
    private final FollowRequests requests;
    private final Follows follows;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final Duration sweep;
    private final ScheduledExecutorService worker;

    FollowRequestApprovals(
            PublicSwitches switches,
            FollowRequests requests,
            Follows follows,
            TransactionTemplate transaction,
            @Value("${shutter.follow-requests.approval-batch-size:500}") int batchSize,
            @Value("${shutter.follow-requests.approval-sweep:PT30S}") Duration sweep) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("shutter.follow-requests.approval-batch-size must be at least 1");
        }
        this.switches = switches;
        this.requests = requests;
        this.follows = follows;
        this.transaction = transaction;
        this.batchSize = batchSize;
        this.sweep = sweep;
        this.worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "follow-request-approvals");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        worker.scheduleWithFixedDelay(this::finishUnfinished, 0, sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records a switch to public, in the transaction of the switch. */
    public void switchedToPublic(String userId, Instant at) {
        switches.add(userId, at);
    }

    /**
     * Approves the first batch of the requests left by {@code userId}'s switch to public, after the switch committed,
     * and leaves the rest to the worker. Never fails: the switch is stored, and what is left stays recorded.
     */
    public void approvePending(String userId) {
        try {
            if (approveBatch(userId) == Batch.MORE_LEFT) {
                worker.execute(() -> finish(userId));
            }
        } catch (RuntimeException e) {
            log.warn("Approving follow requests to {} failed, left to the next sweep: {}", userId, e.toString());
        }
    }

    /** Finishes every switch to public left unfinished. */
    void finishUnfinished() {
        try {
            switches.users().forEach(this::finish);
        } catch (RuntimeException e) {
            log.warn("Looking for unfinished switches to public failed: {}", e.toString());
        }
    }

    private void finish(String userId) {
        try {
            while (approveBatch(userId) == Batch.MORE_LEFT) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Approving follow requests to {} failed, left to the next sweep: {}", userId, e.toString());
        }
    }

    private Batch approveBatch(String userId) {
        return transaction.execute(status -> {
            if (!switches.tryLock(userId)) {
                return Batch.TAKEN;
            }
            Optional<Instant> switchedAt = switches.of(userId);
            if (switchedAt.isEmpty()) {
                return Batch.DONE;
            }
            List<String> requesters = requests.requestersOf(userId, switchedAt.get(), batchSize);
            follows.approveIfPending(userId, requesters);
            if (requesters.size() < batchSize) {
                switches.remove(userId, switchedAt.get());
                return Batch.DONE;
            }
            return Batch.MORE_LEFT;
        });
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private enum Batch {
        MORE_LEFT,
        DONE,
        /** Another transaction is approving the same account's requests. */
        TAKEN
    }
}
