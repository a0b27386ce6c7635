package io.linkcast.ingest;

import java.util.Objects;

/** The outcome of parsing one record: an accepted interaction, or a rejection with its reason. */
public sealed interface ParseResult {

    record Accepted(Interaction interaction) implements ParseResult {
        public Accepted {
            Objects.requireNonNull(interaction, "interaction");
        }
    }

    record Rejected(RejectReason reason, String detail) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
