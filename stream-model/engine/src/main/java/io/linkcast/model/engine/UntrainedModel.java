package io.linkcast.model.engine;

/**
 * A model served without an artifact: the baseline, which serving runs alone when no trained model is named and
 * beside trained ones as their live yardstick. Found with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/io.linkcast.model.engine.UntrainedModel} ({@link ModelLoaders#untrained(String)}), so that
 * serving imports no model module; an implementation needs a public no-arg constructor.
 */
public interface UntrainedModel {

    /** The name a user gives it ({@code --model baseline}). */
    String name();

    /** A new model with an empty state. */
    StreamModel<?> create();
}
