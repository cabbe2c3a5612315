package dev.shutter.projections.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.projections.support.InMemoryMongo;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

class ViewStatesTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;
    private ViewStates states;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("things");
        template = mongo.template("things");
        states = new ViewStates(List.of(new ThingsProjection(template)));
    }

    @Test
    void aViewNeverBuiltIsLiveInGenerationOne() {
        states.afterSingletonsInstantiated();

        assertThat(states.read("things")).isEqualTo(new ViewState("things", 1, "live", 0, 0, null));
        assertThat(template.findById("things", Document.class, "view_state")).isNotNull();
    }

    @Test
    void countsHandledEventsAndKeepsTheHighestGlobalIndex() {
        states.afterSingletonsInstantiated();

        states.recordApplied("things", true, 7L);
        states.recordApplied("things", false, 9L);
        states.recordApplied("things", true, 8L);
        states.recordApplied("things", true, null);

        ViewState state = states.read("things");
        assertThat(state.eventsApplied()).isEqualTo(3);
        assertThat(state.lastGlobalIndex()).isEqualTo(9);
    }

    @Test
    void rebuildRunsInTheNextGenerationAndSwitchesWhenDone() {
        states.afterSingletonsInstantiated();

        int target = states.beginRebuild("things");

        assertThat(target).isEqualTo(2);
        assertThat(states.read("things")).isEqualTo(new ViewState("things", 1, "rebuilding", 0, 0, 2));
        assertThat(states.liveGeneration("things")).isEqualTo(1);

        states.switchTo("things", target, 12, 40);

        assertThat(states.read("things")).isEqualTo(new ViewState("things", 2, "live", 12, 40, null));
        assertThat(states.liveGeneration("things")).isEqualTo(2);
    }

    @Test
    void aRebuildLeftUnfinishedByAPreviousRunIsDiscardedAtStartUp() {
        states.afterSingletonsInstantiated();
        int target = states.beginRebuild("things");
        template.insert(new Document("_id", "partial"), "things_g" + target);

        ViewStates restarted = new ViewStates(List.of(new ThingsProjection(template)));
        restarted.afterSingletonsInstantiated();

        assertThat(restarted.read("things").state()).isEqualTo("live");
        assertThat(restarted.read("things").generation()).isEqualTo(1);
        assertThat(template.collectionExists("things_g" + target)).isFalse();
    }

    private record ThingsProjection(MongoTemplate mongo) implements Projection {

        @Override
        public String view() {
            return "things";
        }

        @Override
        public List<String> collections() {
            return List.of("things");
        }

        @Override
        public void createIndexes(int generation) {}

        @Override
        public boolean apply(EventEnvelope event, int generation) {
            return false;
        }
    }
}
