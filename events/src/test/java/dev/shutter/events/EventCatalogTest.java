package dev.shutter.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.events.post.PostPublished;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void resolvesAPublishedEventByItsWireTypeName() {
        assertThat(EventCatalog.typeNamed("dev.shutter.events.post.PostPublished"))
                .contains(PostPublished.class);
    }

    @Test
    void refusesNamesThatAreNotShutterEvents() {
        assertThat(EventCatalog.typeNamed("java.lang.Runtime")).isEmpty();
        assertThat(EventCatalog.typeNamed(null)).isEmpty();
    }

    @Test
    void routesEachEventByItsTypeName() {
        assertThat(AmqpTopology.routingKey(PostPublished.class)).isEqualTo("dev.shutter.events.post.PostPublished");
    }
}
