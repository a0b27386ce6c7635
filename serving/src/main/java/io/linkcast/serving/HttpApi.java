package io.linkcast.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.linkcast.ingest.NodeIds;
import io.linkcast.model.engine.CandidateSource;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.NodeRef;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.StreamModel;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP API: health, readiness, Prometheus metrics, read-only scoring, node state, the stats timeline and
 * the dashboard page. Every bad request gets a 4xx with a JSON {@code {"error": "..."}} that says what was
 * wrong.
 */
public final class HttpApi implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Javalin app;
    private final ScoreWaves waves;
    private final QueryGate gate;

    private HttpApi(Javalin app, ScoreWaves waves, QueryGate gate) {
        this.app = app;
        this.waves = waves;
        this.gate = gate;
    }

    /**
     * Jetty's handlers in front of the servlet layer: the caller's request id echoed on every answer, then the
     * refusal of score requests while their queue is full.
     */
    static void insertFront(Handler.Singleton context, ScoreWaves waves, QueryGate gate, HttpAccess access) {
        context.insertHandler(new ScoreRefusal(waves, gate, access));
        // inserted last, so outermost: refusals carry the caller's request id too
        context.insertHandler(new RequestIdEcho());
    }

    /** The API; with {@code models}, also the admin call that swaps in a newly trained model version. */
    public static HttpApi start(LinkcastService<?> service, ServedModels models, PrometheusMeterRegistry registry,
            StatsTimeline timeline, String host, int port, HttpAccess access, ServiceConfig.QueryLimits limits) {
        String dashboard = DashboardPage.html();
        QueryGate gate = new QueryGate(limits.concurrency(), limits.queue(), limits.waitMs(), registry);
        ScoreWaves waves = new ScoreWaves(service::score, gate, limits.queue(), limits.waitMs(), MAX_PAIRS, registry);
        // the server's threads; answers computed elsewhere (a wave, a gate's runner) are written on them, so that a
        // client slow to read holds one of these, never the query worker
        QueuedThreadPool http = new QueuedThreadPool(limits.httpThreads(), Math.min(8, limits.httpThreads()));
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // a known path with the wrong method says so (405), instead of "no such endpoint"
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.threadPool = http;
            // while the score queue is full, score requests are refused before the servlet layer (ScoreRefusal)
            cfg.jetty.modifyServletContextHandler(h -> insertFront(h, waves, gate, access));
            cfg.routes.get("/health", ctx -> status(ctx, service.alive(), service));
            cfg.routes.get("/ready", ctx -> status(ctx, service.ready(), service));
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape()));
            // queries compute behind the gate, so that a busy client cannot take the stream's core; score requests
            // that arrive together are scored as one wave, in a turn of the gate
            cfg.routes.post("/v1/score", ctx -> score(ctx, service, waves, gate, http));
            // the other queries run on the gate's own threads: a waiting query holds no HTTP thread either
            cfg.routes.get("/v1/nodes/{id}", ctx -> ctx.future(() -> gate.submit(() -> {
                node(ctx, service);
                return null;
            }).thenApplyAsync(done -> done, http)));
            cfg.routes.get("/v1/nodes/{id}/candidates", ctx -> ctx.future(() -> gate.submit(() -> {
                candidates(ctx, service);
                return null;
            }).thenApplyAsync(done -> done, http)));
            cfg.routes.post("/v1/nodes/{id}/candidates", ctx -> {
                JsonNode body = parseBody(ctx);
                ctx.future(() -> gate.submit(() -> {
                    rankGiven(ctx, service, body);
                    return null;
                }).thenApplyAsync(done -> done, http));
            });
            // reads of node states and predictions, protected by http.read.token when it is set; health, metrics and
            // the dashboard stay open (probes and scrapers rarely carry tokens)
            cfg.routes.before("/v1/*", ctx -> requireRead(ctx, access));
            cfg.routes.before("/admin/*", ctx -> requireRead(ctx, access));
            cfg.routes.before("/internal/*", ctx -> requireRead(ctx, access));
            // another instance asking for the records of nodes this one owns (partitioned state, routed queries); not
            // behind the gate: its caller holds a turn of its own gate, and two instances asking each other would wait
            // on each other's
            cfg.routes.post(NodeRouter.PATH, ctx -> ctx.json(NodeRouter.answer(service.ownedRecords(idsOf(ctx)))));
            cfg.routes.get("/admin/models", ctx -> ctx.json(modelInfo(service)));
            cfg.routes.post("/admin/models", ctx -> swap(ctx, models, service, access));
            cfg.routes.get("/v1/stats", ctx -> {
                Map<String, Object> stats = StatsJson.of(timeline, service.model().info(), System.currentTimeMillis(),
                        service.restoreRemaining());
                Map<String, Object> queries = gate.figures();
                // score requests wait in the waves' queue, the other queries at the gate
                queries.put("waiting", (int) queries.get("waiting") + waves.waiting());
                stats.put("queries", queries);
                ctx.header("Cache-Control", "no-store").json(stats);
            });
            cfg.routes.get("/dashboard", ctx -> ctx.html(dashboard));
            cfg.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(QueryGate.Full.class, (e, ctx) -> {
                ctx.header("Retry-After", "1");
                error(ctx, 503, e.getMessage());
            });
            cfg.routes.exception(Refused.class, (e, ctx) -> {
                if (e.status == 401) {
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                error(ctx, e.status, e.getMessage());
            });
            cfg.routes.exception(InvalidStateStoreException.class, (e, ctx) -> {
                ctx.header("Retry-After", "1");
                error(ctx, 503, "state store not queryable yet (starting or rebalancing): " + e.getMessage());
            });
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            // Javalin's own bodies for these are plain text: every error the API gives is JSON
            cfg.routes.error(405, "*", ctx -> error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path()));
            cfg.routes.error(413, "*", ctx -> {
                // Javalin's own 413 (the body limit) is plain text; ours (too many pairs) is already JSON
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    error(ctx, 413, "request body too large");
                }
            });
        }).start(host, port);
        return new HttpApi(app, waves, gate);
    }

    public int port() {
        return app.port();
    }

    private static void status(Context ctx, boolean ok, LinkcastService<?> service) {
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "UP" : "DOWN", "streams", service.state().toString()));
    }

    /** Pairs one {@code POST /v1/score} may hold: one wave of the engine's size, answered in one call. */
    static final int MAX_PAIRS = 1_000;

    /** Pairs whose answer (about 200 bytes each) the wave worker may write itself: far below a socket's send buffer. */
    private static final int SMALL_ANSWER_PAIRS = 16;

    /** Stored records a swap is checked on: enough to meet varied nodes, few enough to answer at once. */
    static final int SWAP_CHECK_NODES = 64;

    /**
     * One pair ({@code {"src", "dst", "t"}}) or a list of them ({@code {"pairs": [...]}}, at most
     * {@link #MAX_PAIRS}), scored together from the live state and answered in order.
     */
    private static void score(Context ctx, LinkcastService<?> service, ScoreWaves waves, QueryGate gate,
            Executor http) throws Exception {
        JsonNode body = parseBody(ctx);
        JsonNode explain = body.get("explain");
        if (explain != null && !explain.isBoolean()) {
            throw new BadRequest("field 'explain' must be true or false");
        }
        JsonNode pairs = body.get("pairs");
        List<Pair> list;
        if (pairs == null) {
            list = List.of(pair(body, ""));
        } else {
            if (!pairs.isArray() || pairs.isEmpty()) {
                throw new BadRequest("field 'pairs' must be a non-empty list of {\"src\", \"dst\", \"t\"}");
            }
            if (pairs.size() > MAX_PAIRS) {
                throw new Refused(413, "at most " + MAX_PAIRS + " pairs per request, got " + pairs.size());
            }
            list = new ArrayList<>(pairs.size());
            for (int i = 0; i < pairs.size(); i++) {
                JsonNode p = pairs.get(i);
                if (!p.isObject()) {
                    throw new BadRequest("pairs[" + i + "] must be an object like {\"src\": \"u\", \"dst\": \"v\", \"t\": 1}");
                }
                list.add(pair(p, "pairs[" + i + "]."));
            }
        }
        boolean single = pairs == null;
        List<Query> queries = queries(list);
        if (explain != null && explain.booleanValue()) {
            ctx.future(() -> gate.submit(() -> explained(service, queries))
                    .thenAcceptAsync(explained -> respond(ctx, single, answers(service, list, explained)), http));
            return;
        }
        // a waiting request holds no HTTP thread: the few threads the server has stay free to answer (or refuse) others.
        // The answer is written on the thread that completes it: a small one by the wave worker itself (it fits in the
        // socket's send buffer, so even a client that does not read cannot block the worker, and a hop to another
        // thread slowed the refusals under a flood: docs/results.md, session 13), a large one on the HTTP pool
        Executor writer = list.size() <= SMALL_ANSWER_PAIRS ? Runnable::run : http;
        CompletableFuture<List<ModelOutput>> scored = waves.submit(queries);
        ctx.future(() -> scored.handleAsync((outputs, failure) -> {
            if (failure == null) {
                respond(ctx, single, answers(service, list,
                        outputs.stream().map(o -> new LinkcastService.Explained(o, null)).toList()));
            } else if (unwrap(failure) instanceof QueryGate.Full full) {
                ctx.header("Retry-After", "1");
                error(ctx, 503, full.getMessage());
            } else {
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            return null;
        }, writer));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static void respond(Context ctx, boolean single, List<Map<String, Object>> answers) {
        if (single) {
            ctx.json(answers.get(0));
        } else {
            ctx.json(Map.of("scores", answers));
        }
    }

    private record Pair(String src, String dst, double t) {
    }

    private static Pair pair(JsonNode body, String where) {
        String src = idField(body, "src", where);
        String dst = idField(body, "dst", where);
        JsonNode t = body.get("t");
        if (t == null || !t.isNumber() || !Double.isFinite(t.asDouble())) {
            throw new BadRequest("field '" + where + "t' must be a finite number (seconds)");
        }
        return new Pair(src, dst, t.asDouble());
    }

    /** The explanations with every {@link NodeRef} replaced by the node's external id, looked up in one pass. */
    private static List<LinkcastService.Explained> explained(LinkcastService<?> service, List<Query> queries) {
        List<LinkcastService.Explained> raw = service.explain(queries);
        // a node named in several answers is looked up once
        List<Long> ids = new ArrayList<>(NodeRefs.collect(raw.stream().map(LinkcastService.Explained::explanation).toList()));
        List<String> names = service.externalIds(ids.stream().mapToLong(Long::longValue).toArray());
        Map<Long, String> external = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            external.put(ids.get(i), names.get(i));
        }
        return raw.stream().map(e -> new LinkcastService.Explained(e.output(),
                NodeRefs.named(e.explanation(), external))).toList();
    }

    private static List<Query> queries(List<Pair> pairs) {
        List<Query> queries = new ArrayList<>(pairs.size());
        for (Pair p : pairs) {
            queries.add(new Query(NodeIds.internalId(p.src()), NodeIds.internalId(p.dst()), p.t()));
        }
        return queries;
    }

    /** The answers to {@code pairs}, in order, from their outputs (with explanations where they were asked for). */
    private static List<Map<String, Object>> answers(LinkcastService<?> service, List<Pair> pairs,
            List<LinkcastService.Explained> outputs) {
        ModelInfo info = service.model().info();
        List<Map<String, Object>> answers = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            ModelOutput o = outputs.get(i).output();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("src", pairs.get(i).src());
            out.put("dst", pairs.get(i).dst());
            out.put("t", pairs.get(i).t());
            out.put("p_link", nullable(o.pLink()));
            out.put("p_positive", nullable(o.pPositive()));
            out.put("weight", nullable(o.weight()));
            out.put("model", info.name());
            out.put("version", info.version());
            if (outputs.get(i).explanation() != null) {
                out.put("explanation", outputs.get(i).explanation());
            }
            answers.add(out);
        }
        return answers;
    }

    private static Map<String, Object> modelInfo(LinkcastService<?> service) {
        ModelInfo info = service.model().info();
        return Map.of("model", info.name(), "version", info.version());
    }

    private static void requireRead(Context ctx, HttpAccess access) {
        // /v1/stats is the dashboard's feed: aggregate figures, open like /metrics and the page itself
        if (!ctx.path().equals("/v1/stats") && !access.mayRead(ctx.header("Authorization"))) {
            throw new Refused(401, "this API needs 'Authorization: Bearer <token>' (http.read.token)");
        }
    }

    /**
     * The hot swap, by the name of an artifact in {@code models.dir}: only with the admin token, only JSON (so a
     * page in a browser cannot send it cross-site as a simple request), and no answer names a path.
     */
    private static void swap(Context ctx, ServedModels models, LinkcastService<?> service, HttpAccess access) {
        if (!access.adminEnabled()) {
            throw new Refused(403, "admin calls are off: set http.admin.token (and models.dir) to enable them");
        }
        if (!access.mayAdminister(ctx.header("Authorization"))) {
            throw new Refused(401, "POST /admin/models needs 'Authorization: Bearer <http.admin.token>'");
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Refused(415, "POST /admin/models takes Content-Type: application/json");
        }
        if (models == null || access.modelsDir() == null) {
            throw new Refused(409, "no swappable models: start the service with models.dir and --model");
        }
        JsonNode body = parseBody(ctx);
        JsonNode name = body.get("name");
        Path dir = name != null && name.isTextual() ? access.artifact(name.textValue()) : null;
        if (dir == null) {
            throw new BadRequest("field 'name' must name an artifact in models.dir: letters, digits, '.', '_', '-'"
                    + " (a name, not a path)");
        }
        if (!Files.isDirectory(dir)) {
            throw new Refused(404, "no model artifact named '" + name.textValue() + "' in models.dir");
        }
        try {
            // checked on real records: a model can read an empty record and misread every stored one
            double t = service.metrics().latestEventTime();
            models.swap(dir, service.storedSample(SWAP_CHECK_NODES), Double.isFinite(t) ? t : 0);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // the loaders' messages name files: keep the reason, not where the artifacts live
            String reason = String.valueOf(e.getMessage()).replace(dir.toString(), name.textValue())
                    .replace(access.modelsDir().toString(), "models.dir");
            throw new BadRequest("model '" + name.textValue() + "' cannot be swapped in: " + reason);
        }
        ctx.json(modelInfo(service));
    }

    /** The k most likely next partners of a node, drawn from its own record and ranked by the model. */
    private static <S> void candidates(Context ctx, LinkcastService<S> service) {
        String id = nodeId(ctx);
        int k = intParam(ctx, "k", 10, 1, 1000);
        StreamModel<S> model = service.model();
        if (!(model instanceof CandidateSource<?>)) {
            error(ctx, 409, "model " + model.info().name() + " proposes no candidates");
            return;
        }
        @SuppressWarnings("unchecked")
        CandidateSource<S> source = (CandidateSource<S>) model;
        long internal = NodeIds.internalId(id);
        S state = service.nodeState(internal);
        if (state == null) {
            error(ctx, 404, "node '" + id + "' has no state: it has not appeared in the stream");
            return;
        }
        double t = ctx.queryParam("t") != null ? doubleParam(ctx, "t") : service.metrics().latestEventTime();
        rank(ctx, service, id, internal, source.candidates(internal, state), null, t, k);
    }

    /**
     * {@code POST /v1/nodes/{id}/candidates} {@code {"candidates": ["a", "b", ...], "k": 10, "t": ...}}: the caller's own
     * candidates ranked by the model, as the proposed ones are; at most {@value #MAX_PAIRS}. A node the stream has not
     * seen is scored from an empty record, as {@code /v1/score} scores it.
     */
    private static <S> void rankGiven(Context ctx, LinkcastService<S> service, JsonNode body) {
        String id = nodeId(ctx);
        JsonNode given = body.get("candidates");
        if (given == null || !given.isArray() || given.isEmpty()) {
            throw new BadRequest("body must hold \"candidates\": a non-empty list of node ids");
        }
        if (given.size() > MAX_PAIRS) {
            error(ctx, 413, "at most " + MAX_PAIRS + " candidates per request, got " + given.size());
            return;
        }
        long[] ids = new long[given.size()];
        String[] names = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            JsonNode c = given.get(i);
            if (!c.isTextual() && !c.isIntegralNumber() || c.asText().isEmpty() || c.asText().length() > 256) {
                throw new BadRequest("candidates[" + i + "] must be a node id of 1..256 characters");
            }
            names[i] = c.asText();
            ids[i] = NodeIds.internalId(names[i]);
        }
        JsonNode k = body.get("k");
        if (k != null && (!k.canConvertToInt() || k.asInt() < 1 || k.asInt() > MAX_PAIRS)) {
            throw new BadRequest("field 'k' must be an integer in 1.." + MAX_PAIRS);
        }
        JsonNode t = body.get("t");
        if (t != null && (!t.isNumber() || !Double.isFinite(t.asDouble()))) {
            throw new BadRequest("field 't' must be a finite number (seconds)");
        }
        rank(ctx, service, id, NodeIds.internalId(id), ids, names, t == null ? service.metrics().latestEventTime() : t.asDouble(),
                k == null ? ids.length : k.asInt());
    }

    /**
     * The k of {@code ids} with the highest p_link for (internal, id) at time t, named by {@code names} (the caller's)
     * or, when null, by their external ids.
     */
    private static <S> void rank(Context ctx, LinkcastService<S> service, String id, long internal, long[] ids,
            String[] names, double t, int k) {
        StreamModel<S> model = service.model();
        List<Query> queries = new ArrayList<>(ids.length);
        for (long c : ids) {
            queries.add(new Query(internal, c, t));
        }
        List<ModelOutput> scores = ids.length == 0 ? List.of() : service.score(queries);
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores.get(b).pLink(), scores.get(a).pLink()));
        int top = Math.min(k, order.length);
        List<String> external = names != null ? null
                : service.externalIds(Arrays.stream(order, 0, top).mapToLong(i -> ids[i]).toArray());
        List<Map<String, Object>> ranked = new ArrayList<>();
        for (int i = 0; i < top; i++) {
            ModelOutput o = scores.get(order[i]);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("node", names != null ? names[order[i]] : external.get(i));
            c.put("p_link", nullable(o.pLink()));
            c.put("p_positive", nullable(o.pPositive()));
            ranked.add(c);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("t", t);
        out.put("pool", ids.length);
        out.put("model", model.info().name());
        out.put("version", model.info().version());
        out.put("candidates", ranked);
        ctx.json(out);
    }

    /** The body of a peer's {@link NodeRouter#PATH} request: {"ids": [internal ids]}, at most 100,000 of them. */
    private static long[] idsOf(Context ctx) {
        JsonNode ids = parseBody(ctx).get("ids");
        if (ids == null || !ids.isArray() || ids.size() > 100_000) {
            throw new BadRequest("body must be {\"ids\": [internal node ids]}, at most 100000");
        }
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            if (!ids.get(i).canConvertToLong()) {
                throw new BadRequest("ids must be integers (internal node ids)");
            }
            out[i] = ids.get(i).longValue();
        }
        return out;
    }

    private static String nodeId(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.isEmpty() || id.length() > 256) {
            throw new BadRequest("node id must be 1..256 characters");
        }
        return id;
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new BadRequest("query parameter '" + name + "' must be an integer in " + min + ".." + max + ", got '" + v + "'");
    }

    private static double doubleParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new BadRequest("query parameter '" + name + "' must be a finite number, got '" + v + "'");
    }

    private static <S> void node(Context ctx, LinkcastService<S> service) {
        String id = nodeId(ctx);
        long internal = NodeIds.internalId(id);
        S state = service.nodeState(internal);
        if (state == null) {
            error(ctx, 404, "node '" + id + "' has no state: it has not appeared in the stream");
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("internal_id", internal);
        out.put("model", service.model().info().name());
        out.put("version", service.model().info().version());
        out.put("state", service.model().describe(state));
        ctx.json(out);
    }

    private static JsonNode parseBody(Context ctx) {
        JsonNode body;
        try {
            body = MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new BadRequest("body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("body must be a JSON object like {\"src\": \"u\", \"dst\": \"v\", \"t\": 1700000000}");
        }
        return body;
    }

    private static String idField(JsonNode body, String field, String where) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw new BadRequest("field '" + where + field + "' is missing");
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        if (n.isTextual() && !n.textValue().isEmpty() && n.textValue().length() <= 256) {
            return n.textValue();
        }
        throw new BadRequest("field '" + where + field + "' must be a non-empty string or an integer");
    }

    private static Float nullable(float v) {
        return Float.isNaN(v) ? null : v;
    }

    /** A request refused with a status other than 400. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    @Override
    public void close() {
        // queries still waiting are refused while the server can still answer them
        waves.close();
        gate.close();
        app.stop();
    }

    /** A request the API refuses with 400 and this message. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
