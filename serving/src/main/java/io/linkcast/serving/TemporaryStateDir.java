package io.linkcast.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A state directory that linkcast created because none was configured: RocksDB stores and the embedded broker's
 * log of one run, which no later run can find again (each gets a new directory). It is marked by a file inside,
 * and deleted when the run ends. Without this, every demo, serve and bench run left its state behind, until
 * the disk filled (docs/results.md, "Figures behind the code").
 */
final class TemporaryStateDir {
    /** File inside a directory linkcast created and may delete. */
    static final String MARKER = ".linkcast-temporary";

    private TemporaryStateDir() {
    }

    /** A new marked directory under the system's temporary directory. */
    static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.createFile(dir.resolve(MARKER));
        return dir;
    }

    /** Deletes {@code dir} and everything in it if it carries the marker; a configured directory is left alone. */
    static void deleteIfTemporary(Path dir) {
        if (Files.exists(dir.resolve(MARKER))) {
            delete(dir);
        }
    }

    /** Deletes {@code dir} and everything in it (nothing if it does not exist). */
    static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
