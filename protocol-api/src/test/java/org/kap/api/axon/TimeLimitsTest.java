package org.kap.api.axon;

import org.axonframework.config.ConfigurerModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** TimeLimits reads Axon's settings: its defaults, a command limit of zero (none) and the switch that turns all off. */
class TimeLimitsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(TimeLimits.class);

    @Test
    void axons_defaults_limit_commands_to_a_minute() {
        context.run(c -> {
            assertThat(c).hasSingleBean(ConfigurerModule.class);
            assertThat(c.getBean(CommandTimeLimit.class).sweepPeriod()).isEqualTo(Duration.ofMillis(100));
        });
    }

    @Test
    void a_command_limit_set_from_axons_settings() {
        context.withPropertyValues("axon.timeout.transaction.command-bus.timeout-ms=5000",
                        "axon.timeout.transaction.command-bus.warning-threshold-ms=-1")
                .run(c -> assertThat(c.getBean(CommandTimeLimit.class).sweepPeriod()).isEqualTo(Duration.ofMillis(500)));
    }

    @Test
    void a_command_limit_of_zero_leaves_commands_unlimited() {
        context.withPropertyValues("axon.timeout.transaction.command-bus.timeout-ms=0").run(c -> {
            assertThat(c.getBeanProvider(CommandTimeLimit.class).getIfAvailable()).isNull();
            assertThat(c).hasSingleBean(ConfigurerModule.class);
        });
    }

    @Test
    void axons_switch_turns_every_limit_off() {
        context.withPropertyValues("axon.timeout.enabled=false").run(c -> {
            assertThat(c).doesNotHaveBean(CommandTimeLimit.class);
            assertThat(c).doesNotHaveBean(ConfigurerModule.class);
        });
    }
}
