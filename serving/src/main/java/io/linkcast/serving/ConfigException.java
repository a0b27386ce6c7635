package io.linkcast.serving;

/** A configuration that cannot run; the message names the key. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
