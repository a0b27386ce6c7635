package io.linkcast.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Writes an interaction in the contract's JSON form, as producers (and the replay command) send it.
 *
 * <p>Canonical integer ids are written as JSON numbers, every other id as a string; optional fields are
 * written only when present. {@link InteractionParser} reads back an equal {@link Interaction}.
 */
public final class InteractionJson {
    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    private InteractionJson() {
    }

    public static byte[] encode(Interaction e) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{\"src\":");
        id(sb, e.srcKey());
        sb.append(",\"dst\":");
        id(sb, e.dstKey());
        sb.append(",\"t\":").append(number(e.t()));
        if (e.hasSign()) {
            sb.append(",\"sign\":").append(e.sign());
        }
        if (e.hasWeight()) {
            sb.append(",\"weight\":").append(number(e.weight()));
        }
        if (e.id() != null) {
            sb.append(",\"id\":");
            string(sb, e.id());
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void id(StringBuilder sb, String key) {
        if (NodeIds.isCanonicalNonNegativeLong(key)) {
            sb.append(key);
        } else {
            string(sb, key);
        }
    }

    /** The shortest text that reads back as exactly {@code v}: integers without a decimal point. */
    static String number(double v) {
        // -0.0 must keep its sign: records compare doubles with Double.compare, so 0 would not round-trip
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.doubleToRawLongBits(v) != NEGATIVE_ZERO_BITS) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // surrogates are escaped so a lone one survives (raw, UTF-8 would turn it into '?')
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
