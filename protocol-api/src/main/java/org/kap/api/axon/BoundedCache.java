package org.kap.api.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The courses this engine worked on, held up to a count ({@code kap.cached-courses}); beyond it those least often and
 * least recently used are let go (Caffeine's policy). Axon's {@code WeakReferenceCache} held them only until the next
 * young collection, which under load comes every second or two: most commands then found their course gone and folded
 * it again from its last snapshot (5-7% of the engine's time under the load harness: docs/benchmarks.md). What is
 * cached is never trusted over the store: {@link StoreCheckedCache} checks every entry before it is used.
 */
final class BoundedCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final Map<Object, Object> entries;

    BoundedCache(int maximumEntries) {
        if (maximumEntries < 0) {
            throw new IllegalArgumentException("kap.cached-courses must be 0 or more, was " + maximumEntries);
        }
        this.cache = Caffeine.newBuilder().maximumSize(maximumEntries).build();
        this.entries = cache.asMap();
    }

    /** The courses held now, once the evictions due have been made (Caffeine makes them soon after a write, not in it). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    /** Nothing of the engine's or Axon's listens to the course cache; a listener would be told nothing, so none is taken. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("the course cache does not report its entries to listeners");
    }
}
