package io.linkcast.model.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which data a report is about.
 *
 * @param file the dataset file as given
 * @param sha256 hex SHA-256 of the file's bytes as stored (of the .gz for a compressed file, matching
 *     the data folder's SHA256SUMS)
 * @param events events read from it
 */
public record DatasetInfo(String file, String sha256, int events) {
    public DatasetInfo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, got " + events);
        }
    }

    public static DatasetInfo of(Path file, int events) throws IOException {
        return new DatasetInfo(file.toString(), sha256(file), events);
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
