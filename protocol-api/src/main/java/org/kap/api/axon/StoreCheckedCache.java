package org.kap.api.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.kap.api.audit.HashChainInterceptor;
import org.kap.api.audit.StoredEvents;
import org.springframework.beans.factory.ObjectProvider;

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
    private final StoredEvents stored;
    private final ObjectProvider<HashChainInterceptor> chain;

    StoreCheckedCache(Cache delegate, StoredEvents stored, ObjectProvider<HashChainInterceptor> chain) {
        this.delegate = delegate;
        this.stored = stored;
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
        // the course's last stored event, when it is the one this engine stored last (the cached version)
        Optional<StoredEvents.Head> head = known.isEmpty() ? Optional.empty()
                : stored.lastFrom(course, known.getAsLong()).filter(row -> row.sequence() == known.getAsLong());
        if (head.isEmpty()) {
            delegate.remove(key);
            return null;
        }
        // the row just read, in the command's transaction, is the head its first event chains onto: the chain takes it
        links.headRead(course, head.get());
        return entry;
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
