package io.linkcast.model.engine;

import io.linkcast.state.compact.StatePrecision;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a trained model artifact (a directory written by a trainer) back into a {@link StreamModel}.
 *
 * <p>Each model family (NAT, SEMBA, ...) provides one. They are found through {@link ModelLoaders}: either
 * passed in explicitly (serving's CLI) or discovered with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/io.linkcast.model.engine.ModelLoader}, so an implementation needs a public no-arg
 * constructor for the latter.
 */
public interface ModelLoader {

    /** Short family name, e.g. {@code "nat"}; unique among registered loaders. */
    String name();

    /** Whether {@code artifactDir} holds an artifact this loader reads (e.g. by its config file). */
    boolean canLoad(Path artifactDir);

    /**
     * Loads the artifact with the default backend ({@link InferenceBackend#AUTO}) and precision
     * ({@link StatePrecision#COMPACT}).
     */
    default StreamModel<?> load(Path artifactDir) throws IOException {
        return load(artifactDir, InferenceBackend.AUTO, StatePrecision.COMPACT);
    }

    /**
     * Loads the artifact; the returned model is ready to score with an empty state, infers with {@code backend}
     * and keeps the records it makes at {@code precision}.
     */
    StreamModel<?> load(Path artifactDir, InferenceBackend backend, StatePrecision precision) throws IOException;
}
