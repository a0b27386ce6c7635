package io.linkcast.ingest;

/** Why a record was refused; each reason has its own counter and appears on the dead-letter record. */
public enum RejectReason {
    EMPTY_RECORD("empty_record"),
    OVERSIZED_RECORD("oversized_record"),
    INVALID_JSON("invalid_json"),
    NOT_AN_OBJECT("not_an_object"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    INVALID_ID("invalid_id"),
    NON_FINITE_TIME("non_finite_time"),
    INVALID_SIGN("invalid_sign"),
    INVALID_WEIGHT("invalid_weight"),
    UNKNOWN_FIELD("unknown_field"),
    /** Accepted, but the model failed on it; the other events of its batch were predicted as usual. */
    PROCESSING_FAILED("processing_failed");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    /** The stable snake_case name used in metrics, headers and logs. */
    public String label() {
        return label;
    }

    /** The reason whose {@link #label()} is {@code label}. */
    public static RejectReason fromLabel(String label) {
        for (RejectReason r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (RejectReason r : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(r.label);
        }
        throw new IllegalArgumentException("unknown reject reason '" + label + "'; allowed: " + allowed);
    }
}
