package org.kap.api.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.kap.api.audit.HashChainInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;
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
        String course = String.valueOf(key);
        HashChainInterceptor links = chain.getObject();
        OptionalLong known = links.lastStoredSequence(course);
        Optional<StoredRow> head = known.isEmpty() ? Optional.empty() : lastStored(course, known.getAsLong());
        if (head.isEmpty()) {
            delegate.remove(key);
            return null;
        }
        // the row just read, in the command's transaction, is the head its first event chains onto: the chain takes it
        links.headRead(course, head.get().sequence(), head.get().metadata());
        return entry;
    }

    /** A stored event's sequence and its metadata as stored (null when the row has none). */
    private record StoredRow(long sequence, byte[] metadata) {
    }

    /**
     * The course's last stored event when that is {@code sequence} (the events from it on are exactly that one), else
     * empty. An index range from (course, sequence), at most two rows, where {@code MAX(sequenceNumber)} read every
     * event of the course on H2 (the check grew with the course: docs/benchmarks.md).
     */
    private Optional<StoredRow> lastStored(String course, long sequence) {
        List<StoredRow> from = jdbc.query("SELECT sequenceNumber, metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "AND sequenceNumber >= ? ORDER BY sequenceNumber FETCH FIRST 2 ROWS ONLY",
                (rs, n) -> new StoredRow(rs.getLong(1), rs.getBytes(2)), course, sequence);
        return from.size() == 1 && from.get(0).sequence() == sequence ? Optional.of(from.get(0)) : Optional.empty();
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
