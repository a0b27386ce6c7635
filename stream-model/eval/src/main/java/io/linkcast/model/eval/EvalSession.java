package io.linkcast.model.eval;

import io.linkcast.ingest.Interaction;
import java.util.ArrayList;
import java.util.List;

/** Runs several models over several seeds on one dataset, with one protocol, and collects the results. */
public final class EvalSession {
    private final EvalConfig config;

    /** @param config the settings; its seed is replaced by each seed of {@link #run} */
    public EvalSession(EvalConfig config) {
        this.config = config;
    }

    /** One result per (seed, candidate), seeds in the outer loop. */
    public List<EvalResult> run(List<Interaction> data, Protocol protocol, List<Long> seeds,
            List<CandidateModel> candidates) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed is needed");
        }
        List<EvalResult> results = new ArrayList<>();
        for (long seed : seeds) {
            Split split = Splits.of(data, protocol, seed);
            ModelEvaluator evaluator = new ModelEvaluator(config.withSeed(seed));
            for (CandidateModel c : candidates) {
                long start = System.nanoTime();
                EvalResult r = evaluator.evaluate(c.name(), c.build(split, seed), split);
                // the wall time includes building (fitting) the model
                results.add(new EvalResult(r.model(), r.seed(), r.sizes(), r.metrics(), r.linkTest(), r.signTest(),
                        (System.nanoTime() - start) / 1e9));
            }
        }
        return results;
    }
}
