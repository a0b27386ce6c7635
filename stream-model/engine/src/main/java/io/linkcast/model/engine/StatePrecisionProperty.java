package io.linkcast.model.engine;

import io.linkcast.state.compact.StatePrecision;
import java.util.Properties;

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

    /** The precision {@code properties} ask for, {@link StatePrecision#COMPACT} when they do not say. */
    static StatePrecision read(Properties properties) {
        return StatePrecision.parse(properties.getProperty(StatePrecision.PROPERTY, "compact"));
    }
}
