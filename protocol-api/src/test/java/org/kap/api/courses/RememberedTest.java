package org.kap.api.courses;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The course list's memory of the states it wrote: bounded by their sizes together, least recently used out. */
class RememberedTest {

    private final CourseListProjection.Remembered<String> remembered = new CourseListProjection.Remembered<>(10, String::length);

    @Test
    void the_least_recently_used_go_once_the_sizes_together_pass_the_budget() {
        remembered.keep("a", "aaaa");
        remembered.keep("b", "bbbb");
        assertThat(remembered.take("a")).isEqualTo("aaaa");
        remembered.keep("a", "aaaa"); // now the most recent
        remembered.keep("c", "cccc");
        assertThat(remembered.keys()).as("b was used least recently").containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void a_taken_value_is_gone_and_frees_its_size() {
        remembered.keep("a", "aaaaaaaa");
        assertThat(remembered.take("a")).isEqualTo("aaaaaaaa");
        assertThat(remembered.take("a")).as("taken, not read").isNull();
        remembered.keep("b", "bbbbbbbb");
        remembered.keep("b", "bbbbbbbbb");
        assertThat(remembered.keys()).containsExactly("b");
        remembered.keep("c", "c");
        assertThat(remembered.keys()).as("b kept again replaced itself, not added to the total").containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void the_newest_is_kept_even_alone_over_the_budget() {
        remembered.keep("a", "aa");
        remembered.keep("long", "x".repeat(50));
        assertThat(remembered.keys()).containsExactly("long");
    }
}
