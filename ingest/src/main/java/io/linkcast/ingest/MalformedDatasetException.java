package io.linkcast.ingest;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset file that does not follow its format; the message names the file, the line and the reason. */
public final class MalformedDatasetException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long line;

    public MalformedDatasetException(Path file, long line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
