package org.kap.api;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * What the tests wait for when they need the read models' shared reader of the event store to have fetched every event
 * committed so far. The engine wakes that reader at most once per fetch interval (kap.read-models.fetch-interval), so
 * an event committed a moment ago may not be in its cache yet; a read model started then takes what the cache holds
 * and would fold two quick acts as two batches, not one. The running read models have seen an event only once the
 * reader fetched it, so when every one of them has reached the store's head, so has the reader.
 */
public final class ReadModelsReader {

    private ReadModelsReader() {
    }

    /** Waits until every running read model has reached the last event committed before this call. */
    public static void awaitFetchedAll(EventProcessingConfiguration processing, EventStore eventStore) {
        long head = eventStore.createHeadToken().position().orElseThrow();
        List<StreamingEventProcessor> running = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::isRunning).toList();
        if (running.isEmpty()) {
            throw new IllegalStateException("no read model is running: none can tell what the reader has fetched");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> running.stream().allMatch(processor -> reached(processor, head)));
    }

    private static boolean reached(StreamingEventProcessor processor, long head) {
        var segments = processor.processingStatus().values();
        return !segments.isEmpty() && segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .allMatch(position -> position.isPresent() && position.getAsLong() >= head);
    }
}
