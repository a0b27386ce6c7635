package io.linkcast.serving.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of a prediction (the predictions topic's contract). Quantities a model does not predict
 * are written as null.
 */
public final class PredictionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PredictionJson() {
    }

    public static byte[] encode(Prediction p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("partition", p.partition());
        n.put("offset", p.offset());
        n.put("src", p.src());
        n.put("dst", p.dst());
        n.put("t", p.t());
        if (p.id() != null) {
            n.put("id", p.id());
        }
        putFloat(n, "p_link", p.pLink());
        putFloat(n, "p_positive", p.pPositive());
        putFloat(n, "weight", p.weight());
        n.put("model", p.model());
        n.put("version", p.version());
        n.put("latency_ms", Math.round(p.latencyMs() * 1000.0) / 1000.0);
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Prediction decode(byte[] json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return new Prediction(n.get("partition").asInt(), n.get("offset").asLong(), n.get("src").asText(),
                    n.get("dst").asText(), n.get("t").asDouble(), n.hasNonNull("id") ? n.get("id").asText() : null,
                    getFloat(n, "p_link"), getFloat(n, "p_positive"), getFloat(n, "weight"),
                    n.get("model").asText(), n.get("version").asText(), n.get("latency_ms").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putFloat(ObjectNode n, String field, float v) {
        if (Float.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static float getFloat(JsonNode n, String field) {
        return n.hasNonNull(field) ? (float) n.get(field).asDouble() : Float.NaN;
    }
}
