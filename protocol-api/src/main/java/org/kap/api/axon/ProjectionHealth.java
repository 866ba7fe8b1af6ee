package org.kap.api.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A read model that cannot take an event never skips it. Every event handler's failure propagates: a
 * subscribing projection (the protocol catalog) fails the command that published the event, so nothing
 * is half recorded; a tracking projection (the course list, the obligations) stops at the event and retries
 * it, with a growing pause, until it succeeds. Meanwhile the health endpoint is DOWN, naming the projection
 * and its error ({@code /actuator/health}, component {@code projections}), and the read model lags rather
 * than lies. For an admin the component also gives this engine's node name and, per projection, the segments
 * this engine holds, who holds each segment (with several engines, the token store's claims share them out)
 * and how many events it is behind the store. An unreachable event store or token store is DOWN.
 */
@Configuration
class ProjectionHealth {

    @Bean
    ConfigurerModule projectionsNeverSkip() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    HealthIndicator projections(EventProcessingConfiguration processing, EventStore store,
                                org.springframework.jdbc.core.JdbcTemplate jdbc, EngineNode node) {
        return () -> {
            boolean failing = false;
            Map<String, Object> details = new LinkedHashMap<>();
            // the token store's owner names: this engine's, and who holds each segment (null: free to be claimed)
            details.put("node", node.id());
            Map<String, Map<String, String>> claims = new LinkedHashMap<>();
            try {
                jdbc.query("SELECT processorName, segment, owner FROM TokenEntry ORDER BY processorName, segment", row -> {
                    claims.computeIfAbsent(row.getString(1), p -> new LinkedHashMap<>())
                            .put(String.valueOf(row.getInt(2)), row.getString(3));
                });
            } catch (org.springframework.dao.DataAccessException unreachable) {
                return Health.down().withDetail("tokenStore", "unreachable").build();
            }
            OptionalLong head;
            try {
                head = position(store.createHeadToken());
            } catch (RuntimeException unreachable) {
                return Health.down().withDetail("eventStore", "unreachable").build();
            }
            for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
                if (!(entry.getValue() instanceof StreamingEventProcessor streaming)) {
                    continue;
                }
                Map<String, Object> processor = new LinkedHashMap<>();
                // the segments this engine holds; with several engines on one database, another may hold them
                processor.put("segmentsClaimedHere", streaming.processingStatus().size());
                processor.put("claims", claims.getOrDefault(entry.getKey(), Map.of()));
                for (EventTrackerStatus status : streaming.processingStatus().values()) {
                    if (status.isErrorState()) {
                        failing = true;
                        processor.put("error", "retrying an event it could not apply: " + (status.getError() == null ? "failing"
                                : status.getError().getClass().getSimpleName()));
                    }
                    OptionalLong at = status.getCurrentPosition();
                    if (head.isPresent() && at.isPresent()) {
                        processor.merge("eventsBehind", Math.max(0, head.getAsLong() - at.getAsLong()),
                                (a, b) -> Math.max((Long) a, (Long) b));
                    }
                }
                details.put(entry.getKey(), processor);
            }
            return (failing ? Health.down() : Health.up()).withDetails(details).build();
        };
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
