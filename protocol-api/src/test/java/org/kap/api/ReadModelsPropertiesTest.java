package org.kap.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read models' settings refuse a reader that keeps no event: the engine does not start on such a setting. */
class ReadModelsPropertiesTest {

    private static final Duration TEN_MS = Duration.ofMillis(10);

    @Test
    void a_reader_that_keeps_no_event_is_refused_with_the_setting_named() {
        assertThatThrownBy(() -> new KapProperties.ReadModels(TEN_MS, TEN_MS, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kap.read-models.cached-events is 0");
        assertThat(new KapProperties.ReadModels(TEN_MS, TEN_MS, 1).cachedEvents()).isEqualTo(1);
    }
}
