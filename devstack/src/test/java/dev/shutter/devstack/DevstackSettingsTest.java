package dev.shutter.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevstackSettingsTest {

    @Test
    void readModelsStayInTheFileUnlessAskedOtherwise() {
        assertThat(DevstackSettings.from(Map.of(), List.of()).mongoInMemory()).isFalse();
        assertThat(DevstackSettings.from(Map.of("SHUTTER_MONGODB_IN_MEMORY", "true"), List.of("--clean"))
                        .mongoInMemory())
                .isTrue();
        assertThat(DevstackSettings.from(
                                Map.of("SHUTTER_MONGODB_IN_MEMORY", "true", "SHUTTER_CLEAN", "true"), List.of())
                        .mongoInMemory())
                .isTrue();
    }

    @Test
    void readModelsInMemoryNeedACleanStart() {
        // Kept data would leave an event store whose views are gone.
        assertThatThrownBy(() -> DevstackSettings.from(Map.of("SHUTTER_MONGODB_IN_MEMORY", "true"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--clean");
    }
}
