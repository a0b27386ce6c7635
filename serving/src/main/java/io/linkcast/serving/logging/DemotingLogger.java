package io.linkcast.serving.logging;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that writes through another and logs the {@link BenignErrors} at INFO instead of ERROR. */
final class DemotingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient Logger delegate;

    DemotingLogger(Logger delegate) {
        this.delegate = delegate;
        this.name = delegate.getName();
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        if (level == Level.ERROR && BenignErrors.isBenign(name, message, t)) {
            if (delegate.isInfoEnabled()) {
                delegate.info(message + " (known benign: KAFKA-18202, see README)", t);
            }
            return;
        }
        switch (level) {
            case ERROR -> delegate.error(message, t);
            case WARN -> delegate.warn(message, t);
            case INFO -> delegate.info(message, t);
            case DEBUG -> delegate.debug(message, t);
            case TRACE -> delegate.trace(message, t);
        }
    }
}
