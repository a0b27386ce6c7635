package io.linkcast.model.semba;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a SEMBA model is trained for (semba-spec section 4) and therefore which fields of its
 * {@link io.linkcast.model.engine.ModelOutput} it fills; the others stay NaN.
 */
public enum SembaTask {
    /** Link sign: P(sign = +) of an event known to exist; fills {@code pPositive}. */
    SIGN,
    /** Link existence against sampled non-edges; fills {@code pLink}. */
    LINK,
    /** Signed link existence, 3 classes (+, -, no link); fills {@code pLink} and {@code pPositive}. */
    SIGNLINK,
    /** Signed weight regression; fills {@code weight}. */
    WEIGHT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task named {@code id} (sign, link, signlink, weight). */
    @JsonCreator
    public static SembaTask of(String id) {
        for (SembaTask t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown SEMBA task '" + id + "'; allowed: "
                + Arrays.stream(values()).map(SembaTask::id).toList());
    }

    /** Whether training needs sampled non-edges. */
    public boolean needsNegatives() {
        return this == LINK || this == SIGNLINK;
    }
}
