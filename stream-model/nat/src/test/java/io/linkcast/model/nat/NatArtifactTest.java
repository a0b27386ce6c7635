package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.compact.StatePrecision;
import io.linkcast.state.nat.NatNodeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * config.json of a NAT artifact, byte for byte, and a model loaded from the folder. The original code's modes
 * are no longer settings, yet the file names them with the served values as earlier builds wrote it (so each
 * build reads the other's), a file without them reads too, and a mode of the original code is refused by name.
 */
class NatArtifactTest {
    /** config.json of {@link NatConfig#defaults()}, as every build so far has written it. */
    private static final String DEFAULTS_FILE = """
            {
              "format" : 1,
              "model" : "nat",
              "config" : {
                "m1" : 32,
                "m2" : 16,
                "valueDim" : 4,
                "selfDim" : 72,
                "positionDim" : 16,
                "timeDim" : 10,
                "pairDim" : 172,
                "edgeFeatureDim" : 0,
                "heads" : 2,
                "alpha" : 0.9,
                "dropout" : 0.1,
                "hashing" : "MIX64",
                "hashSeed" : -7046029254386353131,
                "timeEncoding" : "DELTA",
                "valueMask" : "WRITTEN",
                "neighbourSelf" : "SNAPSHOT",
                "coinSeed" : 25214903917
              }
            }""";

    @Test
    void shouldWriteTheDefaultsConfigFileAndLoadAModelThatPredictsIdentically(@TempDir Path dir)
            throws IOException {
        List<SequencedEvent> stream = NatTestSupport.syntheticStream(3, 300, 30);
        try (NatNetwork network = NatNetwork.create(NatConfig.defaults(), 4, Device.cpu())) {
            NatArtifact.save(dir, network, Map.of("seed", 4));
            assertThat(Files.readString(dir.resolve(NatArtifact.CONFIG))).isEqualTo(DEFAULTS_FILE);
            assertThat(NatArtifact.readConfig(dir)).isEqualTo(NatConfig.defaults());
            try (NatModel loaded = NatArtifact.loadModel(dir, Device.cpu(), InferenceBackend.DJL,
                    StatePrecision.COMPACT)) {
                assertThat(replay(loaded, stream)).containsExactly(replay(new NatModel(network, "memory"), stream));
            }
            ModelLoaders loaders = new ModelLoaders(List.of(new NatModelLoader()));
            try (NatModel fp32 = (NatModel) loaders.withPrecision(StatePrecision.FP32).withBackend(InferenceBackend.DJL)
                    .load(dir)) {
                assertThat(fp32.precision()).isEqualTo(StatePrecision.FP32);
                assertThat(fp32.backend()).isEqualTo(InferenceBackend.DJL);
            }
        }
    }

    @Test
    void shouldReadAConfigThatNoLongerNamesTheModes(@TempDir Path dir) throws IOException {
        String without = DEFAULTS_FILE.lines()
                .filter(l -> !l.matches(".*\"(hashing|timeEncoding|valueMask|neighbourSelf)\".*"))
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        Files.writeString(dir.resolve(NatArtifact.CONFIG), without);
        assertThat(NatArtifact.readConfig(dir)).isEqualTo(NatConfig.defaults());
    }

    @ParameterizedTest
    @CsvSource({"hashing, MIX64, ORIGINAL", "timeEncoding, DELTA, ABSOLUTE", "valueMask, WRITTEN, NONZERO_TIMESTAMP",
        "neighbourSelf, SNAPSHOT, LIVE"})
    void shouldRefuseAModeOfTheOriginalCodeByName(String key, String served, String original, @TempDir Path dir)
            throws IOException {
        String line = "\"" + key + "\" : \"" + served + "\"";
        assertThat(DEFAULTS_FILE).contains(line);
        Files.writeString(dir.resolve(NatArtifact.CONFIG),
                DEFAULTS_FILE.replace(line, "\"" + key + "\" : \"" + original + "\""));
        assertThatThrownBy(() -> NatArtifact.readConfig(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("config." + key + " is \"" + original + "\"")
                .hasMessageContaining(key + " = " + served);
    }

    private static float[] replay(NatModel model, List<SequencedEvent> events) {
        MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        List<ModelOutput> out = engine.process(events);
        float[] p = new float[out.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = out.get(i).pLink();
        }
        return p;
    }
}
