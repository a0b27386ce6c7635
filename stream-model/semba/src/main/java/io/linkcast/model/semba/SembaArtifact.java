package io.linkcast.model.semba;

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

/**
 * A trained SEMBA model on disk: a directory with
 * <ul>
 *   <li>{@value #CONFIG}: the {@link SembaConfig} as JSON (unknown keys are rejected when read);
 *   <li>{@value #PARAMETERS}: the parameters in DJL's encoding ({@link SembaParameters#save});
 *   <li>{@value #METRICS}: the {@link SembaTrainingMetrics} of the run that produced it.
 * </ul>
 */
public final class SembaArtifact {
    public static final String CONFIG = "semba-config.json";
    public static final String PARAMETERS = "semba.params";
    public static final String METRICS = "metrics.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private SembaArtifact() {
    }

    /** Writes the model and the metrics of its run into {@code dir}, creating it if needed. */
    public static void save(Path dir, SembaModel model, SembaTrainingMetrics metrics) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(CONFIG).toFile(), model.config());
        try (OutputStream out = Files.newOutputStream(dir.resolve(PARAMETERS))) {
            model.saveParameters(out);
        }
        JSON.writeValue(dir.resolve(METRICS).toFile(), metrics);
    }

    /** Whether {@code dir} looks like a SEMBA artifact. */
    public static boolean isArtifact(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG)) && Files.isRegularFile(dir.resolve(PARAMETERS));
    }

    public static SembaConfig readConfig(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(CONFIG).toFile(), SembaConfig.class);
    }

    public static SembaTrainingMetrics readMetrics(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(METRICS).toFile(), SembaTrainingMetrics.class);
    }

    /** The model saved in {@code dir}, at the default backend and precision; close it. */
    public static SembaModel load(Path dir) throws IOException {
        return load(dir, InferenceBackend.AUTO, StatePrecision.COMPACT);
    }

    /**
     * The model saved in {@code dir}, inferring with {@code backend} and keeping its records at {@code precision};
     * close it.
     */
    public static SembaModel load(Path dir, InferenceBackend backend, StatePrecision precision) throws IOException {
        SembaConfig config = readConfig(dir);
        try (InputStream in = Files.newInputStream(dir.resolve(PARAMETERS))) {
            return SembaModel.load(config, in, backend, precision);
        }
    }

    /** JSON of a config, as written in the artifact. */
    public static String toJson(SembaConfig config) throws IOException {
        return JSON.writeValueAsString(config);
    }

    public static SembaConfig configFromJson(String json) throws IOException {
        return JSON.readValue(json, SembaConfig.class);
    }
}
