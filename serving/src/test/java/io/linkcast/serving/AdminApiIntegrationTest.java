package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkcast.model.eval.ModelLoaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
