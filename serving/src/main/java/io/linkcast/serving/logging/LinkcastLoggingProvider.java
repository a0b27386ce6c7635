package io.linkcast.serving.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.simple.SimpleServiceProvider;

/**
 * slf4j-simple with known-benign Kafka errors demoted to INFO ({@link BenignErrors}). Chosen with
 * {@code -Dslf4j.provider=io.linkcast.serving.logging.LinkcastLoggingProvider} (the launcher and {@code LinkcastCli}
 * set it); without it SLF4J finds slf4j-simple alone and everything works, with the benign errors at ERROR.
 */
public final class LinkcastLoggingProvider extends SimpleServiceProvider {
    /** The property SLF4J reads to pick its provider, and this provider's name for it. */
    public static final String PROPERTY = "slf4j.provider";

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private ILoggerFactory factory;

    @Override
    public void initialize() {
        super.initialize();
        ILoggerFactory simple = super.getLoggerFactory();
        factory = name -> loggers.computeIfAbsent(name, n -> new DemotingLogger(simple.getLogger(n)));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }
}
