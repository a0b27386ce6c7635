package io.linkcast.state;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link NodeCacheReads} that adds up what it is told, per reader; safe from several threads. */
final class CountedReads implements NodeCacheReads {
    private final Map<Reader, AtomicLong> hits = new EnumMap<>(Reader.class);
    private final Map<Reader, AtomicLong> misses = new EnumMap<>(Reader.class);

    CountedReads() {
        for (Reader r : Reader.values()) {
            hits.put(r, new AtomicLong());
            misses.put(r, new AtomicLong());
        }
    }

    @Override
    public void counted(Reader reader, int h, int m) {
        hits.get(reader).addAndGet(h);
        misses.get(reader).addAndGet(m);
    }

    long hits(Reader reader) {
        return hits.get(reader).get();
    }

    long misses(Reader reader) {
        return misses.get(reader).get();
    }
}
