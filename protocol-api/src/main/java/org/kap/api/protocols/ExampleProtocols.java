package org.kap.api.protocols;

import org.kap.api.KapProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Publishes the example protocols (the repository's protocols/ directory, packaged with the app), and the libraries of
 * value sets they import (protocols/libraries/), on start. Publishing is idempotent, so a restart publishes nothing new.
 */
@Component
class ExampleProtocols implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ExampleProtocols.class);

    private final ProtocolPublisher publisher;
    private final KapProperties properties;

    ExampleProtocols(ProtocolPublisher publisher, KapProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    /**
     * Engines starting together on one database publish the same example at the same moment: the one that
     * loses the race finds the version created and publishes again, which finds it already there.
     */
    private ProtocolPublisher.Outcome publishOnce(String file, String text) {
        try {
            return publisher.publish(file, text, "kap-bootstrap", null, true);
        } catch (org.axonframework.modelling.command.AggregateStreamCreationException createdMeanwhile) {
            return publisher.publish(file, text, "kap-bootstrap", null, true);
        }
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.publishExampleProtocols()) {
            return;
        }
        // the libraries first: the protocols import them
        Resource[] libraries = new PathMatchingResourcePatternResolver().getResources("classpath*:protocols/libraries/*.kap");
        Resource[] protocols = new PathMatchingResourcePatternResolver().getResources("classpath*:protocols/*.kap");
        Arrays.sort(libraries, Comparator.comparing(Resource::getFilename));
        Arrays.sort(protocols, Comparator.comparing(Resource::getFilename));
        for (Resource file : java.util.stream.Stream.concat(Arrays.stream(libraries), Arrays.stream(protocols)).toList()) {
            String text = file.getContentAsString(StandardCharsets.UTF_8);
            ProtocolPublisher.Outcome outcome;
            try {
                outcome = publishOnce(file.getFilename(), text);
            } catch (ProtocolVersionConflict published) {
                // a published version is immutable: the store keeps what it published; the file needs a new version
                log.warn("example protocol {} was not published: {}", file.getFilename(), published.getMessage());
                continue;
            }
            if (outcome.check().hasErrors()) {
                log.error("example protocol {} does not check: {}", file.getFilename(), outcome.check().errors());
            } else if (outcome.published()) {
                log.info("published example {}", outcome.library() != null ? "library " + outcome.library().ref()
                        : "protocol " + outcome.protocol().ref());
            }
        }
    }
}
