package io.linkcast.model.nat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link NatConfig} as the {@code config} object of an artifact's config.json (format {@value NatArtifact#FORMAT}).
 *
 * <p>Format 1 also names four modes that were settings once and are now what every served record means
 * ({@link ServedSlotSemantics}). They are still written, with their served values and at their old places, so
 * that the file is byte for byte what earlier builds wrote and those builds can load it. Reading accepts them
 * with those values, or absent, and refuses any other value (the original code's modes, which no served model
 * runs) naming the key, rather than loading weights trained for other inputs.
 */
final class NatConfigJson {

    /** A retired setting, the only value it may have, and the key it was written just before. */
    private record FixedMode(String key, String servedValue, String writtenBefore) {
    }

    private static final List<FixedMode> FIXED = List.of(
            new FixedMode("hashing", "MIX64", "hashSeed"),
            new FixedMode("timeEncoding", "DELTA", "coinSeed"),
            new FixedMode("valueMask", "WRITTEN", "coinSeed"),
            new FixedMode("neighbourSelf", "SNAPSHOT", "coinSeed"));

    private NatConfigJson() {
    }

    /** {@code config} as written into config.json. */
    static ObjectNode write(ObjectMapper json, NatConfig config) {
        ObjectNode fields = json.valueToTree(config);
        ObjectNode out = json.createObjectNode();
        fields.fields().forEachRemaining(field -> {
            for (FixedMode mode : FIXED) {
                if (mode.writtenBefore().equals(field.getKey())) {
                    out.put(mode.key(), mode.servedValue());
                }
            }
            out.set(field.getKey(), field.getValue());
        });
        return out;
    }

    /** The configuration in {@code config}, the {@code config} object of {@code file}. */
    static NatConfig read(ObjectMapper json, JsonNode config, Path file) throws IOException {
        if (!(config instanceof ObjectNode object)) {
            throw new IOException(file + " has no config object");
        }
        ObjectNode settings = object.deepCopy();
        for (FixedMode mode : FIXED) {
            JsonNode value = settings.remove(mode.key());
            if (value != null && !mode.servedValue().equals(value.asText())) {
                throw new IOException(file + ": config." + mode.key() + " is " + value + ", but linkcast serves only "
                        + mode.key() + " = " + mode.servedValue() + " (the original NAT code's modes are not served; "
                        + "retrain the model with this build)");
            }
        }
        return json.treeToValue(settings, NatConfig.class);
    }
}
