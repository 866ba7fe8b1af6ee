package org.kap.api.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read models' reader is woken at once when the store was quiet, and once per interval while commits crowd in. */
class CoalescingEventStoreTest {

    private static final Duration INTERVAL = Duration.ofMillis(10);

    private long now = 5_000_000_000L;
    private int wakes;
    private final List<Long> scheduled = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();

    private CoalescingEventStore.Wakes wakes(Duration interval) {
        return new CoalescingEventStore.Wakes(interval, () -> now, () -> wakes++, new CoalescingEventStore.Later() {
            @Override
            public void after(long nanos, Runnable wake) {
                scheduled.add(nanos);
                due.add(wake);
            }

            @Override
            public void close() {
            }
        });
    }

    private void runDue() {
        List<Runnable> toRun = new ArrayList<>(due);
        due.clear();
        toRun.forEach(Runnable::run);
    }

    @Test
    void a_commit_after_a_quiet_moment_wakes_the_reader_at_once() {
        CoalescingEventStore.Wakes wakes = wakes(INTERVAL);
        wakes.committed();
        assertThat(this.wakes).isEqualTo(1);
        assertThat(scheduled).isEmpty();

        now += INTERVAL.toNanos(); // an interval later: quiet enough
        wakes.committed();
        assertThat(this.wakes).isEqualTo(2);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void commits_within_an_interval_share_one_wake_at_its_end() {
        CoalescingEventStore.Wakes wakes = wakes(INTERVAL);
        wakes.committed(); // at once
        now += Duration.ofMillis(3).toNanos();
        wakes.committed(); // the next command, moments later: one wake, at the interval's end
        assertThat(this.wakes).isEqualTo(1);
        assertThat(scheduled).containsExactly(Duration.ofMillis(7).toNanos());
        now += Duration.ofMillis(3).toNanos();
        wakes.committed();
        now += Duration.ofMillis(3).toNanos();
        wakes.committed();
        assertThat(scheduled).hasSize(1); // the wake pending reads these too
        assertThat(this.wakes).isEqualTo(1);

        now += Duration.ofMillis(1).toNanos();
        runDue();
        assertThat(this.wakes).isEqualTo(2);

        // the interval now counts from that wake: a commit just after it waits for the next
        now += Duration.ofMillis(2).toNanos();
        wakes.committed();
        assertThat(this.wakes).isEqualTo(2);
        assertThat(scheduled).containsExactly(Duration.ofMillis(7).toNanos(), Duration.ofMillis(8).toNanos());
        runDue();
        assertThat(this.wakes).isEqualTo(3);
    }

    @Test
    void no_interval_wakes_the_reader_after_every_commit_as_axon_does() {
        CoalescingEventStore.Wakes wakes = wakes(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            wakes.committed();
        }
        assertThat(this.wakes).isEqualTo(5);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void an_interval_past_the_readers_own_poll_or_below_zero_is_refused() {
        assertThatThrownBy(() -> wakes(Duration.ofMillis(1001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kap.read-models.fetch-interval");
        assertThatThrownBy(() -> wakes(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kap.read-models.fetch-interval");
    }

    /**
     * With the real store: events committed within one interval all reach a reader tailing the store, in order, from the
     * wakes alone (the store's own poll is set past the test's waits).
     */
    @Test
    void every_event_committed_in_a_burst_reaches_the_reader_in_order() throws InterruptedException {
        CoalescingEventStore store = new CoalescingEventStore(
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).fetchDelay(60_000),
                Duration.ofMillis(200));
        try {
            publish(store, "first");
            // a reader at the head of the store, served by the store's shared reader of new events
            TrackingEventStream stream = store.openStream(store.createHeadToken());
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            for (int i = 0; i < 20; i++) {
                publish(store, "burst-" + i);
            }
            List<Object> read = new ArrayList<>();
            while (read.size() < 20 && stream.hasNextAvailable(2, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                read.add(event.getPayload());
            }
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("burst-" + i);
            }
            assertThat(read).isEqualTo(expected);
            stream.close();
        } finally {
            store.shutDown();
        }
    }

    private static void publish(CoalescingEventStore store, String payload) {
        EventMessage<String> event = GenericEventMessage.asEventMessage(payload);
        DefaultUnitOfWork.startAndGet(event).execute(() -> store.publish(event));
    }
}
