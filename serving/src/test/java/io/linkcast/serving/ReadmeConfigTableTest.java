package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the one the keys' definitions render: it cannot drift from the code. */
class ReadmeConfigTableTest {

    @Test
    void theReadmesTableIsTheRenderedDefinition() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("| key | default | values | meaning |");
        assertThat(start).as("the README's configuration table").isGreaterThan(0);
        int end = readme.indexOf("\n\n", start);
        assertThat(readme.substring(start, end + 1))
                .as("README.md's configuration table (./linkcast config prints the current one)")
                .isEqualTo(ConfigKeys.markdownTable());
    }

    @Test
    void everyKeyIsDocumentedAndItsDefaultIsValid() {
        for (var k : ConfigKeys.DEFINITION.configKeys().values()) {
            assertThat(k.documentation).as(k.name).isNotBlank();
            if (k.validator != null) {
                k.validator.ensureValid(k.name, k.defaultValue);
            }
        }
        assertThat(ConfigKeys.parse(java.util.Map.of())).hasSize(ConfigKeys.DEFINITION.configKeys().size());
    }
}
