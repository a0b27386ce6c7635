package io.linkcast.model.semba;

import io.linkcast.state.semba.SembaNodeState;
import java.util.Objects;

/**
 * A question for the network: src → dst at time t, with both endpoints' records as they are before it.
 *
 * @param srcNode internal id of the source
 * @param src the source's record
 * @param dstNode internal id of the target
 * @param dst the target's record
 * @param t query time in seconds
 */
record SembaPair(long srcNode, SembaNodeState src, long dstNode, SembaNodeState dst, double t) {
    SembaPair {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be finite, got " + t);
        }
    }
}
