package io.linkcast.state;

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

    /** Decodes a record written by this codec at any version it still reads. */
    S decode(byte[] bytes);
}
