package io.linkcast.model.semba;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.linkcast.model.eval.HistoryFeatures;
import java.util.Objects;

/**
 * Hyper-parameters of a SEMBA model, validated; stored as JSON beside the model's parameters.
 *
 * <p>Defaults follow semba-spec section 5 (memory 64, time encoding 32, embedding 64, 8 heads) with a bounded
 * neighbour list of 20 (spec section 10).
 *
 * @param task what the model predicts, and so which heads are trained
 * @param memoryDim floats per memory, in [1, 1024]
 * @param timeDim size of the time encoding, in [1, 1024]
 * @param embeddingDim size of a node embedding, in [1, 4096], a multiple of {@code heads}
 * @param heads attention heads, in [1, embeddingDim]
 * @param neighbours recent signed neighbours kept per node, in [1, 255]
 * @param balance true: positive and negative memories updated by the balance rule; false: one memory (ablation)
 * @param attention true: attention over the recent neighbours; false: the embedding is a linear map of the
 *     memories (ablation "memory only")
 * @param extension extra decoder inputs
 * @param decoderHidden width of the decoder's hidden ReLU layer, or 0 for the paper's linear decoder; in [0, 4096]
 * @param weightScale factor applied to |weight| in messages and to the signed weight target, in (0, 1e6]
 *     (0.1 maps Bitcoin ratings -10..10 to -1..1)
 * @param timeScaleSeconds τ of the time encoding: a gap of Δt seconds is encoded from ln(1 + Δt / τ), in
 *     (0, 1e12]
 */
public record SembaConfig(SembaTask task, int memoryDim, int timeDim, int embeddingDim, int heads, int neighbours,
        boolean balance, boolean attention, SembaExtension extension, int decoderHidden, double weightScale,
        double timeScaleSeconds) {

    public SembaConfig {
        Objects.requireNonNull(task, "task (one of sign, link, signlink, weight)");
        Objects.requireNonNull(extension, "extension (one of none, history)");
        check("memoryDim", memoryDim, 1, 1024);
        check("timeDim", timeDim, 1, 1024);
        check("embeddingDim", embeddingDim, 1, 4096);
        check("heads", heads, 1, embeddingDim);
        if (embeddingDim % heads != 0) {
            throw new IllegalArgumentException(
                    "embeddingDim must be a multiple of heads=" + heads + ", got " + embeddingDim);
        }
        check("neighbours", neighbours, 1, 255);
        check("decoderHidden", decoderHidden, 0, 4096);
        if (!(weightScale > 0 && weightScale <= 1e6)) {
            throw new IllegalArgumentException("weightScale must be in (0, 1e6], got " + weightScale);
        }
        if (!(timeScaleSeconds > 0 && timeScaleSeconds <= 1e12)) {
            throw new IllegalArgumentException("timeScaleSeconds must be in (0, 1e12], got " + timeScaleSeconds);
        }
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** The defaults for {@code task}: full SEMBA (balance + attention), no extension, linear decoder. */
    public static SembaConfig defaults(SembaTask task) {
        return new SembaConfig(task, 64, 32, 64, 8, 20, true, true, SembaExtension.NONE, 0, 0.1, 1.0);
    }

    public SembaConfig withTask(SembaTask value) {
        return new SembaConfig(value, memoryDim, timeDim, embeddingDim, heads, neighbours, balance, attention,
                extension, decoderHidden, weightScale, timeScaleSeconds);
    }

    public SembaConfig withDimensions(int memory, int time, int embedding, int headCount, int neighbourCount) {
        return new SembaConfig(task, memory, time, embedding, headCount, neighbourCount, balance, attention,
                extension, decoderHidden, weightScale, timeScaleSeconds);
    }

    public SembaConfig withBalance(boolean value) {
        return new SembaConfig(task, memoryDim, timeDim, embeddingDim, heads, neighbours, value, attention,
                extension, decoderHidden, weightScale, timeScaleSeconds);
    }

    public SembaConfig withAttention(boolean value) {
        return new SembaConfig(task, memoryDim, timeDim, embeddingDim, heads, neighbours, balance, value,
                extension, decoderHidden, weightScale, timeScaleSeconds);
    }

    public SembaConfig withExtension(SembaExtension value) {
        return new SembaConfig(task, memoryDim, timeDim, embeddingDim, heads, neighbours, balance, attention,
                value, decoderHidden, weightScale, timeScaleSeconds);
    }

    public SembaConfig withDecoderHidden(int value) {
        return new SembaConfig(task, memoryDim, timeDim, embeddingDim, heads, neighbours, balance, attention,
                extension, value, weightScale, timeScaleSeconds);
    }

    public SembaConfig withWeightScale(double value) {
        return new SembaConfig(task, memoryDim, timeDim, embeddingDim, heads, neighbours, balance, attention,
                extension, decoderHidden, value, timeScaleSeconds);
    }

    /** 2 with the balance rule, 1 for the one-memory ablation. */
    @JsonIgnore
    public int memories() {
        return balance ? 2 : 1;
    }

    /** Floats of a node's memories together (and of each neighbour snapshot). */
    @JsonIgnore
    public int memoryWidth() {
        return memories() * memoryDim;
    }

    @JsonIgnore
    public int headDim() {
        return embeddingDim / heads;
    }

    /** Extra decoder inputs per pair. */
    @JsonIgnore
    public int pairFeatures() {
        return extension == SembaExtension.HISTORY ? HistoryFeatures.COUNT : 0;
    }

    /** A short description of the variant, e.g. {@code sign/balance/attention/history}. */
    @JsonIgnore
    public String variant() {
        return task.id() + "/" + (balance ? "balance" : "one-memory") + "/" + (attention ? "attention" : "memory-only")
                + "/" + extension.id();
    }
}
