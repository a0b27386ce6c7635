package io.linkcast.model.engine;

import io.linkcast.state.compact.StatePrecision;
import java.util.Properties;
import java.util.function.Function;

/**
 * The state precision a user chose for the models of a command: the system property
 * {@value StatePrecision#PROPERTY}, {@code compact} (the default) or {@code fp32}. Read here only, by what builds
 * models for a command ({@link ModelLoaders#discover()} for eval, serve, bench and demo; the trainers' commands),
 * and passed from there to the models, their codecs and their records: nothing below reads it, so two models of
 * different precision can share a JVM.
 */
public final class StatePrecisionProperty {

    private StatePrecisionProperty() {
    }

    /** The precision this JVM's system properties ask for; a bad value fails, naming the property. */
    public static StatePrecision read() {
        return read(System.getProperties());
    }

    /**
     * {@link #read()}, failing with what {@code onBadValue} makes of the message instead (a command's own usage
     * error, so that the command line says which property is wrong and exits as for a bad option).
     */
    public static StatePrecision read(Function<String, ? extends RuntimeException> onBadValue) {
        try {
            return read();
        } catch (IllegalArgumentException e) {
            throw onBadValue.apply(e.getMessage());
        }
    }

    /** The precision {@code properties} ask for, {@link StatePrecision#COMPACT} when they do not say. */
    static StatePrecision read(Properties properties) {
        return StatePrecision.parse(properties.getProperty(StatePrecision.PROPERTY, "compact"));
    }
}
