package org.kap.api.axon;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedCacheTest {

    @Test
    void a_course_outlives_a_garbage_collection() {
        BoundedCache cache = new BoundedCache(10);
        cache.put("course-1", new Object()); // held by nothing else, as a course between two commands

        System.gc(); // cleared a weak reference (Axon's WeakReferenceCache) at once

        assertThat((Object) cache.get("course-1")).isNotNull();
    }

    @Test
    void holds_no_more_courses_than_its_bound() {
        BoundedCache cache = new BoundedCache(100);
        for (int i = 0; i < 1_000; i++) {
            cache.put("course-" + i, i);
        }
        assertThat(cache.size()).isEqualTo(100);
    }

    @Test
    void a_bound_of_zero_holds_nothing() {
        BoundedCache cache = new BoundedCache(0);
        cache.put("course-1", 1);
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new BoundedCache(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kap.cached-courses");
    }

    @Test
    void answers_as_axon_asks() {
        BoundedCache cache = new BoundedCache(10);
        assertThat(cache.putIfAbsent("course-1", 1)).isTrue();
        assertThat(cache.putIfAbsent("course-1", 2)).isFalse();
        assertThat((Integer) cache.get("course-1")).isEqualTo(1);

        AtomicInteger supplied = new AtomicInteger();
        assertThat(cache.computeIfAbsent("course-1", supplied::incrementAndGet)).isEqualTo(1);
        assertThat(cache.computeIfAbsent("course-2", supplied::incrementAndGet)).isEqualTo(1);
        assertThat(supplied).hasValue(1);

        cache.<Integer>computeIfPresent("course-2", v -> v + 10);
        cache.<Integer>computeIfPresent("course-3", v -> v + 10);
        assertThat((Integer) cache.get("course-2")).isEqualTo(11);
        assertThat(cache.containsKey("course-3")).isFalse();

        assertThat(cache.remove("course-1")).isTrue();
        assertThat(cache.remove("course-1")).isFalse();
        cache.removeAll();
        assertThat(cache.containsKey("course-2")).isFalse();
        assertThatThrownBy(() -> cache.registerCacheEntryListener(null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
