package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkcast.model.semba.SembaConfig;
import io.linkcast.model.semba.SembaModel;
import io.linkcast.model.semba.SembaTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code "explain": true} over HTTP (issue 19, item 4), on a hand-built stream whose answer is known: alice and bob both
 * trust carol, alice distrusts dave and bob trusts him, so SEMBA's balance for alice → bob has one path that implies
 * trust (via carol) and one that implies distrust (via dave), named by the nodes' external ids.
 */
class ExplainApiIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SembaConfig SEMBA = SembaConfig.defaults(SembaTask.SIGNLINK).withDimensions(16, 8, 16, 4, 10);

    @TempDir
    Path dir;

    @Test
    void shouldExplainAScoreFromTheRecordsItReadWithExternalIds() throws Exception {
        ServiceConfig c = ConfigLoader.from(Map.of("state.dir", dir.toString(), "http.port", "0"));
        try (SembaModel semba = SembaModel.initialise(SEMBA, 23); LinkcastRuntime runtime = LinkcastRuntime.start(c, semba)) {
            KafkaTestSupport.produce(runtime.bootstrapServers(), "interactions", List.of(
                    "{\"src\":\"alice\",\"dst\":\"carol\",\"t\":1,\"sign\":1}",
                    "{\"src\":\"bob\",\"dst\":\"carol\",\"t\":2,\"sign\":1}",
                    "{\"src\":\"alice\",\"dst\":\"dave\",\"t\":3,\"sign\":-1}",
                    "{\"src\":\"bob\",\"dst\":\"dave\",\"t\":4,\"sign\":1}"));
            KafkaTestSupport.consume(runtime.bootstrapServers(), "predictions", 4, Duration.ofSeconds(60));
            HttpClient http = HttpClient.newHttpClient();
            URI score = URI.create("http://127.0.0.1:" + runtime.httpPort() + "/v1/score");

            HttpResponse<String> r = http.send(HttpRequest.newBuilder(score).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"src\":\"alice\",\"dst\":\"bob\",\"t\":10,\"explain\":true}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(score).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"src\":\"alice\",\"dst\":\"bob\",\"t\":10}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(score).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"src\":\"alice\",\"dst\":\"bob\",\"t\":10,\"explain\":\"yes\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            JsonNode e = body.at("/explanation/semba");
            assertThat(e.get("balance")).hasSize(2);
            assertThat(e.at("/balance/0/via").asText()).isEqualTo("carol");
            assertThat(e.at("/balance/0/implied_sign").asInt()).isEqualTo(1);
            assertThat(e.at("/balance/1/via").asText()).isEqualTo("dave");
            assertThat(e.at("/balance/1/implied_sign").asInt()).isEqualTo(-1);
            assertThat(e.at("/src_neighbours/0/node").asText()).isEqualTo("dave");
            assertThat(e.at("/src_neighbours/0/direction").asText()).isEqualTo("out");
            JsonNode p = JSON.readTree(plain.body());
            assertThat(p.has("explanation")).isFalse();
            assertThat(body.get("p_positive").asDouble()).as("the same score as without the explanation")
                    .isEqualTo(p.get("p_positive").asDouble());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("explain");
        }
    }
}
