package io.linkcast.model.engine;

import io.linkcast.state.StateCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The model the stream runs now, replaceable while it runs (hot swap). The engine reads it once per
 * micro-batch, so a batch is never split between two versions, and every prediction names the version
 * that made it. The node states are kept: a replacement must read the records the current model writes.
 */
public final class ModelHandle<S> {
    private volatile StreamModel<S> current;

    public ModelHandle(StreamModel<S> model) {
        this.current = Objects.requireNonNull(model, "model");
    }

    public StreamModel<S> current() {
        return current;
    }

    /**
     * Replaces the model. Refused unless the replacement has the same name and reads the state records the
     * current model writes (a model with other dimensions would misread every node); only an empty record is
     * checked: {@link #swap(StreamModel, List, double)} checks stored ones too.
     */
    public synchronized ModelInfo swap(StreamModel<S> replacement) {
        return swap(replacement, List.of(), 0);
    }

    /**
     * Replaces the model, once it has shown on {@code stored} (real records of the store, in the current model's
     * codec) that it reads them: each decodes and encodes back to the same bytes, and one read-only wave of
     * scores at time {@code t} over pairs of them gives the same kinds of output as the current model's, each a
     * finite probability. A model of the same shape but other weights passes; one that reads the bytes otherwise
     * (another hash function, other dimensions behind the same fingerprint) is refused with the node it failed on.
     */
    public synchronized ModelInfo swap(StreamModel<S> replacement, List<StoredNode> stored, double t) {
        StreamModel<S> old = current;
        if (!old.info().name().equals(replacement.info().name())) {
            throw new IllegalArgumentException("cannot replace model '" + old.info().name() + "' with '"
                    + replacement.info().name() + "'");
        }
        checkCompatible(old, replacement);
        checkStored(old, replacement, stored, t);
        current = replacement;
        return replacement.info();
    }

    private static <S> void checkStored(StreamModel<S> old, StreamModel<S> replacement, List<StoredNode> stored, double t) {
        if (stored.isEmpty()) {
            return;
        }
        List<S> before = new ArrayList<>(stored.size());
        List<S> after = new ArrayList<>(stored.size());
        for (StoredNode n : stored) {
            S decoded;
            try {
                decoded = replacement.codec().decode(n.record());
                if (!Arrays.equals(replacement.codec().encode(decoded), n.record())) {
                    throw new IllegalArgumentException("it writes it back differently");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("model " + replacement.info() + " cannot read the stored record of node "
                        + n.id() + ": " + e.getMessage(), e);
            }
            after.add(decoded);
            before.add(old.codec().decode(n.record()));
        }
        // each node with the next: a wave the size of the sample, read-only, as a query would run it
        List<Query> queries = new ArrayList<>(stored.size());
        List<S> src = new ArrayList<>();
        List<S> dst = new ArrayList<>();
        List<S> oldSrc = new ArrayList<>();
        List<S> oldDst = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            int j = (i + 1) % stored.size();
            queries.add(new Query(stored.get(i).id(), stored.get(j).id(), t));
            src.add(after.get(i));
            dst.add(after.get(j));
            oldSrc.add(before.get(i));
            oldDst.add(before.get(j));
        }
        List<ModelOutput> expected = old.score(queries, oldSrc, oldDst);
        List<ModelOutput> got;
        try {
            got = replacement.score(queries, src, dst);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model " + replacement.info() + " fails on the stored records: " + e.getMessage(),
                    e);
        }
        for (int i = 0; i < queries.size(); i++) {
            String problem = sameKind(expected.get(i), got.get(i));
            if (problem != null) {
                throw new IllegalArgumentException("model " + replacement.info() + " scores the stored nodes "
                        + queries.get(i).src() + " → " + queries.get(i).dst() + " wrongly: " + problem);
            }
        }
    }

    /** Null if {@code got} has the fields {@code expected} has, as finite values, probabilities in [0, 1]. */
    private static String sameKind(ModelOutput expected, ModelOutput got) {
        float[][] fields = {{expected.pLink(), got.pLink()}, {expected.pPositive(), got.pPositive()},
            {expected.weight(), got.weight()}};
        String[] names = {"p_link", "p_positive", "weight"};
        for (int f = 0; f < fields.length; f++) {
            float e = fields[f][0];
            float g = fields[f][1];
            if (Float.isNaN(e) != Float.isNaN(g)) {
                return names[f] + " is " + g + " where the running model gives " + e;
            }
            if (!Float.isNaN(g) && (!Float.isFinite(g) || (f < 2 && (g < 0 || g > 1)))) {
                return names[f] + " is " + g;
            }
        }
        return null;
    }

    private static <S> void checkCompatible(StreamModel<S> old, StreamModel<S> replacement) {
        if (!old.stateFingerprint().equals(replacement.stateFingerprint())) {
            throw new IllegalArgumentException("model " + replacement.info() + " keeps its node states differently from "
                    + old.info() + ": " + replacement.stateFingerprint() + " against " + old.stateFingerprint());
        }
        StateCodec<S> oldCodec = old.codec();
        byte[] sample = oldCodec.encode(old.emptyState(1));
        try {
            S decoded = replacement.codec().decode(sample);
            if (!Arrays.equals(replacement.codec().encode(decoded), sample)) {
                throw new IllegalArgumentException("model " + replacement.info() + " does not keep the state records of "
                        + old.info() + " unchanged");
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("model ")) {
                throw iae;
            }
            throw new IllegalArgumentException("model " + replacement.info() + " cannot read the state of " + old.info()
                    + ": " + e.getMessage(), e);
        }
    }
}
