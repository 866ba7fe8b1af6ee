package org.kap.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PassOrderTest {

    private static final List<String> SERVERS = List.of("raw", "basic", "token");

    @Test
    void the_order_turns_by_the_given_places_and_is_reversed_on_the_next_pass() {
        assertThat(LoadBenchmark.passOrder(SERVERS, 0, 0)).containsExactly("raw", "basic", "token");
        assertThat(LoadBenchmark.passOrder(SERVERS, 0, 1)).containsExactly("token", "basic", "raw");
        assertThat(LoadBenchmark.passOrder(SERVERS, 1, 0)).containsExactly("basic", "token", "raw");
        assertThat(LoadBenchmark.passOrder(SERVERS, 1, 1)).containsExactly("raw", "token", "basic");
        assertThat(LoadBenchmark.passOrder(SERVERS, 3, 0)).containsExactly("raw", "basic", "token");
        assertThat(LoadBenchmark.passOrder(SERVERS, 3, 1)).containsExactly("token", "basic", "raw");
    }

    @Test
    void at_every_rate_no_server_follows_the_same_one_in_both_passes() {
        for (int rate = 0; rate < 5; rate++) {
            for (String server : SERVERS) {
                Set<String> before = new HashSet<>();
                for (int pass = 0; pass < 2; pass++) {
                    List<String> order = LoadBenchmark.passOrder(SERVERS, rate, pass);
                    int at = order.indexOf(server);
                    before.add(at == 0 ? "nobody" : order.get(at - 1));
                }
                assertThat(before).as("%s at the %d-th rate", server, rate).hasSize(2);
            }
        }
    }

    @Test
    void the_order_leaves_the_given_list_as_it_was() {
        List<String> servers = new java.util.ArrayList<>(SERVERS);

        LoadBenchmark.passOrder(servers, 2, 1);

        assertThat(servers).containsExactlyElementsOf(SERVERS);
    }
}
