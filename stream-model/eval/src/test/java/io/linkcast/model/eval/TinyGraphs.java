package io.linkcast.model.eval;

import io.linkcast.ingest.Interaction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic temporal graphs for the harness tests. */
public final class TinyGraphs {
    private TinyGraphs() {
    }

    /** Events at t = 1..n between {@code nodes} nodes; a fraction {@code repeat} re-sends an earlier pair. */
    static List<Interaction> random(long seed, int n, int nodes, double repeat) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Interaction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s;
            String d;
            if (i > 0 && r.nextDouble() < repeat) {
                Interaction old = out.get(r.nextInt(out.size()));
                s = old.srcKey();
                d = old.dstKey();
            } else {
                s = Integer.toString(1 + r.nextInt(nodes));
                d = Integer.toString(1 + r.nextInt(nodes));
            }
            out.add(Interaction.of(s, d, i + 1));
        }
        return out;
    }

    /**
     * A signed graph: nodes 1..10 are "distrusted" (every rating they receive is -1, weight -5), the others
     * receive +1 (weight +2); sources are uniform.
     */
    public static List<Interaction> signed(long seed, int n, int nodes) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Interaction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = 1 + r.nextInt(nodes);
            int d = 1 + r.nextInt(nodes);
            boolean distrusted = d <= 10;
            out.add(Interaction.of(Integer.toString(s), Integer.toString(d), i + 1, distrusted ? -1 : 1,
                    distrusted ? -5 : 2, null));
        }
        return out;
    }

    static Interaction edge(String s, String d, double t) {
        return Interaction.of(s, d, t);
    }
}
