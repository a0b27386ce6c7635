package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WrkQueryLoadTest {

    private static QueryLoad.Result parse(String wrkOutput) throws IOException {
        return WrkQueryLoad.parse(new ByteArrayInputStream(wrkOutput.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void answersAndRefusalsAreCountedAndTimedApartFromTheScriptsBuckets() throws IOException {
        // 99 answers at 1.00-1.01 ms and one at 50 ms; 10 refusals at 0.2 ms; one 404 and two socket errors
        QueryLoad.Result r = parse("""
                Running 2s test @ http://127.0.0.1:1/v1/score
                LINKCAST ok 100 99
                LINKCAST ok 5000 1
                LINKCAST refused 20 10
                LINKCAST other 30 1
                LINKCASTERR 404 {"error": "no such endpoint"}
                LINKCASTSOCKET 2
                LINKCASTSECONDS 2.0
                """);
        assertThat(r.answered()).isEqualTo(100);
        assertThat(r.refused()).isEqualTo(10);
        assertThat(r.errors()).isEqualTo(3);
        assertThat(r.answeredPerSecond()).isEqualTo(50.0);
        assertThat(r.p50Ms()).isBetween(1.0, 1.02);
        assertThat(r.p99Ms()).isBetween(1.0, 1.02);
        assertThat(r.refusedP99Ms()).isBetween(0.2, 0.22);
        assertThat(r.firstError()).isEqualTo("404 {\"error\": \"no such endpoint\"}");
    }

    @Test
    void aRunWithoutTheScriptsSummaryIsAnErrorThatShowsWhatWrkSaid() {
        assertThatThrownBy(() -> parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void theScriptGetsTheNodesSeedAndEventTime() throws IOException {
        String script = WrkQueryLoad.script(300, 7, 12.5);
        assertThat(script).contains("local NODES, SEED, T = 300, 7, 12.500").doesNotContain("@");
    }
}
