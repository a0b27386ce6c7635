package io.linkcast.serving;

import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.CompositeState;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.eval.ModelLoaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The models a service runs, as one composite behind a swappable handle: {@code --model nat=DIR --model
 * semba=DIR} serves NAT's link probability and SEMBA's sign and weight in one prediction. A trained model
 * can replace its running version without a restart ({@link #swap}); the node states stay.
 */
public final class ServedModels implements AutoCloseable {
    /** The spec that selects the built-in baseline predictors. */
    public static final String BASELINE = "baseline";

    private final ModelHandle<CompositeState> handle;
    private final ModelLoaders loaders;

    private ServedModels(ModelHandle<CompositeState> handle, ModelLoaders loaders) {
        this.handle = handle;
        this.loaders = loaders;
    }

    /**
     * Loads the models named by {@code specs}: {@code baseline}, or {@code NAME=DIR} for a trained artifact
     * whose model must be called NAME. No spec means the baseline.
     */
    public static ServedModels load(List<String> specs, ModelLoaders loaders) {
        List<String> s = specs.isEmpty() ? List.of(BASELINE) : specs;
        List<StreamModel<?>> models = new ArrayList<>();
        for (String spec : s) {
            models.add(loadOne(spec, loaders));
        }
        List<String> names = models.stream().map(m -> m.info().name()).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("--model names a model twice: " + names);
        }
        return new ServedModels(new ModelHandle<>(new CompositeModel(models)), loaders);
    }

    private static StreamModel<?> loadOne(String spec, ModelLoaders loaders) {
        if (spec.equals(BASELINE)) {
            return new BaselineModel(BaselineConfig.defaults());
        }
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--model must be 'baseline' or NAME=DIR (e.g. nat=runs/nat-uci), got '"
                    + spec + "'");
        }
        String name = spec.substring(0, eq);
        StreamModel<?> m = loadArtifact(Path.of(spec.substring(eq + 1)), loaders);
        if (!m.info().name().equals(name)) {
            throw new IllegalArgumentException("--model " + spec + ": the artifact holds a '" + m.info().name()
                    + "' model, not '" + name + "'");
        }
        return m;
    }

    private static StreamModel<?> loadArtifact(Path dir, ModelLoaders loaders) {
        try {
            return loaders.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model artifact " + dir + ": " + e.getMessage(), e);
        }
    }

    public ModelHandle<CompositeState> handle() {
        return handle;
    }

    public ModelInfo info() {
        return handle.current().info();
    }

    /**
     * Replaces the running model of the artifact's name with the artifact in {@code dir}; takes effect at the
     * next micro-batch. Refused if no running model has that name or if it cannot read the current state.
     */
    public synchronized ModelInfo swap(Path dir) {
        StreamModel<?> replacement = loadArtifact(dir, loaders);
        CompositeModel current = (CompositeModel) handle.current();
        List<StreamModel<Object>> running = current.models();
        for (int i = 0; i < running.size(); i++) {
            if (running.get(i).info().name().equals(replacement.info().name())) {
                checkReadable(running.get(i), replacement);
                return handle.swap(current.with(i, replacement));
            }
        }
        throw new IllegalArgumentException("no running model is named '" + replacement.info().name()
                + "'; running: " + current.info().name());
    }

    @SuppressWarnings("unchecked")
    private static void checkReadable(StreamModel<Object> old, StreamModel<?> replacement) {
        new ModelHandle<>(old).swap((StreamModel<Object>) replacement);
    }

    /**
     * Frees the native memory of the running models; call it once the stream and the HTTP API have stopped.
     * (A model replaced by {@link #swap} is not closed: a batch or a request may still be using it.)
     */
    @Override
    public void close() {
        for (StreamModel<Object> m : ((CompositeModel) handle.current()).models()) {
            if (m instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close model " + m.info() + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
