package io.linkcast.ingest;

import java.nio.charset.StandardCharsets;

/** Writes an interaction in the contract's JSON form, as producers (and the replay command) send it. */
public final class InteractionJson {
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

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
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
                    if (c < 0x20) {
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
