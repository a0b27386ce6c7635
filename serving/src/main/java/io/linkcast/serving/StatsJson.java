package io.linkcast.serving;

import io.linkcast.model.engine.ModelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /v1/stats}: the model, the totals, the live quality now and the timeline's samples,
 * with null wherever a figure is not a number (JSON has no NaN) or the lag is unknown.
 */
final class StatsJson {
    private StatsJson() {
    }

    static Map<String, Object> of(StatsTimeline timeline, ModelInfo model, long nowMillis) {
        return of(timeline, model, nowMillis, Map.of());
    }

    /** With {@code restoring}: store/partition → changelog records still to restore on this instance. */
    static Map<String, Object> of(StatsTimeline timeline, ModelInfo model, long nowMillis, Map<String, Long> restoring) {
        StreamMetrics m = timeline.metrics();
        LiveQuality.Snapshot q = m.liveQuality().snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", nowMillis);
        out.put("started", timeline.startMillis());
        out.put("model", Map.of("name", model.name(), "version", model.version()));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("accepted", m.acceptedTotal());
        totals.put("dead_lettered", m.deadLetteredTotal());
        totals.put("predictions", m.predictedTotal());
        out.put("totals", totals);
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("window", m.liveQuality().capacity());
        quality.putAll(figures(q));
        LiveQuality.Snapshot b = m.baselineQuality().snapshot();
        // the baseline yardstick over the same events and negatives: null when none runs beside the models
        quality.put("baseline", b.windowEvents() == 0 ? null : figures(b));
        out.put("quality", quality);
        List<Map<String, Object>> samples = new ArrayList<>();
        for (StatsTimeline.Sample s : timeline.samples()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("t", s.t());
            j.put("events_per_s", number(s.eventsPerS()));
            j.put("accepted_per_s", number(s.acceptedPerS()));
            j.put("dead_lettered_per_s", number(s.deadLetteredPerS()));
            j.put("p50_ms", number(s.p50Ms()));
            j.put("p99_ms", number(s.p99Ms()));
            j.put("lag", s.lag() < 0 ? null : s.lag());
            j.put("link_ap", number(s.linkAp()));
            j.put("link_auc", number(s.linkAuc()));
            j.put("sign_auc", number(s.signAuc()));
            j.put("sign_macro_f1", number(s.signMacroF1()));
            j.put("window_events", s.windowEvents());
            j.put("baseline_link_ap", number(s.baselineLinkAp()));
            j.put("baseline_sign_auc", number(s.baselineSignAuc()));
            samples.add(j);
        }
        out.put("samples", samples);
        List<Map<String, Object>> partitions = new ArrayList<>();
        m.partitions().forEach((p, v) -> {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("partition", p);
            j.put("predictions", v[0]);
            j.put("in_flight", v[1]);
            j.put("waiting", v[2]);
            partitions.add(j);
        });
        out.put("partitions", partitions);
        out.put("restoring", restoring);
        return out;
    }

    private static Map<String, Object> figures(LiveQuality.Snapshot q) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("window_events", q.windowEvents());
        f.put("link_pairs", q.linkPairs());
        f.put("signed_events", q.signedEvents());
        f.put("link_ap", number(q.linkAp()));
        f.put("link_auc", number(q.linkAuc()));
        f.put("sign_auc", number(q.signAuc()));
        f.put("sign_macro_f1", number(q.signMacroF1()));
        return f;
    }

    private static Double number(double v) {
        // four decimals are plenty for a chart and keep ten minutes of samples small
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
    }
}
