package org.kap.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void a_percentile_counts_the_unanswered_requests_as_slower_than_every_answer() {
        Latencies phase = phase(1, 2, 3);
        phase.close(5); // three answered, two never

        assertThat(phase.percentileMillis(0.40)).isEqualTo(2.0);
        assertThat(phase.percentileMillis(0.60)).isEqualTo(3.0);
        assertThat(phase.percentileMillis(0.80)).isInfinite();
        assertThat(phase.unanswered()).isEqualTo(2);
    }

    @Test
    void pooled_passes_give_the_percentiles_of_all_their_requests_together() {
        // a quiet pass (1..100 ms) and a pass whose last ten requests queued (100 ms): 200 requests in all
        Latencies quiet = phase(range(1, 100));
        Latencies queued = phase(concat(range(1, 90), repeat(100, 10)));
        quiet.close(100);
        queued.close(100);

        Latencies all = Latencies.pooled(List.of(quiet, queued));

        // the 198th of the 200 sorted latencies is one of the eleven at 100 ms; the passes' own p99s are 99 and 100 ms
        assertThat(all.percentileMillis(0.99)).isEqualTo(100.0);
        assertThat(all.percentileMillis(0.90)).isEqualTo(90.0);
        assertThat(all.percentileMillis(0.50)).isEqualTo(50.0);
        assertThat(all.answered()).isEqualTo(200);
    }

    @Test
    void pooled_passes_keep_every_failure_and_every_unanswered_request() {
        Latencies one = new Latencies();
        one.answered(1_000, true);
        one.answered(2_000, false);
        one.close(3);
        Latencies two = new Latencies();
        two.answered(3_000, false);
        two.close(1);

        Latencies all = Latencies.pooled(List.of(one, two));

        assertThat(all.failed()).isEqualTo(2);
        assertThat(all.unanswered()).isEqualTo(1);
        assertThat(all.percentileMillis(1.0)).isInfinite();
        assertThat(all.percentileMillis(0.75)).isEqualTo(3.0);
    }

    @Test
    void a_phase_still_taking_answers_cannot_be_pooled() {
        Latencies open = phase(1);

        assertThatThrownBy(() -> Latencies.pooled(List.of(open))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_answer_after_the_phase_closed_is_not_counted() {
        Latencies phase = phase(1);
        phase.close(2);
        phase.answered(2_000, true);

        assertThat(phase.answered()).isEqualTo(1);
        assertThat(phase.unanswered()).isEqualTo(1);
    }

    private static Latencies phase(int... millis) {
        Latencies latencies = new Latencies();
        for (int ms : millis) {
            latencies.answered(ms * 1_000L, true);
        }
        return latencies;
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).toArray();
    }

    private static int[] repeat(int ms, int times) {
        return java.util.stream.IntStream.generate(() -> ms).limit(times).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray();
    }
}
