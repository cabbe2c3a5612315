package dev.shutter.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.shutter.events.post.PostPublished;
import java.util.Set;
import java.util.stream.Collectors;
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

    @Test
    void catalogsEveryEventRecordOfThePublishedLanguage() {
        Set<String> records = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.shutter.events")
                        .stream()
                        .filter(JavaClass::isRecord)
                        .filter(type -> type.getEnclosingClass().isEmpty())
                        .filter(type -> !type.getPackageName().equals("dev.shutter.events.personal"))
                        .map(JavaClass::getName)
                        .collect(Collectors.toSet());

        assertThat(EventCatalog.types()).extracting(Class::getName).containsExactlyInAnyOrderElementsOf(records);
    }
}
