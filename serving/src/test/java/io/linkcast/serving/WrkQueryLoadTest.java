package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
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
    void wrkTimesEveryAnswerOfManyConnectionsOnFewThreadsByItsRequestId() throws Exception {
        WrkQueryLoad probe = WrkQueryLoad.onPath(1, 10, 1);
        Assumptions.assumeTrue(probe != null, "wrk is not installed (apt install wrk)");
        AtomicLong calls = new AtomicLong();
        // every third request refused; with 8 connections on at most 2 threads, answers interleave on a thread
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyServletContextHandler(h -> h.insertHandler(new RequestIdEcho()));
            cfg.routes.post("/v1/score", ctx -> ctx.status(calls.incrementAndGet() % 3 == 0 ? 503 : 200).result("{}"));
        }).start("127.0.0.1", 0);
        try {
            QueryLoad.Result r = WrkQueryLoad.onPath(app.port(), 10, 1).run(8, Duration.ofSeconds(1), 0);
            assertThat(r.errors()).as(String.valueOf(r.firstError())).isZero();
            assertThat(r.answered() + r.refused()).isGreaterThan(30);
            // wrk may stop with requests in flight, which it neither answers nor counts
            assertThat(r.answered() + r.refused()).isBetween(calls.get() - 8, calls.get());
            assertThat((double) r.refused() / (r.answered() + r.refused())).isBetween(0.3, 0.37);
            assertThat(r.refusedP99Ms()).isPositive();
        } finally {
            app.stop();
        }
    }

    @Test
    void aServiceThatDoesNotEchoTheRequestIdGivesErrors() throws Exception {
        WrkQueryLoad probe = WrkQueryLoad.onPath(1, 10, 1);
        Assumptions.assumeTrue(probe != null, "wrk is not installed (apt install wrk)");
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/v1/score", ctx -> ctx.result("{}"));
        }).start("127.0.0.1", 0);
        try {
            QueryLoad.Result r = WrkQueryLoad.onPath(app.port(), 10, 1).run(2, Duration.ofSeconds(1), 0);
            assertThat(r.answered()).isZero();
            assertThat(r.errors()).isPositive();
            assertThat(r.firstError()).contains("X-Request-Id");
        } finally {
            app.stop();
        }
    }

    @Test
    void everyConnectionIsOpenedThoughWrkSplitsThemEvenlyOverItsThreads() {
        assertThat(WrkQueryLoad.threads(64, 2)).isEqualTo(2);
        assertThat(WrkQueryLoad.threads(3, 2)).isEqualTo(1);
        assertThat(WrkQueryLoad.threads(9, 4)).isEqualTo(3);
        assertThat(WrkQueryLoad.threads(1, 16)).isEqualTo(1);
        assertThat(WrkQueryLoad.threads(16, 16)).isEqualTo(16);
    }

    @Test
    void theScriptGetsTheNodesSeedEventTimeAndConnections() throws IOException {
        String script = WrkQueryLoad.script(300, 7, 12.5, 64);
        assertThat(script).contains("local NODES, SEED, T = 300, 7, 12.500").contains("2 * 64").doesNotContain("@");
    }
}
