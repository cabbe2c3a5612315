package dev.shutter.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadModelsTest {

    private final MongoClient mongo = mock(MongoClient.class);
    private final MongoDatabase database = mock(MongoDatabase.class);
    private final MongoCollection<Document> viewState = mock();
    private final FindIterable<Document> found = mock();
    private final AtomicLong nanos = new AtomicLong();
    private final ReadModels readModels = new ReadModels(mongo, Duration.ofMillis(500), nanos::get);

    @BeforeEach
    void database() {
        when(mongo.getDatabase("timelines")).thenReturn(database);
        when(database.getCollection(ReadModels.VIEW_STATE)).thenReturn(viewState);
        when(viewState.find(any(Bson.class))).thenReturn(found);
    }

    @Test
    void readsTheFirstGenerationWhenNoViewStateExists() {
        when(found.first()).thenReturn(null);

        assertThat(readModels.generation(View.TIMELINES)).isEqualTo(1);
    }

    @Test
    void followsAGenerationSwitchOnceTheCachedStateIsOld() {
        when(found.first()).thenReturn(state(1), state(2));

        assertThat(readModels.generation(View.TIMELINES)).isEqualTo(1);
        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        assertThat(readModels.generation(View.TIMELINES)).isEqualTo(1);
        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(readModels.generation(View.TIMELINES)).isEqualTo(2);
        verify(viewState, times(2)).find(any(Bson.class));
    }

    @Test
    void namesTheCollectionsOfTheCurrentGeneration() {
        when(found.first()).thenReturn(state(3));

        readModels.collection(View.TIMELINES, "home");

        verify(database).getCollection("home_g3");
    }

    private static Document state(int generation) {
        return new Document("_id", "timelines")
                .append("generation", generation)
                .append("state", "live")
                .append("eventsApplied", 10L)
                .append("lastGlobalIndex", 10L);
    }
}
