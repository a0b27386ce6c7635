package io.linkcast.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Maps external node ids to stable 64-bit internal ids (architecture contract 7).
 *
 * <p>A canonical non-negative decimal integer below 2^63 maps to itself, so datasets with integer ids
 * keep them (code that needs the raw id, like the original NAT hash that the parity replay reproduces, sees
 * the same numbers as the original code). Every other id maps to a 64-bit FNV-1a hash of its UTF-8 bytes
 * with the top bit set, so the two ranges never overlap. The mapping is a pure function: every instance and
 * every restart agree.
 */
public final class NodeIds {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private NodeIds() {
    }

    public static long internalId(String external) {
        if (isCanonicalNonNegativeLong(external)) {
            return Long.parseLong(external);
        }
        long h = FNV_OFFSET;
        for (byte b : external.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        return h | Long.MIN_VALUE;
    }

    /** True for ids that {@link #internalId} maps to themselves ("0", "17"; not "017", "-3" or "1e3"). */
    public static boolean isCanonicalNonNegativeLong(String s) {
        int n = s.length();
        if (n == 0 || n > 19 || (n > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return n < 19 || s.compareTo("9223372036854775807") <= 0;
    }
}
