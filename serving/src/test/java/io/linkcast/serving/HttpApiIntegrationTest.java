package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over a running service on a real broker, answering from the live state. */
class HttpApiIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static LinkcastRuntime runtime;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ServiceConfig c = ConfigLoader.from(java.util.Map.of("state.dir", dir.toString(), "http.port", "0",
                "batch.max", "1"));
        runtime = LinkcastRuntime.start(c, new BaselineModel(BaselineConfig.defaults()));
        KafkaTestSupport.produce(runtime.bootstrapServers(), "interactions", List.of(
                "{\"src\":\"alice\",\"dst\":\"bob\",\"t\":1000,\"sign\":1}",
                "{\"src\":\"alice\",\"dst\":\"bob\",\"t\":2000,\"sign\":1}",
                "{\"src\":\"carol\",\"dst\":\"bob\",\"t\":3000,\"sign\":-1}",
                "{\"src\":\"alice\",\"dst\":\"dave\",\"t\":4000}",
                "{\"src\":\"alice\",\"dst\":\"erin\",\"t\":900000}"));
        KafkaTestSupport.consume(runtime.bootstrapServers(), "predictions", 5, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldReportHealthAndReadiness() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).get("streams").asText()).isEqualTo("RUNNING");
    }

    @Test
    void shouldExposePrometheusMetrics() throws Exception {
        // a query of a node the stream has just written: answered from the stream's decoded-state cache
        assertThat(get("/v1/nodes/alice").statusCode()).isEqualTo(200);
        HttpResponse<String> m = get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("linkcast_predictions_total 5.0")
                .contains("linkcast_processing_latency_seconds_bucket")
                .contains("linkcast_batch_events_count")
                .containsPattern("linkcast_store_nodes_estimate [1-9]")
                // the first read of every node misses the decoded-state cache
                .containsPattern("linkcast_state_cache_reads_total\\{reader=\"stream\",result=\"miss\",?\\} [1-9]")
                // published from the start, whatever their counts
                .containsPattern("linkcast_state_cache_reads_total\\{reader=\"stream\",result=\"hit\",?\\} [0-9]")
                .containsPattern("linkcast_state_cache_reads_total\\{reader=\"query\",result=\"hit\",?\\} [1-9]")
                .containsPattern("linkcast_state_cache_reads_total\\{reader=\"query\",result=\"miss\",?\\} [0-9]")
                .containsPattern("linkcast_state_cache_hit_ratio\\{reader=\"stream\",?\\} [0-9]")
                .containsPattern("linkcast_state_cache_hit_ratio\\{reader=\"query\",?\\} [0-9]")
                .contains("kafka_consumer_fetch_manager_records_lag")
                // memory outside the heap (tensors, RocksDB) shows only in the resident size
                .containsPattern("linkcast_process_resident_bytes [1-9]")
                .contains("jvm_memory_used_bytes").contains("jvm_gc_memory_allocated_bytes_total")
                .contains("process_cpu_usage");
    }

    @Test
    void shouldScoreFromTheLiveStateWithoutChangingIt() throws Exception {
        HttpResponse<String> known = post("/v1/score", "{\"src\":\"alice\",\"dst\":\"bob\",\"t\":2100}");
        HttpResponse<String> unknown = post("/v1/score", "{\"src\":\"alice\",\"dst\":\"carol\",\"t\":2100}");
        assertThat(known.statusCode()).isEqualTo(200);
        JsonNode k = JSON.readTree(known.body());
        JsonNode u = JSON.readTree(unknown.body());
        assertThat(k.get("p_link").asDouble()).isGreaterThan(0.99);
        assertThat(u.get("p_link").asDouble()).isLessThan(0.5);
        assertThat(k.get("model").asText()).isEqualTo("baseline");
        assertThat(JSON.readTree(get("/v1/nodes/alice").body()).at("/state/events").asLong()).isEqualTo(4);
    }

    @Test
    void shouldScoreAListOfPairsInOrderAsOneAtATime() throws Exception {
        String[][] pairs = {{"alice", "bob", "2100"}, {"alice", "carol", "2100"}, {"carol", "bob", "5000"},
            {"nobody", "alice", "1"}, {"alice", "bob", "90000000"}};
        StringBuilder body = new StringBuilder("{\"pairs\":[");
        for (int i = 0; i < pairs.length; i++) {
            body.append(i == 0 ? "" : ",").append(String.format("{\"src\":\"%s\",\"dst\":\"%s\",\"t\":%s}",
                    pairs[i][0], pairs[i][1], pairs[i][2]));
        }
        HttpResponse<String> batch = post("/v1/score", body.append("]}").toString());
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        JsonNode scores = JSON.readTree(batch.body()).get("scores");
        assertThat(scores).hasSize(pairs.length);
        for (int i = 0; i < pairs.length; i++) {
            JsonNode one = JSON.readTree(post("/v1/score", String.format("{\"src\":\"%s\",\"dst\":\"%s\",\"t\":%s}",
                    pairs[i][0], pairs[i][1], pairs[i][2])).body());
            assertThat(scores.get(i)).as("pair %d", i).isEqualTo(one);
        }
        // the answers differ, so matching them in order means something
        assertThat(scores.get(0).get("p_link")).isNotEqualTo(scores.get(1).get("p_link"));

        StringBuilder tooMany = new StringBuilder("{\"pairs\":[");
        for (int i = 0; i <= HttpApi.MAX_PAIRS; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"src\":1,\"dst\":2,\"t\":1}");
        }
        HttpResponse<String> refused = post("/v1/score", tooMany.append("]}").toString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("at most 1000 pairs");
        HttpResponse<String> badElement = post("/v1/score", "{\"pairs\":[{\"src\":1,\"dst\":2,\"t\":1},{\"src\":1,\"t\":1}]}");
        assertThat(badElement.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badElement.body()).get("error").asText()).contains("pairs[1].dst");
        assertThat(post("/v1/score", "{\"pairs\":[]}").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldDescribeANodeAndSay404ForAnUnknownOne() throws Exception {
        HttpResponse<String> bob = get("/v1/nodes/bob");
        assertThat(bob.statusCode()).isEqualTo(200);
        JsonNode s = JSON.readTree(bob.body()).get("state");
        assertThat(s.get("events").asLong()).isEqualTo(3);
        assertThat(s.at("/received/positive").asInt()).isEqualTo(2);
        assertThat(s.at("/received/negative").asInt()).isEqualTo(1);
        HttpResponse<String> nobody = get("/v1/nodes/nobody");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(nobody.body()).get("error").asText()).contains("nobody");
    }

    @Test
    void shouldRankANodesLikelyNextPartnersWithTheirExternalIds() throws Exception {
        HttpResponse<String> r = get("/v1/nodes/alice/candidates?k=2");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        // at t = 900000 (the newest event time) erin was seen just now, dave and bob long ago
        assertThat(body.get("t").asDouble()).isEqualTo(900000.0);
        assertThat(body.get("pool").asInt()).isEqualTo(3);
        assertThat(body.get("candidates")).hasSize(2);
        assertThat(body.at("/candidates/0/node").asText()).isEqualTo("erin");
        assertThat(body.at("/candidates/1/node").asText()).isEqualTo("dave");
        assertThat(body.at("/candidates/0/p_link").asDouble()).isGreaterThan(body.at("/candidates/1/p_link").asDouble());
        assertThat(get("/v1/nodes/alice/candidates?k=zero").statusCode()).isEqualTo(400);
        assertThat(get("/v1/nodes/nobody/candidates").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRankTheCallersOwnCandidatesAsTheProposedOnesAreRanked() throws Exception {
        HttpResponse<String> proposed = get("/v1/nodes/alice/candidates?k=3");
        HttpResponse<String> r = post("/v1/nodes/alice/candidates", "{\"candidates\":[\"dave\",\"nobody\",\"erin\"],\"k\":2}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("pool").asInt()).isEqualTo(3);
        assertThat(body.get("candidates")).hasSize(2);
        // the same order and scores as the proposed list; the never-seen node ranks below both
        JsonNode mine = JSON.readTree(proposed.body()).get("candidates");
        assertThat(body.at("/candidates/0/node").asText()).isEqualTo("erin");
        assertThat(body.at("/candidates/1/node").asText()).isEqualTo("dave");
        assertThat(body.at("/candidates/0/p_link").asDouble()).isEqualTo(mine.get(0).get("p_link").asDouble());
        assertThat(body.at("/candidates/1/p_link").asDouble()).isEqualTo(mine.get(1).get("p_link").asDouble());
        assertThat(post("/v1/nodes/alice/candidates", "{\"candidates\":[]}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/nodes/alice/candidates", "{\"candidates\":[\"a\"],\"k\":0}").statusCode()).isEqualTo(400);
        StringBuilder tooMany = new StringBuilder("{\"candidates\":[");
        for (int i = 0; i <= HttpApi.MAX_PAIRS; i++) {
            tooMany.append(i == 0 ? "" : ",").append('"').append(i).append('"');
        }
        assertThat(post("/v1/nodes/alice/candidates", tooMany.append("]}").toString()).statusCode()).isEqualTo(413);
        // the queries passed the gate, and the stats feed (the dashboard's) counts them
        JsonNode queries = JSON.readTree(get("/v1/stats").body()).get("queries");
        assertThat(queries.get("admitted").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(queries.get("refused").asLong()).isZero();
    }

    private static HttpResponse<String> withRequestId(String path, String body, String id) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path))
                .header(RequestIdEcho.HEADER, id);
        return http.send((body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswerWithTheCallersRequestIdWhateverTheOutcome() throws Exception {
        // answered by the wave worker, by the gate's runner, by an error mapper and by Javalin's 404
        HttpResponse<String> scored = withRequestId("/v1/score", "{\"src\":\"alice\",\"dst\":\"bob\",\"t\":2100}", "s-1");
        assertThat(scored.statusCode()).isEqualTo(200);
        assertThat(scored.headers().firstValue(RequestIdEcho.HEADER)).hasValue("s-1");
        assertThat(withRequestId("/v1/nodes/alice", null, "n-2").headers().firstValue(RequestIdEcho.HEADER)).hasValue("n-2");
        HttpResponse<String> bad = withRequestId("/v1/score", "{src:", "b-3");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue(RequestIdEcho.HEADER)).hasValue("b-3");
        assertThat(withRequestId("/v2/nothing", null, "m-4").headers().firstValue(RequestIdEcho.HEADER)).hasValue("m-4");
        // the caller's text goes into our headers only when it is a short token of visible ASCII
        assertThat(withRequestId("/v1/nodes/alice", null, "two words").headers().firstValue(RequestIdEcho.HEADER)).isEmpty();
        assertThat(withRequestId("/v1/nodes/alice", null, "x".repeat(129)).headers().firstValue(RequestIdEcho.HEADER)).isEmpty();
        assertThat(withRequestId("/v1/nodes/alice", null, "x".repeat(128)).headers().firstValue(RequestIdEcho.HEADER))
                .hasValue("x".repeat(128));
    }

    @Test
    void shouldAnswerBadRequestsWith400AndAReason() throws Exception {
        HttpResponse<String> notJson = post("/v1/score", "{src:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).get("error").asText()).contains("not valid JSON");
        HttpResponse<String> noDst = post("/v1/score", "{\"src\":\"a\",\"t\":1}");
        assertThat(noDst.statusCode()).isEqualTo(400);
        assertThat(noDst.body()).contains("'dst'");
        HttpResponse<String> badT = post("/v1/score", "{\"src\":\"a\",\"dst\":\"b\",\"t\":\"soon\"}");
        assertThat(badT.statusCode()).isEqualTo(400);
        assertThat(badT.body()).contains("'t'");
        assertThat(get("/v2/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + runtime.httpPort() + "/v1/score")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).get("error").asText()).contains("DELETE is not allowed");
        HttpResponse<String> postHealth = post("/health", "{}");
        assertThat(postHealth.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(postHealth.body()).has("error")).isTrue();
        HttpResponse<String> huge = post("/v1/score", "{\"src\":\"" + "a".repeat(2_000_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(huge.body()).get("error").asText()).contains("too large");
        // refused by Jetty before any route: a request line or headers too long
        HttpResponse<String> longUri = get("/v1/nodes/" + "a".repeat(20_000));
        assertThat(longUri.statusCode()).isEqualTo(414);
        assertThat(JSON.readTree(longUri.body()).has("error")).as(longUri.body()).isTrue();
        HttpResponse<String> bigHeader = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + runtime.httpPort() + "/health")).header("X-Big", "b".repeat(20_000)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bigHeader.statusCode()).isEqualTo(431);
        assertThat(JSON.readTree(bigHeader.body()).has("error")).as(bigHeader.body()).isTrue();
    }
}
