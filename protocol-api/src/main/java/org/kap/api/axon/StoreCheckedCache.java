package org.kap.api.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.kap.api.audit.HashChainInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The course cache, never trusted over the event store. A cached course is used only when the last event the
 * store holds for it is the last one this engine stored (so the cached course is that version); when another
 * engine has recorded since, or this engine does not know which version it cached, the entry is dropped and
 * the course is rebuilt from the store. The check is one index lookup; a rebuild is a replay.
 */
final class StoreCheckedCache implements Cache {

    private final Cache delegate;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<HashChainInterceptor> chain;

    StoreCheckedCache(Cache delegate, JdbcTemplate jdbc, ObjectProvider<HashChainInterceptor> chain) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.chain = chain;
    }

    @Override
    public <K, V> V get(K key) {
        V entry = delegate.get(key);
        if (entry == null) {
            return null;
        }
        OptionalLong known = chain.getObject().lastStoredSequence(String.valueOf(key));
        if (known.isEmpty() || !lastStoredIs(String.valueOf(key), known.getAsLong())) {
            delegate.remove(key);
            return null;
        }
        return entry;
    }

    /**
     * Whether the course's last stored event is {@code sequence}: the events from it on are exactly that one. An index
     * range from (course, sequence), at most two rows, where {@code MAX(sequenceNumber)} read every event of the course
     * on H2 (the check grew with the course: docs/benchmarks.md).
     */
    private boolean lastStoredIs(String course, long sequence) {
        List<Long> from = jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND sequenceNumber >= ? ORDER BY sequenceNumber FETCH FIRST 2 ROWS ONLY", Long.class, course, sequence);
        return from.size() == 1 && from.get(0) == sequence;
    }

    @Override
    public void put(Object key, Object value) {
        delegate.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return delegate.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return delegate.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public boolean remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return delegate.registerCacheEntryListener(cacheEntryListener);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        delegate.computeIfPresent(key, update);
    }
}
