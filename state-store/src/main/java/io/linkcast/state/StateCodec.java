package io.linkcast.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Versioned binary codec of one kind of per-node state (architecture contract 6).
 *
 * <p>Every encoded record starts with a 4-byte magic naming the kind of state and a 2-byte version, so a
 * record of another kind or of an unknown version is rejected with {@link StateFormatException} instead of
 * being misread. Implementations are stateless and thread-safe.
 *
 * @param <S> the state type
 */
public interface StateCodec<S> {

    /** The version this codec writes. */
    int version();

    byte[] encode(S state);

    /**
     * {@link #encode} of each state, aligned with {@code states}; a null state gives null (a deletion). A codec
     * of several independent parts may encode them side by side: a batch's records are written at once.
     */
    default List<byte[]> encodeAll(List<S> states) {
        List<byte[]> out = new ArrayList<>(states.size());
        for (S s : states) {
            out.add(s == null ? null : encode(s));
        }
        return out;
    }

    /** Decodes a record written by this codec at any version it still reads. */
    S decode(byte[] bytes);

    /**
     * {@link #decode} of each record, aligned with {@code records}; a null record gives null (a node never stored).
     * Like {@link #encodeAll}, a codec of several parts may decode them side by side.
     */
    default List<S> decodeAll(List<byte[]> records) {
        List<S> out = new ArrayList<>(records.size());
        for (byte[] r : records) {
            out.add(r == null ? null : decode(r));
        }
        return out;
    }
}
