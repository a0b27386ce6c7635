package io.linkcast.serving;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Who may do what over HTTP. Mutating calls (the hot swap) need {@code Authorization: Bearer <adminToken>} and are
 * off while no admin token is set; reads are open unless a read token is set, and then need it (or the admin
 * token). A swap names a model artifact inside {@code modelsDir}, never a path, so a caller cannot make the
 * service read anything else on the file system.
 *
 * @param adminToken the bearer token of mutating calls; empty = they are off
 * @param readToken the bearer token of reads (metrics, dashboard and health stay open); empty = reads are open
 * @param modelsDir where swappable artifacts live, one directory per name; null = no swaps
 */
public record HttpAccess(String adminToken, String readToken, Path modelsDir) {
    /** What a model name may look like: a directory name, no separators, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public HttpAccess {
        adminToken = adminToken == null ? "" : adminToken;
        readToken = readToken == null ? "" : readToken;
    }

    boolean adminEnabled() {
        return !adminToken.isEmpty();
    }

    boolean mayAdminister(String authorization) {
        return adminEnabled() && matches(authorization, adminToken);
    }

    boolean mayRead(String authorization) {
        return readToken.isEmpty() || matches(authorization, readToken) || mayAdminister(authorization);
    }

    /** The artifact directory of a model name, or null when the name is not one (a path, "..", odd characters). */
    Path artifact(String name) {
        if (modelsDir == null || name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            return null;
        }
        return modelsDir.resolve(name);
    }

    private static boolean matches(String authorization, String token) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        // constant time, so the answer's timing does not leak how much of a guess was right
        return MessageDigest.isEqual(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
