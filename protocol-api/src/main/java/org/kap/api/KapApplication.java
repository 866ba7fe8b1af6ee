package org.kap.api;

import org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The KAP protocol engine over HTTP. Axon's time limits are configured by the engine's own TimeLimits, from the same
 * settings, at a lower cost per command.
 */
@SpringBootApplication(exclude = AxonTimeoutAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class KapApplication {

    public static void main(String[] args) {
        // the AxonIQ Console banner has no Spring property
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(KapApplication.class, args);
    }
}
