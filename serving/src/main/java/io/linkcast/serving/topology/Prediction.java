package io.linkcast.serving.topology;

import java.util.Objects;

/**
 * The prediction published for one accepted event, made from the state before the event.
 *
 * @param partition partition of the input record
 * @param offset offset of the input record: with the partition, the event's position
 * @param src external source id
 * @param dst external destination id
 * @param t event time (seconds)
 * @param id the producer's event id, or null
 * @param pLink probability of the link (NaN if no model predicts it)
 * @param pPositive probability that the sign is +1 (NaN if no model predicts it)
 * @param weight expected signed weight (NaN if no model predicts it)
 * @param model model name
 * @param version model version
 * @param latencyMs milliseconds from the input record's timestamp to the prediction
 */
public record Prediction(
        int partition, long offset, String src, String dst, double t, String id,
        float pLink, float pPositive, float weight, String model, String version, double latencyMs) {
    public Prediction {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
    }
}
