package io.linkcast.model.nat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.state.compact.StatePrecision;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained NAT model on disk: a folder with {@value #PARAMETERS} (DJL {@code Block.saveParameters}),
 * {@value #CONFIG} (the full {@link NatConfig} as JSON, see {@link NatConfigJson}) and {@value #METRICS}
 * (whatever the trainer measured, as JSON). Loading checks that the parameters fit the configuration.
 */
public final class NatArtifact {
    public static final String PARAMETERS = "nat.params";
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.json";
    /** Format of the folder; bumped when its layout changes. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private NatArtifact() {
    }

    /** Writes {@code network}'s weights and configuration and {@code metrics} into {@code dir} (created if absent). */
    public static void save(Path dir, NatNetwork network, Map<String, ?> metrics) throws IOException {
        Objects.requireNonNull(network, "network");
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve(PARAMETERS))) {
            network.save(out);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", FORMAT);
        config.put("model", NatModel.NAME);
        config.put("config", NatConfigJson.write(JSON, network.config()));
        JSON.writeValue(dir.resolve(CONFIG).toFile(), config);
        JSON.writeValue(dir.resolve(METRICS).toFile(), metrics);
    }

    /**
     * Writes a training run: the best weights, the configuration, and as metrics the training configuration,
     * the best epoch and every epoch's measurements.
     */
    public static void save(Path dir, NatTrainingResult result, NatTrainingConfig training) throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("training", training);
        metrics.put("bestEpoch", result.bestEpoch());
        metrics.put("best", result.best());
        metrics.put("epochs", result.epochs());
        save(dir, result.network(), metrics);
    }

    /**
     * A model over the weights stored in {@code dir}, named after the folder, at the default backend and
     * precision. The caller closes {@code model.network()} when done.
     */
    public static NatModel loadModel(Path dir, Device device) throws IOException {
        return loadModel(dir, device, InferenceBackend.AUTO, StatePrecision.COMPACT);
    }

    /** {@link #loadModel(Path, Device)}, inferring with {@code backend} and keeping records at {@code precision}. */
    public static NatModel loadModel(Path dir, Device device, InferenceBackend backend, StatePrecision precision)
            throws IOException {
        return new NatModel(load(dir, device), version(dir), backend, precision);
    }

    /**
     * What predictions print as NAT's version: the artifact folder's name and the first 8 hex digits of
     * the sha256 of its weights, so two trainings written to folders of the same name stay apart.
     */
    static String version(Path dir) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(dir.resolve(PARAMETERS)));
            return dir.toAbsolutePath().normalize().getFileName() + ":" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    /** The configuration stored in {@code dir}. */
    public static NatConfig readConfig(Path dir) throws IOException {
        var root = JSON.readTree(dir.resolve(CONFIG).toFile());
        int format = root.path("format").asInt(-1);
        if (format != FORMAT || !NatModel.NAME.equals(root.path("model").asText())) {
            throw new IOException("not a NAT artifact of format " + FORMAT + ": " + dir.resolve(CONFIG)
                    + " has model=" + root.path("model").asText() + ", format=" + format);
        }
        return NatConfigJson.read(JSON, root.get("config"), dir.resolve(CONFIG));
    }

    /** The metrics stored in {@code dir}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMetrics(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(METRICS).toFile(), Map.class);
    }

    /** The network stored in {@code dir}, on {@code device}. */
    public static NatNetwork load(Path dir, Device device) throws IOException {
        NatConfig config = readConfig(dir);
        try (InputStream in = Files.newInputStream(dir.resolve(PARAMETERS))) {
            return NatNetwork.load(config, in, device);
        }
    }

    /** JSON of a value (records, lists, maps), as the artifact writes it. */
    static String toJson(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }
}
