package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkcast.ingest.ReplayRate;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard end to end: a service on the embedded broker streams signed synthetic events, /v1/stats
 * reports the live quality and the per-second samples, and headless Chromium renders /dashboard into charts
 * with the current values (the Chromium part skips where no chromium binary is installed).
 */
class DashboardChromiumTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 3_000;
    @TempDir
    static Path dir;
    static LinkcastRuntime runtime;
    static DemoFeed feed;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ServiceConfig c = ConfigLoader.from(Map.of("state.dir", dir.resolve("state").toString(), "http.port", "0"));
        runtime = LinkcastRuntime.start(c, new BaselineModel(BaselineConfig.defaults()));
        // a steady live stream: the first few thousand events fill the quality window, the rest keep it moving
        // while the browser looks
        feed = new DemoFeed(runtime.bootstrapServers(), c.topology().interactionsTopic(),
                DemoFeed.source(null, 500, 7, 0, 60_000), new ReplayRate(1_000));
        feed.start();
        StreamMetrics m = runtime.service().metrics();
        // the quality snapshot is cached for a second: wait for one that holds the events (later ones only grow)
        await().atMost(Duration.ofSeconds(60)).until(() -> m.liveQuality().snapshot().windowEvents() >= EVENTS);
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.timeline().samples().size() >= 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + runtime.httpPort() + path;
    }

    @Test
    void shouldReportLiveQualityAndPerSecondSamples() throws Exception {
        HttpResponse<String> r = get("/v1/stats");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode stats = JSON.readTree(r.body());
        assertThat(stats.at("/model/name").asText()).isEqualTo("baseline");
        assertThat(stats.at("/totals/predictions").asLong()).isGreaterThanOrEqualTo(EVENTS);
        assertThat(stats.at("/quality/window").asInt()).isEqualTo(LiveQuality.DEFAULT_WINDOW);
        assertThat(stats.at("/quality/window_events").asInt()).isGreaterThanOrEqualTo(EVENTS);
        // the baseline remembers recent partners (>= 0.5) and scores unseen pairs below 0.5, and 40 % of the
        // synthetic events repeat a recent pair, so true pairs must outrank their negatives well beyond chance
        assertThat(stats.at("/quality/link_auc").asDouble()).isBetween(0.5, 1.0);
        assertThat(stats.at("/quality/link_ap").asDouble()).isBetween(0.5, 1.0);
        // every synthetic event is signed; structural balance makes the signed history informative
        assertThat(stats.at("/quality/signed_events").asInt()).isEqualTo(stats.at("/quality/window_events").asInt());
        assertThat(stats.at("/quality/sign_auc").asDouble()).isBetween(0.55, 1.0);
        assertThat(stats.at("/quality/sign_macro_f1").asDouble()).isBetween(0.0, 1.0);
        assertThat(stats.at("/quality/baseline").isNull()).as("no yardstick beside the served baseline").isTrue();

        JsonNode samples = stats.get("samples");
        assertThat(samples.size()).isGreaterThanOrEqualTo(2);
        double peak = 0;
        boolean lagSeen = false;
        for (JsonNode s : samples) {
            peak = Math.max(peak, s.get("events_per_s").asDouble());
            lagSeen |= s.get("lag").isNumber() && s.get("lag").asLong() >= 0;
        }
        assertThat(peak).isGreaterThan(100);
        assertThat(lagSeen).as("input lag from the group's committed offsets").isTrue();
        JsonNode last = samples.get(samples.size() - 1);
        assertThat(last.get("link_auc").asDouble()).isBetween(0.5, 1.0);
        assertThat(last.get("t").asLong()).isLessThanOrEqualTo(stats.get("now").asLong());

        String metrics = get("/metrics").body();
        assertThat(metrics).containsPattern("linkcast_live_link_auc\\{predictor=\"served\",?} 0\\.[5-9]")
                .containsPattern("linkcast_live_window_events\\{predictor=\"served\",?} [1-9]")
                // the baseline is what is served here, so nothing runs beside it
                .containsPattern("linkcast_live_window_events\\{predictor=\"baseline\",?} 0\\.0")
                .contains("linkcast_live_link_ap", "linkcast_live_sign_auc", "linkcast_live_sign_macro_f1");

        HttpResponse<String> page = get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"chart-throughput\"", "id=\"value-link-auc\"", "/v1/stats")
                // self-contained: nothing loaded from elsewhere
                .doesNotContain("<link", "src=\"http", "url(http", "@import");
    }

    @Test
    void shouldRenderChartsAndCurrentValuesInHeadlessChromium() throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium binary on the PATH; install the Debian package chromium");
        // one browser run: the DOM after the page has polled for a few (virtual) seconds, and a picture for
        // people, kept in target/ (docs/dashboard.png is a copy of it)
        Path png = Paths.get("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(png);
        String dom = runChromium(chromium.get(), "--dump-dom", "--screenshot=" + png, "--window-size=1280,900",
                url("/dashboard"));

        for (String chart : List.of("throughput", "latency", "lag", "link", "sign")) {
            String svg = element(dom, "chart-" + chart);
            assertThat(pathPoints(svg)).as("points drawn in chart-" + chart).isGreaterThanOrEqualTo(2);
        }
        assertThat(number(dom, "value-throughput")).isGreaterThan(0);
        assertThat(number(dom, "value-latency-p50")).isGreaterThan(0);
        assertThat(number(dom, "value-latency-p99")).isGreaterThanOrEqualTo(number(dom, "value-latency-p50"));
        assertThat(number(dom, "value-lag")).isGreaterThanOrEqualTo(0);
        assertThat(number(dom, "value-link-auc")).isBetween(0.5, 1.0);
        assertThat(number(dom, "value-link-ap")).isBetween(0.5, 1.0);
        assertThat(number(dom, "value-sign-auc")).isBetween(0.55, 1.0);
        assertThat(number(dom, "value-sign-f1")).isBetween(0.0, 1.0);
        assertThat(number(dom, "total-predictions")).isGreaterThanOrEqualTo(EVENTS);
        assertThat(text(dom, "model-name")).isEqualTo("baseline");
        assertThat(text(dom, "status-text")).startsWith("live");

        assertThat(png).exists();
        byte[] head = Files.readAllBytes(png);
        assertThat(head.length).isGreaterThan(10_000);
        assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void shouldMeasureInputLagAgainstTheGroupsCommittedOffsets() throws Exception {
        String bootstrap = runtime.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("lag-check", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add("{\"src\":\"a\",\"dst\":\"b\",\"t\":" + i + "}");
        }
        KafkaTestSupport.produce(bootstrap, "lag-check", ten);
        TopicPartition tp = new TopicPartition("lag-check", 0);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "lag-check-group"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            c.commitSync(Map.of(tp, new OffsetAndMetadata(4)));
        }
        try (InputLag committedAt4 = new InputLag(Map.of("bootstrap.servers", bootstrap), "lag-check-group", "lag-check");
                InputLag neverCommitted = new InputLag(Map.of("bootstrap.servers", bootstrap), "nobody", "lag-check");
                InputLag noTopic = new InputLag(Map.of("bootstrap.servers", bootstrap), "nobody", "no-such-topic")) {
            assertThat(committedAt4.getAsLong()).isEqualTo(10 - 4);
            assertThat(neverCommitted.getAsLong()).isEqualTo(10);
            assertThat(noTopic.getAsLong()).isEqualTo(-1);
        }
    }

    private static Optional<Path> chromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .flatMap(d -> Stream.of("chromium", "chromium-browser").map(n -> Paths.get(d, n)))
                .filter(Files::isExecutable).findFirst();
    }

    /** Runs headless Chromium with the page's virtual time budget and returns what it printed on stdout. */
    private static String runChromium(Path binary, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--virtual-time-budget=8000"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish in 30 s: " + cmd + "\n" + Files.readString(err));
        }
        assertThat(p.exitValue()).as("chromium exit code; stderr:\n" + Files.readString(err)).isZero();
        return Files.readString(out);
    }

    /** The element with this id, from its start tag to the matching end tag of the same name (no nesting of it). */
    private static String element(String dom, String id) {
        Matcher m = Pattern.compile("<(\\w+)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(dom);
        assertThat(m.find()).as("element #" + id + " in the DOM").isTrue();
        int end = dom.indexOf("</" + m.group(1) + ">", m.end());
        assertThat(end).as("end of #" + id).isPositive();
        return dom.substring(m.start(), end);
    }

    private static String text(String dom, String id) {
        return element(dom, id).replaceAll("<[^>]*>", "").trim();
    }

    /** The number shown in the element (thousands separators allowed). */
    private static double number(String dom, String id) {
        String t = text(dom, id).replace(",", "");
        assertThat(t).as("#" + id + " shows a number").matches("-?[0-9]+(\\.[0-9]+)?");
        return Double.parseDouble(t);
    }

    /** Points of the longest drawn line in an SVG (its path's M/L commands). */
    private static int pathPoints(String svg) {
        Matcher m = Pattern.compile("<path [^>]*d=\"([^\"]*)\"[^>]*data-series").matcher(svg);
        int best = 0;
        while (m.find()) {
            best = Math.max(best, m.group(1).split("[ML]").length - 1);
        }
        return best;
    }
}
