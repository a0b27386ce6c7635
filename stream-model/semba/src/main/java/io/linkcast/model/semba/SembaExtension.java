package io.linkcast.model.semba;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Inputs the decoder reads besides the two endpoint embeddings. */
public enum SembaExtension {
    /** The paper's decoder: the two embeddings only. */
    NONE,
    /**
     * Also the {@link io.linkcast.model.eval.HistoryFeatures} of the two endpoints (degrees, negative fractions, mean ratings, the
     * previous signs between the pair, time since the last event), computed from the two node records.
     */
    HISTORY;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SembaExtension of(String id) {
        for (SembaExtension e : values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown SEMBA extension '" + id + "'; allowed: "
                + Arrays.stream(values()).map(SembaExtension::id).toList());
    }
}
