package io.linkcast.model.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Named models that {@code eval} builds from a split instead of loading an artifact: the baselines of
 * evaluation.md. Found with {@link ServiceLoader} from {@code META-INF/services/io.linkcast.model.eval.CandidateSet}
 * ({@link #discover()}), so that the evaluation harness and the CLI import no model module.
 */
public interface CandidateSet {

    /** Link candidates, in report order. */
    List<String> link();

    /** Sign candidates, in report order. */
    List<String> sign();

    /** The candidate called {@code name}, if this set has one. */
    Optional<CandidateModel> byName(String name);

    /** Every set on the class path, as one (in the order found). */
    static CandidateSet discover() {
        List<CandidateSet> sets = new ArrayList<>();
        ServiceLoader.load(CandidateSet.class).forEach(sets::add);
        return new CandidateSet() {
            @Override
            public List<String> link() {
                return sets.stream().flatMap(s -> s.link().stream()).toList();
            }

            @Override
            public List<String> sign() {
                return sets.stream().flatMap(s -> s.sign().stream()).toList();
            }

            @Override
            public Optional<CandidateModel> byName(String name) {
                return sets.stream().map(s -> s.byName(name)).flatMap(Optional::stream).findFirst();
            }
        };
    }
}
