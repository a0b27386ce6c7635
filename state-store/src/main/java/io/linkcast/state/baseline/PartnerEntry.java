package io.linkcast.state.baseline;

/**
 * What a node remembers about one partner it sent events to: the partner's id, the time of the latest event
 * to it, the sign of the latest signed event to it, and how many events it sent.
 *
 * @param partner   internal id of the partner (the destination of this node's events)
 * @param lastTime  event time in seconds of the latest event to the partner, finite
 * @param lastSign  +1 or -1: sign of the latest signed event; 0 while no signed event was sent
 * @param count     events sent to the partner, at least 1 (saturates at {@link Integer#MAX_VALUE})
 */
public record PartnerEntry(long partner, double lastTime, int lastSign, int count) {
    public PartnerEntry {
        if (!Double.isFinite(lastTime)) {
            throw new IllegalArgumentException("partner lastTime must be finite, got " + lastTime);
        }
        if (lastSign < -1 || lastSign > 1) {
            throw new IllegalArgumentException("partner lastSign must be -1, 0 or +1, got " + lastSign);
        }
        if (count < 1) {
            throw new IllegalArgumentException("partner count must be >= 1, got " + count);
        }
    }
}
