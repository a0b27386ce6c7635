package io.linkcast.state;

/** A stored state record that cannot be decoded: wrong kind, unknown version, or truncated. */
public class StateFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateFormatException(String message) {
        super(message);
    }
}
