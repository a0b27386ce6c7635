package io.linkcast.model.engine;

import io.linkcast.state.compact.StatePrecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The registered {@link ModelLoader}s; the first that accepts an artifact loads it, with this object's backend and
 * state precision.
 */
public final class ModelLoaders {
    private final List<ModelLoader> loaders;
    private final InferenceBackend backend;
    private final StatePrecision precision;

    /** {@code loaders} at the default backend ({@link InferenceBackend#AUTO}) and precision (COMPACT). */
    public ModelLoaders(List<ModelLoader> loaders) {
        this(loaders, InferenceBackend.AUTO, StatePrecision.COMPACT);
    }

    private ModelLoaders(List<ModelLoader> loaders, InferenceBackend backend, StatePrecision precision) {
        Set<String> names = new HashSet<>();
        for (ModelLoader l : loaders) {
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("two model loaders are named " + l.name());
            }
        }
        this.loaders = List.copyOf(loaders);
        this.backend = java.util.Objects.requireNonNull(backend, "backend");
        this.precision = java.util.Objects.requireNonNull(precision, "precision");
    }

    /** These loaders, loading every model to infer with {@code value} ({@code model.backend}). */
    public ModelLoaders withBackend(InferenceBackend value) {
        return new ModelLoaders(loaders, value, precision);
    }

    /** These loaders, loading every model to keep its records at {@code value}. */
    public ModelLoaders withPrecision(StatePrecision value) {
        return new ModelLoaders(loaders, backend, value);
    }

    /**
     * The loaders found on the class path through {@link ServiceLoader}, loading at the state precision the user
     * chose ({@link StatePrecisionProperty}): the commands that load models get them here.
     *
     * @throws IllegalArgumentException if that property holds neither precision
     */
    public static ModelLoaders discover() {
        List<ModelLoader> found = new ArrayList<>();
        ServiceLoader.load(ModelLoader.class).forEach(found::add);
        return new ModelLoaders(found, InferenceBackend.AUTO, StatePrecisionProperty.read());
    }

    /**
     * A new instance of the model called {@code name} that needs no artifact, found through {@link ServiceLoader}.
     *
     * @throws IllegalStateException if none of that name is on the class path
     */
    public static StreamModel<?> untrained(String name) {
        for (UntrainedModel m : ServiceLoader.load(UntrainedModel.class)) {
            if (m.name().equals(name)) {
                return m.create();
            }
        }
        throw new IllegalStateException("no model '" + name + "' that needs no artifact is on the class path");
    }

    public List<String> names() {
        return loaders.stream().map(ModelLoader::name).toList();
    }

    /**
     * Loads the artifact in {@code dir} with the first loader that accepts it.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory or no loader accepts it
     */
    public StreamModel<?> load(Path dir) throws IOException {
        return load(dir, backend);
    }

    /**
     * Loads the artifact in {@code dir} with the first loader that accepts it, inferring with {@code backend}.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory or no loader accepts it
     */
    public StreamModel<?> load(Path dir, InferenceBackend backend) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model artifact " + dir + " is not a directory");
        }
        for (ModelLoader l : loaders) {
            if (l.canLoad(dir)) {
                return l.load(dir, backend, precision);
            }
        }
        throw new IllegalArgumentException("no model loader accepts " + dir + "; registered loaders: " + names());
    }
}
