package io.linkcast.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Parses and validates the JSON interaction contract:
 * {@code {"src": ..., "dst": ..., "t": ..., "sign": ..., "weight": ..., "id": ...}}.
 *
 * <p>{@code src}, {@code dst}: a non-empty string or an integer. {@code t}: a finite number (seconds).
 * Optional {@code sign}: +1 or -1. Optional {@code weight}: a finite number. Optional {@code id}: a string or
 * an integer. Any other field, a duplicate field, or trailing content is refused, so a typo never passes
 * silently. Thread-safe.
 */
public final class InteractionParser {
    /** Default size limit of one record. */
    public static final int DEFAULT_MAX_BYTES = 4096;
    private static final int MAX_ID_CHARS = 256;
    private static final Set<String> FIELDS = Set.of("src", "dst", "t", "sign", "weight", "id");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // NaN and Infinity are not JSON, but common producers (Python's json.dumps) write them: accept the
            // tokens so that such a record is refused as non_finite_time / invalid_weight, not as invalid_json
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private final int maxBytes;

    public InteractionParser(int maxBytes) {
        if (maxBytes < 16) {
            throw new IllegalArgumentException("maxBytes must be >= 16, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public InteractionParser() {
        this(DEFAULT_MAX_BYTES);
    }

    public ParseResult parse(byte[] value) {
        if (value == null || value.length == 0) {
            return reject(RejectReason.EMPTY_RECORD, "record has no value");
        }
        if (value.length > maxBytes) {
            return reject(RejectReason.OVERSIZED_RECORD, value.length + " bytes, limit " + maxBytes);
        }
        JsonNode root;
        try (JsonParser p = mapper.createParser(value)) {
            root = mapper.readTree(p);
            if (root == null) {
                return reject(RejectReason.INVALID_JSON, "no JSON value");
            }
            if (p.nextToken() != null) {
                return reject(RejectReason.INVALID_JSON, "trailing content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            return reject(RejectReason.INVALID_JSON, String.valueOf(e.getOriginalMessage()));
        } catch (IOException e) {
            return reject(RejectReason.INVALID_JSON, String.valueOf(e.getMessage()));
        }
        if (!root.isObject()) {
            return reject(RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + root.getNodeType());
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                return reject(RejectReason.UNKNOWN_FIELD, "unknown field '" + f + "'; allowed: src, dst, t, sign, weight, id");
            }
        }
        for (String required : new String[] {"src", "dst", "t"}) {
            if (!root.hasNonNull(required)) {
                return reject(RejectReason.MISSING_FIELD, "field '" + required + "' is missing or null");
            }
        }
        String src = idText(root.get("src"));
        if (src == null) {
            return badId("src", root.get("src"));
        }
        String dst = idText(root.get("dst"));
        if (dst == null) {
            return badId("dst", root.get("dst"));
        }
        JsonNode tNode = root.get("t");
        if (!tNode.isNumber()) {
            return reject(RejectReason.WRONG_TYPE, "field 't' must be a number, got " + tNode.getNodeType());
        }
        double t = tNode.asDouble();
        if (!Double.isFinite(t)) {
            return reject(RejectReason.NON_FINITE_TIME, "field 't' is not finite: " + tNode.asText());
        }
        int sign = 0;
        JsonNode sNode = root.get("sign");
        if (sNode != null && !sNode.isNull()) {
            if (!sNode.isNumber()) {
                return reject(RejectReason.WRONG_TYPE, "field 'sign' must be a number, got " + sNode.getNodeType());
            }
            double s = sNode.asDouble();
            if (s != 1.0 && s != -1.0) {
                return reject(RejectReason.INVALID_SIGN, "field 'sign' must be +1 or -1, got " + sNode.asText());
            }
            sign = (int) s;
        }
        double weight = Double.NaN;
        JsonNode wNode = root.get("weight");
        if (wNode != null && !wNode.isNull()) {
            if (!wNode.isNumber()) {
                return reject(RejectReason.WRONG_TYPE, "field 'weight' must be a number, got " + wNode.getNodeType());
            }
            weight = wNode.asDouble();
            if (!Double.isFinite(weight)) {
                return reject(RejectReason.INVALID_WEIGHT, "field 'weight' is not finite: " + wNode.asText());
            }
        }
        String id = null;
        JsonNode idNode = root.get("id");
        if (idNode != null && !idNode.isNull()) {
            id = idText(idNode);
            if (id == null) {
                return badId("id", idNode);
            }
        }
        return new ParseResult.Accepted(Interaction.of(src, dst, t, sign, weight, id));
    }

    /** The id as text, or null if it is not a string or an integer of 1..MAX_ID_CHARS characters. */
    private static String idText(JsonNode n) {
        String s;
        if (n.isTextual()) {
            s = n.textValue();
        } else if (n.isIntegralNumber()) {
            s = n.bigIntegerValue().toString();
        } else {
            return null;
        }
        return s.isEmpty() || s.length() > MAX_ID_CHARS ? null : s;
    }

    private static ParseResult badId(String field, JsonNode n) {
        if (n.isTextual() || n.isIntegralNumber()) {
            int length = n.isTextual() ? n.textValue().length() : n.bigIntegerValue().toString().length();
            return reject(RejectReason.INVALID_ID, "field '" + field + "' must be 1.." + MAX_ID_CHARS
                    + " characters, got " + length);
        }
        return reject(RejectReason.WRONG_TYPE, "field '" + field + "' must be a string or an integer, got "
                + (n.isNumber() ? "a non-integer number" : n.getNodeType().toString()));
    }

    private static ParseResult reject(RejectReason reason, String detail) {
        return new ParseResult.Rejected(reason, detail);
    }
}
