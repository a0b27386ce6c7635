package io.linkcast.model.eval;

import io.linkcast.ingest.Interaction;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The distinct destinations each source has sent to so far, in first-seen order (historical negatives). */
final class DestinationHistory {
    private final Map<Long, Set<Long>> bySource = new HashMap<>();

    void observe(Interaction e) {
        bySource.computeIfAbsent(e.src(), k -> new LinkedHashSet<>()).add(e.dst());
    }

    long[] of(long src) {
        Set<Long> s = bySource.get(src);
        return s == null ? new long[0] : s.stream().mapToLong(Long::longValue).toArray();
    }
}
