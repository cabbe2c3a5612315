package dev.shutter.bench.timeline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * Reference points measured on the read store itself: a home page computed by fan-out on read (one query over the
 * followed accounts' posts in the posts view), and the raw bulk-insert rate of small documents.
 */
final class ReadStoreReference implements AutoCloseable {

    private final MongoClient client;

    ReadStoreReference(String uri) {
        this.client = MongoClients.create(uri);
    }

    /** Times the newest-20 page over the followees' posts, as a fan-out-on-read timeline would compute it. */
    Latencies fanOutOnRead(List<List<String>> followeesOfReaders) {
        MongoDatabase posts = client.getDatabase("posts");
        int generation = generation(posts, "posts");
        MongoCollection<Document> collection = posts.getCollection("posts_g" + generation);
        Latencies latencies = new Latencies();
        for (List<String> followees : followeesOfReaders) {
            long start = System.nanoTime();
            List<Document> page = new ArrayList<>();
            collection
                    .find(Filters.and(Filters.in("authorId", followees), Filters.ne("deleted", true)))
                    .sort(Sorts.descending("createdAt", "_id"))
                    .limit(20)
                    .into(page);
            latencies.add(System.nanoTime() - start);
        }
        return latencies;
    }

    /** Inserts documents shaped like timeline entries in bulks of 1,000 and answers documents per second. */
    double bulkInsertRate(int documents) {
        MongoDatabase scratch = client.getDatabase(
                "bench_scratch_" + UUID.randomUUID().toString().substring(0, 8));
        MongoCollection<Document> entries = scratch.getCollection("entries");
        try {
            long start = System.nanoTime();
            for (int done = 0; done < documents; done += 1000) {
                List<Document> batch = new ArrayList<>(1000);
                for (int i = 0; i < 1000; i++) {
                    String postId = UUID.randomUUID().toString();
                    batch.add(new Document("_id", UUID.randomUUID() + ":" + postId)
                            .append("p", postId)
                            .append("a", "author-" + (i % 50))
                            .append("t", new Date()));
                }
                entries.insertMany(batch);
            }
            return documents / ((System.nanoTime() - start) / 1e9);
        } finally {
            scratch.drop();
        }
    }

    private static int generation(MongoDatabase database, String view) {
        Document state = database.getCollection("view_state")
                .find(Filters.eq("_id", view))
                .first();
        return state != null && state.get("generation") instanceof Number n ? n.intValue() : 1;
    }

    @Override
    public void close() {
        client.close();
    }
}
