package io.linkcast.model.semba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import java.util.Arrays;
import java.util.List;

/**
 * The training objective of each task (semba-spec section 4), with class weights against imbalance.
 *
 * <ul>
 *   <li>sign: binary cross-entropy on P(+), class-weighted; unsigned events are skipped;
 *   <li>link: binary cross-entropy, the events against as many sampled non-edges (balanced by construction);
 *   <li>signlink: cross-entropy over (+, -, none), class-weighted, non-edges are "none";
 *   <li>weight: squared error of the signed weight on the scale of the messages (weight × weightScale); the
 *       target of an event without weight is its sign.
 * </ul>
 * With {@code balanceClasses}, class c weighs total / (classes × count_c) over the training events, so the
 * weights average to 1 and each class contributes the same total. Both the training loss (on NDArrays, with
 * gradients) and the validation loss (from the predictions of the serving path) are means over the counted
 * events.
 */
final class SembaLoss {
    private static final double EPS = 1e-7;

    private final SembaConfig config;
    private final double[] classWeights;

    private SembaLoss(SembaConfig config, double[] classWeights) {
        this.config = config;
        this.classWeights = classWeights;
    }

    static SembaLoss fromTraining(SembaConfig config, List<SequencedEvent> train, boolean balance) {
        long positive = 0;
        long negative = 0;
        for (SequencedEvent e : train) {
            positive += e.event().sign() > 0 ? 1 : 0;
            negative += e.event().sign() < 0 ? 1 : 0;
        }
        double[] w = switch (config.task()) {
            case SIGN -> balance ? balanced(positive, negative) : new double[] {1, 1};
            // one sampled non-edge per event: "none" is as frequent as all events together
            case SIGNLINK -> balance ? balanced(positive, negative, train.size()) : new double[] {1, 1, 1};
            case LINK -> new double[] {1, 1};
            case WEIGHT -> new double[] {1};
        };
        return new SembaLoss(config, w);
    }

    private static double[] balanced(long... counts) {
        long total = Arrays.stream(counts).sum();
        double[] w = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            w[i] = counts[i] == 0 ? 1.0 : total / (double) (counts.length * counts[i]);
        }
        return w;
    }

    List<Double> classWeights() {
        return Arrays.stream(classWeights).boxed().toList();
    }

    /** A sum of weighted per-event losses and the number of events it covers. */
    record Part(NDArray sum, int count) {
    }

    /**
     * The training loss of a wave: rows 0..n-1 of {@code logits} are its events, the next {@code negatives}
     * rows sampled non-edges, the rest padding.
     */
    Part training(NDManager m, NDArray logits, List<SequencedEvent> events, int negatives) {
        int rows = Math.toIntExact(logits.getShape().get(0));
        int n = events.size();
        float[] target = new float[rows];
        float[] weight = new float[rows];
        int count = 0;
        switch (config.task()) {
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    int sign = events.get(i).event().sign();
                    if (sign != 0) {
                        target[i] = sign > 0 ? 1f : 0f;
                        weight[i] = (float) classWeights[sign > 0 ? 0 : 1];
                        count++;
                    }
                }
                return new Part(binary(m, column(logits, SembaNetwork.SIGN), target, weight), count);
            }
            case LINK -> {
                for (int i = 0; i < n + negatives; i++) {
                    target[i] = i < n ? 1f : 0f;
                    weight[i] = (float) classWeights[i < n ? 0 : 1];
                }
                return new Part(binary(m, column(logits, SembaNetwork.LINK), target, weight), n + negatives);
            }
            case SIGNLINK -> {
                float[] oneHot = new float[rows * 3];
                for (int i = 0; i < n + negatives; i++) {
                    int cls = i >= n ? 2 : events.get(i).event().sign() < 0 ? 1 : 0;
                    oneHot[i * 3 + cls] = (float) classWeights[cls];
                }
                NDArray logp = logits.get(new NDIndex(":, {}:{}", SembaNetwork.CLASS_POSITIVE,
                        SembaNetwork.CLASS_NONE + 1)).logSoftmax(1);
                return new Part(logp.mul(m.create(oneHot, new Shape(rows, 3))).sum().neg(), n + negatives);
            }
            case WEIGHT -> {
                for (int i = 0; i < n; i++) {
                    Interaction e = events.get(i).event();
                    if (e.hasWeight() || e.sign() != 0) {
                        target[i] = (float) (rating(e) * config.weightScale());
                        weight[i] = 1f;
                        count++;
                    }
                }
                NDArray diff = column(logits, SembaNetwork.WEIGHT).sub(m.create(target));
                return new Part(diff.square().mul(m.create(weight)).sum(), count);
            }
            default -> throw new IllegalStateException("unknown task " + config.task());
        }
    }

    private static NDArray column(NDArray logits, int col) {
        return logits.get(new NDIndex(":, {}", col));
    }

    /** Σ w · BCE(σ(l), y), computed stably as softplus(l) − y l. */
    private static NDArray binary(NDManager m, NDArray l, float[] target, float[] weight) {
        NDArray loss = Activation.softPlus(l).sub(l.mul(m.create(target)));
        return loss.mul(m.create(weight)).sum();
    }

    static double rating(Interaction e) {
        return e.hasWeight() ? e.weight() : e.sign();
    }

    /** Accumulates the validation loss from predictions of the serving path. */
    final class Validation {
        private double sum;
        private long count;

        /** The prediction {@code out} made for {@code e} before it was applied. */
        void event(Interaction e, ModelOutput out) {
            switch (config.task()) {
                case SIGN -> {
                    if (e.sign() != 0) {
                        boolean pos = e.sign() > 0;
                        add(classWeights[pos ? 0 : 1] * -Math.log(clamp(pos ? out.pPositive() : 1 - out.pPositive())));
                    }
                }
                case LINK -> add(classWeights[0] * -Math.log(clamp(out.pLink())));
                case SIGNLINK -> {
                    boolean pos = e.sign() >= 0;
                    double p = out.pLink() * (pos ? out.pPositive() : 1 - out.pPositive());
                    add(classWeights[pos ? 0 : 1] * -Math.log(clamp(p)));
                }
                case WEIGHT -> {
                    if (e.hasWeight() || e.sign() != 0) {
                        double d = (out.weight() - rating(e)) * config.weightScale();
                        add(d * d);
                    }
                }
                default -> throw new IllegalStateException("unknown task " + config.task());
            }
        }

        /** The read-only prediction {@code out} for a sampled non-edge. */
        void nonEdge(ModelOutput out) {
            if (config.task() == SembaTask.LINK) {
                add(classWeights[1] * -Math.log(clamp(1 - out.pLink())));
            } else if (config.task() == SembaTask.SIGNLINK) {
                add(classWeights[2] * -Math.log(clamp(1 - out.pLink())));
            }
        }

        private void add(double loss) {
            sum += loss;
            count++;
        }

        double mean() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    private static double clamp(double p) {
        return Math.min(1 - EPS, Math.max(EPS, p));
    }
}
