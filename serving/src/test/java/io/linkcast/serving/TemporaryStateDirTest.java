package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryStateDirTest {
    @TempDir
    Path dir;

    private static void fill(Path root) throws IOException {
        Files.createDirectories(root.resolve("kafka/interactions-0"));
        Files.writeString(root.resolve("kafka/interactions-0/00000000000000000000.log"), "records");
        Files.writeString(root.resolve("rocksdb.sst"), "state");
    }

    @Test
    void shouldDeleteTheStateDirectoryItMadeUpWhenNoneWasConfigured() throws IOException {
        ServiceConfig c = ConfigLoader.from(Map.of());
        Path state = c.stateDir();
        assertThat(state.resolve(TemporaryStateDir.MARKER)).exists();
        fill(state);
        TemporaryStateDir.deleteIfTemporary(state);
        assertThat(state).doesNotExist();
    }

    @Test
    void shouldKeepAConfiguredStateDirectory() throws IOException {
        ServiceConfig c = ConfigLoader.from(Map.of("state.dir", dir.toString()));
        fill(c.stateDir());
        TemporaryStateDir.deleteIfTemporary(c.stateDir());
        assertThat(c.stateDir().resolve("kafka/interactions-0/00000000000000000000.log")).exists();
        assertThat(c.stateDir().resolve("rocksdb.sst")).exists();
    }

    @Test
    void shouldDeleteATreeThatIsAlreadyPartlyGone() throws IOException {
        Path run = dir.resolve("run");
        fill(run);
        TemporaryStateDir.delete(run);
        TemporaryStateDir.delete(run);
        assertThat(run).doesNotExist();
        assertThat(dir).exists();
    }
}
