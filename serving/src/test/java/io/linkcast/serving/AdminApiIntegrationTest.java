package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.serving.topology.Prediction;
import io.linkcast.serving.topology.PredictionJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin call over HTTP (issue 15, item 2): a hot swap needs the admin token and JSON, names an artifact in
 * models.dir (never a path), and no answer tells where files are; with a read token, reads need it too.
 */
class AdminApiIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin-s3cret";
    private static final String READER = "read-s3cret";
    @TempDir
    static Path dir;
    static Path models;
    static LinkcastRuntime runtime;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        models = Files.createDirectories(dir.resolve("models"));
        Path data = tinyStream();
        for (String name : List.of("nat-a", "nat-b")) {
            int code = LinkcastCli.commandLine().execute("train", "--model", "nat", "--data", data.toString(), "--out",
                    models.resolve(name).toString(), "--epochs", "1", "--no-progress", "--seed",
                    name.endsWith("a") ? "1" : "2");
            assertThat(code).isZero();
        }
        ServiceConfig c = ConfigLoader.from(Map.of("state.dir", dir.resolve("state").toString(), "http.port", "0",
                "http.admin.token", ADMIN, "http.read.token", READER, "models.dir", models.toString()));
        runtime = LinkcastRuntime.start(c, ServedModels.load(List.of("nat=" + models.resolve("nat-a")),
                ModelLoaders.discover()));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void shouldSwapANamedArtifactOnlyWithTheAdminTokenAndJson() throws Exception {
        HttpResponse<String> noToken = swap("{\"name\":\"nat-b\"}", null, "application/json");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(swap("{\"name\":\"nat-b\"}", READER, "application/json").statusCode()).isEqualTo(401);
        assertThat(swap("{\"name\":\"nat-b\"}", ADMIN, "text/plain").statusCode()).isEqualTo(415);

        for (String notAName : List.of(models.resolve("nat-b").toString(), "../models/nat-b", "..", "/etc",
                "nat-b/../nat-a")) {
            HttpResponse<String> r = swap(JSON.writeValueAsString(Map.of("name", notAName)), ADMIN, "application/json");
            assertThat(r.statusCode()).as(notAName).isEqualTo(400);
            assertThat(r.body()).contains("a name, not a path").doesNotContain(dir.toString());
        }
        HttpResponse<String> missing = swap("{\"name\":\"nat-zzz\"}", ADMIN, "application/json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain(dir.toString());
        Files.createDirectories(models.resolve("broken"));
        HttpResponse<String> broken = swap("{\"name\":\"broken\"}", ADMIN, "application/json");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("'broken' cannot be swapped in").doesNotContain(dir.toString());

        String before = JSON.readTree(read("/admin/models", READER).body()).toString();
        HttpResponse<String> ok = swap("{\"name\":\"nat-b\"}", ADMIN, "application/json; charset=utf-8");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).toString()).isNotEqualTo(before);
    }

    /**
     * Two swaps over HTTP while events stream in (issue 15, item 3): every event gets exactly one prediction, and in
     * offset order the serving version changes only at the swaps (each micro-batch is served by one version, never a
     * mix), ending with the last one swapped in.
     */
    @Test
    void shouldServeEveryEventOnceByOneVersionWhileSwappingUnderLoad() throws Exception {
        int n = 8000;
        String bootstrap = runtime.bootstrapServers();
        String topic = runtime.service().config().topology().predictionsTopic();
        int before = KafkaTestSupport.consume(bootstrap, topic, Integer.MAX_VALUE, Duration.ofMillis(500)).size();
        Thread producer = new Thread(() -> {
            SplittableRandom r = new SplittableRandom(11);
            for (int sent = 0; sent < n; sent += 40) {
                List<String> chunk = new java.util.ArrayList<>();
                for (int i = sent; i < sent + 40; i++) {
                    chunk.add("{\"src\":" + (1 + r.nextInt(50)) + ",\"dst\":" + (1 + r.nextInt(50)) + ",\"t\":" + i + "}");
                }
                KafkaTestSupport.produce(bootstrap, runtime.service().config().topology().interactionsTopic(), chunk);
                try {
                    // about 1,300 events/s for 6 s: the swaps land mid-stream
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        producer.start();
        for (String[] swap : new String[][] {{"nat-a", "1500"}, {"nat-b", "4500"}}) {
            KafkaTestSupport.consume(bootstrap, topic, before + Integer.parseInt(swap[1]), Duration.ofSeconds(60));
            HttpResponse<String> r = swap("{\"name\":\"" + swap[0] + "\"}", ADMIN, "application/json");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        producer.join();
        List<Prediction> all = KafkaTestSupport.consume(bootstrap, topic, before + n, Duration.ofSeconds(120)).stream()
                .map(c -> PredictionJson.decode(c.value())).toList();
        List<Prediction> streamed = all.subList(before, all.size());
        assertThat(streamed).hasSize(n);
        assertThat(streamed.stream().map(Prediction::offset).distinct().count()).isEqualTo(n);
        List<String> runs = new java.util.ArrayList<>();
        for (Prediction p : streamed) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(p.version())) {
                runs.add(p.version());
            }
        }
        // nat-b, nat-a, nat-b or nat-a, nat-b (another test may have swapped nat-b in before), never back and forth
        assertThat(runs).as("versions in offset order").hasSizeBetween(2, 3);
        assertThat(runs.get(runs.size() - 1)).isNotEqualTo(runs.get(runs.size() - 2));
        if (runs.size() == 3) {
            assertThat(runs.get(2)).isEqualTo(runs.get(0));
        }
        // as the other tests expect to find it
        assertThat(swap("{\"name\":\"nat-a\"}", ADMIN, "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNeedTheReadTokenForReadsButNotForProbesAndMetrics() throws Exception {
        assertThat(read("/v1/nodes/1", null).statusCode()).isEqualTo(401);
        assertThat(read("/v1/nodes/1", "Bearer-less " + READER).statusCode()).isEqualTo(401);
        assertThat(read("/admin/models", null).statusCode()).isEqualTo(401);
        HttpResponse<String> allowed = read("/admin/models", READER);
        assertThat(allowed.statusCode()).isEqualTo(200);
        JsonNode info = JSON.readTree(allowed.body());
        assertThat(info.toString()).contains("nat");
        assertThat(read("/admin/models", ADMIN).statusCode()).as("the admin token reads too").isEqualTo(200);
        assertThat(read("/health", null).statusCode()).isEqualTo(200);
        assertThat(read("/metrics", null).statusCode()).isEqualTo(200);
        assertThat(read("/v1/stats", null).statusCode()).as("the dashboard's feed").isEqualTo(200);
    }

    @Test
    void shouldKeepAdminCallsOffWithoutAToken() {
        assertThat(ConfigLoader.from(Map.of("state.dir", dir.resolve("off").toString())).httpAccess().adminEnabled())
                .isFalse();
        // and a models.dir that is not a directory fails at start with the key's name
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.from(Map.of("models.dir",
                dir.resolve("nowhere").toString()))).hasMessageContaining("'models.dir'");
    }

    private static HttpResponse<String> swap(String body, String token, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort()
                + "/admin/models")).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> read(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path));
        if (token != null) {
            b.header("Authorization", token.startsWith("Bearer-less") ? token : "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A small JODIE-format stream of 6 nodes talking in repeating pairs. */
    private static Path tinyStream() throws Exception {
        StringBuilder csv = new StringBuilder(",u,i,ts,label,idx\n");
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            int u = 1 + r.nextInt(6);
            int v = 1 + (u + r.nextInt(2)) % 6;
            csv.append(i).append(',').append(u).append(',').append(v).append(',').append(i * 10).append(",0,")
                    .append(i + 1).append('\n');
        }
        return Files.writeString(dir.resolve("ml_tiny.csv"), csv);
    }
}
