package dev.shutter.projections.support;

import com.mongodb.client.result.UpdateResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * A view's template whose upserts of chosen documents fail, as a write fails when MongoDB refuses it (not an outage:
 * the store answers). {@link #replacing} swaps it in for one of the views' templates.
 */
public final class FaultyMongoTemplate extends MongoTemplate {

    private final Map<Object, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<Object, AtomicInteger> failed = new ConcurrentHashMap<>();

    private FaultyMongoTemplate(MongoTemplate template) {
        super(template.getMongoDatabaseFactory(), template.getConverter());
    }

    /** Replaces the template bean of that name (e.g. {@code postsMongo}) by a faulty one on the same database. */
    public static BeanPostProcessor replacing(String beanName) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return name.equals(beanName) && bean instanceof MongoTemplate template
                        ? new FaultyMongoTemplate(template)
                        : bean;
            }
        };
    }

    /** The next {@code times} upserts of the document with this id fail. */
    public void failUpserts(String id, int times) {
        failuresLeft.put(id, new AtomicInteger(times));
    }

    /** Every upsert of the document with this id fails until {@link #fix}. */
    public void failUpsertsUntilFixed(String id) {
        failUpserts(id, Integer.MAX_VALUE);
    }

    public void fix(String id) {
        failuresLeft.remove(id);
    }

    /** How many upserts of the document with this id failed. */
    public int failures(String id) {
        AtomicInteger count = failed.get(id);
        return count == null ? 0 : count.get();
    }

    @Override
    public UpdateResult upsert(Query query, UpdateDefinition update, String collectionName) {
        Object id = query.getQueryObject().get("_id");
        AtomicInteger left = id == null ? null : failuresLeft.get(id);
        if (left != null && left.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
            failed.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            throw new UncategorizedMongoDbException("Write of " + id + " refused (injected failure)", null);
        }
        return super.upsert(query, update, collectionName);
    }
}
