package org.kap.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenOrderTest {

    private static final List<String> SERVERS = List.of("raw", "basic", "token");

    @Test
    void the_order_turns_from_rate_to_rate_and_is_reversed_on_the_next_pass() {
        assertThat(LoadBenchmark.openOrder(SERVERS, 0, 0)).containsExactly("raw", "basic", "token");
        assertThat(LoadBenchmark.openOrder(SERVERS, 1, 0)).containsExactly("basic", "token", "raw");
        assertThat(LoadBenchmark.openOrder(SERVERS, 1, 1)).containsExactly("raw", "token", "basic");
        assertThat(LoadBenchmark.openOrder(SERVERS, 3, 0)).containsExactly("raw", "basic", "token");
        assertThat(LoadBenchmark.openOrder(SERVERS, 3, 1)).containsExactly("token", "basic", "raw");
    }

    @Test
    void at_every_rate_no_server_follows_the_same_one_in_both_passes() {
        for (int rate = 0; rate < 5; rate++) {
            for (String server : SERVERS) {
                Set<String> before = new HashSet<>();
                for (int pass = 0; pass < 2; pass++) {
                    List<String> order = LoadBenchmark.openOrder(SERVERS, rate, pass);
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

        LoadBenchmark.openOrder(servers, 2, 1);

        assertThat(servers).containsExactlyElementsOf(SERVERS);
    }
}
