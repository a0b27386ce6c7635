package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refusal in front of the servlet layer: while the score queue is full, {@code POST /v1/score} gets 503 with
 * Retry-After from Jetty; everything else, and a caller the read token does not admit, still reaches the API's own
 * routes. The queue is filled for real: a worker held inside its wave, one request waiting behind it.
 */
class ScoreRefusalTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch scoring = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();
    private QueryGate gate;
    private ScoreWaves waves;
    private Javalin app;

    @BeforeEach
    void fillTheQueue() throws InterruptedException {
        gate = new QueryGate(1, 1, 10_000, registry);
        waves = new ScoreWaves(queries -> {
            scoring.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return queries.stream().map(q -> new ModelOutput(0.5f, Float.NaN, 1f)).toList();
        }, gate, 1, 10_000, 1_000, registry);
        CompletableFuture<List<ModelOutput>> inWave = waves.submit(List.of(new Query(1, 2, 0)));
        assertThat(scoring.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<ModelOutput>> waiting = waves.submit(List.of(new Query(3, 4, 0)));
        assertThat(waves.full()).isTrue();
        assertThat(registry.get("linkcast_score_requests_waiting").gauge().value()).isEqualTo(1.0);
        assertThat(inWave).isNotDone();
        assertThat(waiting).isNotDone();
    }

    private void start(HttpAccess access) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyServletContextHandler(h -> HttpApi.insertFront(h, waves, gate, access));
            cfg.routes.post("/v1/score", ctx -> ctx.status(200).result("reached the API"));
            cfg.routes.post("/v1/other", ctx -> ctx.status(200).result("reached the API"));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (app != null) {
            app.stop();
        }
        waves.close();
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"src\":\"1\",\"dst\":\"2\",\"t\":0}"))
                .header(RequestIdEcho.HEADER, "req-" + path);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScoreRequestIsRefusedWhileTheQueueIsFullAndOthersPass() throws Exception {
        start(new HttpAccess("", "", null));
        HttpResponse<String> refused = post("/v1/score", null);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(refused.body()).contains("\"error\"").contains("try again");
        // a refusal, made before the servlet layer, still names the request it refuses
        assertThat(refused.headers().firstValue(RequestIdEcho.HEADER)).hasValue("req-/v1/score");
        assertThat((long) gate.figures().get("refused")).isEqualTo(1L);
        assertThat(post("/v1/other", null).body()).isEqualTo("reached the API");
        release.countDown();
        // once the queue has room again, score requests reach the API
        for (int i = 0; i < 1_000 && waves.full(); i++) {
            Thread.sleep(20);
        }
        assertThat(waves.full()).isFalse();
        assertThat(post("/v1/score", null).body()).isEqualTo("reached the API");
    }

    @Test
    void aCallerTheReadTokenDoesNotAdmitIsLeftToTheApi() throws Exception {
        start(new HttpAccess("", "secret", null));
        assertThat(post("/v1/score", null).body()).isEqualTo("reached the API");
        assertThat(post("/v1/score", "Bearer wrong").body()).isEqualTo("reached the API");
        assertThat(post("/v1/score", "Bearer secret").statusCode()).isEqualTo(503);
    }
}
