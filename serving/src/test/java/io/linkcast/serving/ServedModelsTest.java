package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.model.engine.ModelLoader;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.state.StateCodec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedModelsTest {

    /** A model that knows whether it was closed; "wide" ones keep 16-byte records another cannot read. */
    private static final class Toy implements StreamModel<Long>, AutoCloseable {
        final String version;
        final int bytes;
        volatile boolean closed;

        Toy(String version, int bytes) {
            this.version = version;
            this.bytes = bytes;
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo("toy", version);
        }

        @Override
        public StateCodec<Long> codec() {
            return new StateCodec<>() {
                @Override
                public int version() {
                    return 1;
                }

                @Override
                public byte[] encode(Long state) {
                    return ByteBuffer.allocate(bytes).putLong(state).array();
                }

                @Override
                public Long decode(byte[] record) {
                    if (record.length != bytes) {
                        throw new IllegalArgumentException("a toy record has " + bytes + " bytes");
                    }
                    return ByteBuffer.wrap(record).getLong();
                }
            };
        }

        @Override
        public Long emptyState(long node) {
            return node;
        }

        @Override
        public WaveOutput<Long> step(Wave<Long> wave) {
            return new WaveOutput<>(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public List<ModelOutput> score(List<Query> queries, List<Long> srcStates, List<Long> dstStates) {
            return List.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<Toy> loaded = new ArrayList<>();
    private final List<io.linkcast.state.compact.StatePrecision> precisions = new ArrayList<>();

    private ModelLoaders loaders() {
        return new ModelLoaders(List.of(new ModelLoader() {
            @Override
            public String name() {
                return "toy";
            }

            @Override
            public boolean canLoad(Path dir) {
                return dir.getFileName().toString().startsWith("toy");
            }

            @Override
            public StreamModel<?> load(Path dir, io.linkcast.model.engine.InferenceBackend backend,
                    io.linkcast.state.compact.StatePrecision precision) {
                String name = dir.getFileName().toString();
                Toy t = new Toy(name, name.contains("wide") ? 16 : 8);
                loaded.add(t);
                precisions.add(precision);
                return t;
            }
        }));
    }

    @Test
    void shouldCloseAReplacedModelAfterItsGraceAndARefusedOneAtOnce(@TempDir Path tmp) throws Exception {
        Path first = Files.createDirectory(tmp.resolve("toy-1"));
        Path second = Files.createDirectory(tmp.resolve("toy-2"));
        Path wide = Files.createDirectory(tmp.resolve("toy-wide"));
        // the grace period is the test's to end, not the clock's: a loaded machine cannot make it flake
        ManualRetirement retirement = new ManualRetirement();
        ServedModels served = ServedModels.load(List.of("toy=" + first), loaders(), retirement);
        Toy one = loaded.get(0);

        assertThat(served.swap(second).version()).contains("toy-2");
        Toy two = loaded.get(1);
        assertThat(one.closed).as("still usable by a batch in flight").isFalse();
        assertThat(retirement.pending).hasSize(1);
        retirement.endGrace();
        assertThat(one.closed).as("closed after the grace period").isTrue();
        assertThat(two.closed).isFalse();

        assertThatThrownBy(() -> served.swap(wide)).isInstanceOf(IllegalArgumentException.class);
        assertThat(loaded.get(2).closed).as("the refused replacement").isTrue();
        assertThat(served.info().version()).contains("toy-2");

        served.close();
        assertThat(two.closed).isTrue();
    }

    @Test
    void shouldLoadAHotSwappedModelAtTheServicesStatePrecision(@TempDir Path tmp) throws Exception {
        Path first = Files.createDirectory(tmp.resolve("toy-1"));
        Path second = Files.createDirectory(tmp.resolve("toy-2"));
        var fp32 = io.linkcast.state.compact.StatePrecision.FP32;
        ServedModels served = ServedModels.load(List.of("toy=" + first), loaders().withPrecision(fp32),
                new ManualRetirement());
        served.swap(second);
        // the replacement's records must be made as the model it replaces made them
        assertThat(precisions).containsExactly(fp32, fp32);
        served.close();
    }

    @Test
    void shouldCloseAReplacedModelAtOnceWhenTheServiceCloses(@TempDir Path tmp) throws Exception {
        Path first = Files.createDirectory(tmp.resolve("toy-1"));
        Path second = Files.createDirectory(tmp.resolve("toy-2"));
        ManualRetirement retirement = new ManualRetirement();
        ServedModels served = ServedModels.load(List.of("toy=" + first), loaders(), retirement);
        served.swap(second);
        assertThat(loaded.get(0).closed).isFalse();
        served.close();
        assertThat(loaded.get(0).closed).isTrue();
        assertThat(loaded.get(1).closed).isTrue();
        assertThat(retirement.closed).isTrue();
        // a grace that ends after the service closed the model closes nothing twice
        retirement.endGrace();
    }

    @Test
    void shouldCloseAModelAfterTheDelayOnTheRetirerThread() throws Exception {
        ServedModels.DelayedRetirement delayed = new ServedModels.DelayedRetirement(Duration.ofMillis(1));
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        String[] thread = new String[1];
        delayed.later(() -> {
            thread[0] = Thread.currentThread().getName();
            ran.countDown();
        });
        assertThat(ran.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(thread[0]).isEqualTo("linkcast-model-retirer");
        delayed.close();
    }

    /** Runs the closings when the test says. */
    private static final class ManualRetirement implements ServedModels.Retirement {
        final List<Runnable> pending = new ArrayList<>();
        boolean closed;

        @Override
        public void later(Runnable close) {
            pending.add(close);
        }

        void endGrace() {
            pending.forEach(Runnable::run);
            pending.clear();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
