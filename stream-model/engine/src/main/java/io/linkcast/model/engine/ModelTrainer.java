package io.linkcast.model.engine;

/**
 * A model family's trainer as the command line finds it: {@code linkcast train --model NAME ...} hands the rest of
 * the command line to a new {@link #command()}. Found with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/io.linkcast.model.engine.ModelTrainer}, as {@link ModelLoader}s are, so that the CLI
 * imports no model; an implementation needs a public no-arg constructor.
 */
public interface ModelTrainer {

    /** Short family name, as {@link ModelLoader#name()}: {@code "nat"}. */
    String name();

    /**
     * A new picocli command object (a class annotated with {@code @Command}) that parses this trainer's options and
     * trains. Typed {@code Object} so that the engine does not depend on picocli.
     */
    Object command();
}
