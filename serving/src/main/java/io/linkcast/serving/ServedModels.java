package io.linkcast.serving;

import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.CompositeState;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.model.engine.StoredNode;
import io.linkcast.model.engine.StreamModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The models a service runs, as one composite behind a swappable handle: {@code --model nat=DIR --model
 * semba=DIR} serves NAT's link probability and SEMBA's sign and weight in one prediction. A trained model
 * can replace its running version without a restart ({@link #swap}); the node states stay.
 */
public final class ServedModels implements AutoCloseable {
    /** The spec that selects the built-in baseline predictors. */
    public static final String BASELINE = "baseline";

    /** How long a replaced model stays open for the batch or requests that may still be using it. */
    static final Duration RETIRE_AFTER = Duration.ofSeconds(60);

    private final ModelHandle<CompositeState> handle;
    private final ModelLoaders loaders;
    private final Retirement retirement;
    private final List<AutoCloseable> retiring = new ArrayList<>();

    /** When a replaced model gets closed: {@link #later} runs the closing once nothing can still use the model. */
    interface Retirement extends AutoCloseable {
        void later(Runnable close);

        /** Drops what has not run yet (the service closes the models itself). */
        @Override
        void close();
    }

    /** Closes a replaced model a fixed time after the swap, on a daemon thread started by the first swap. */
    static final class DelayedRetirement implements Retirement {
        private final Duration after;
        private ScheduledExecutorService retirer;

        DelayedRetirement(Duration after) {
            this.after = after;
        }

        @Override
        public synchronized void later(Runnable close) {
            if (retirer == null) {
                retirer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "linkcast-model-retirer");
                    t.setDaemon(true);
                    return t;
                });
            }
            retirer.schedule(close, after.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void close() {
            if (retirer != null) {
                retirer.shutdownNow();
            }
        }
    }

    private ServedModels(ModelHandle<CompositeState> handle, ModelLoaders loaders, Retirement retirement) {
        this.handle = handle;
        this.loaders = loaders;
        this.retirement = retirement;
    }

    /**
     * Loads the models named by {@code specs}: {@code baseline}, or {@code NAME=DIR} for a trained artifact
     * whose model must be called NAME. No spec means the baseline.
     */
    public static ServedModels load(List<String> specs, ModelLoaders loaders) {
        return load(specs, loaders, new DelayedRetirement(RETIRE_AFTER));
    }

    /** {@link #load(List, ModelLoaders)}, closing a model that {@link #swap} replaced when {@code retirement} says. */
    static ServedModels load(List<String> specs, ModelLoaders loaders, Retirement retirement) {
        List<String> s = specs.isEmpty() ? List.of(BASELINE) : specs;
        List<StreamModel<?>> models = new ArrayList<>();
        for (String spec : s) {
            models.add(loadOne(spec, loaders));
        }
        List<String> names = models.stream().map(m -> m.info().name()).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("--model names a model twice: " + names);
        }
        return new ServedModels(new ModelHandle<>(new CompositeModel(models)), loaders, retirement);
    }

    private static StreamModel<?> loadOne(String spec, ModelLoaders loaders) {
        if (spec.equals(BASELINE)) {
            return ModelLoaders.untrained(BASELINE);
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
    public ModelInfo swap(Path dir) {
        return swap(dir, List.of(), 0);
    }

    /**
     * {@link #swap(Path)}, checked on {@code stored}, real records of the node store, scored at time {@code t}
     * ({@link ModelHandle#swap(StreamModel, List, double)}).
     */
    public synchronized ModelInfo swap(Path dir, List<StoredNode> stored, double t) {
        StreamModel<?> replacement = loadArtifact(dir, loaders);
        CompositeModel current = (CompositeModel) handle.current();
        List<StreamModel<Object>> running = current.models();
        try {
            for (int i = 0; i < running.size(); i++) {
                if (running.get(i).info().name().equals(replacement.info().name())) {
                    checkReadable(running.get(i), replacement);
                    ModelInfo info = handle.swap(current.with(i, replacement), stored, t);
                    retire(running.get(i));
                    return info;
                }
            }
        } catch (RuntimeException e) {
            closeNow(replacement);
            throw e;
        }
        closeNow(replacement);
        throw new IllegalArgumentException("no running model is named '" + replacement.info().name()
                + "'; running: " + current.info().name());
    }

    /**
     * Closes a replaced model when {@link #retirement} says ({@link #RETIRE_AFTER} in the service): the
     * micro-batch that took it before the swap, or an HTTP request, may still be computing with it (a batch takes
     * well under a second).
     */
    private void retire(StreamModel<?> old) {
        if (!(old instanceof AutoCloseable closeable)) {
            return;
        }
        retiring.add(closeable);
        retirement.later(() -> {
            synchronized (this) {
                if (retiring.remove(closeable)) {
                    closeNow(old);
                }
            }
        });
    }

    private static void closeNow(Object model) {
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close model: " + e.getMessage(), e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkReadable(StreamModel<Object> old, StreamModel<?> replacement) {
        new ModelHandle<>(old).swap((StreamModel<Object>) replacement);
    }

    /**
     * Frees the native memory of the running models and of replaced ones not yet retired; call it once the stream
     * and the HTTP API have stopped.
     */
    @Override
    public synchronized void close() {
        retirement.close();
        for (AutoCloseable old : retiring) {
            closeNow(old);
        }
        retiring.clear();
        for (StreamModel<Object> m : ((CompositeModel) handle.current()).models()) {
            closeNow(m);
        }
    }
}
