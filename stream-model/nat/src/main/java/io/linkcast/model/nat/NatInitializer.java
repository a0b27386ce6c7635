package io.linkcast.model.nat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills a {@link NatBlock}'s parameters the way the original initialises them (nat-spec.md §9), from a seeded
 * Java generator so that a seed gives the same weights on every device and engine:
 * input projections U(±1/√fan_in); GRU weights and biases U(±1/√hidden); aggregator Xavier-uniform with a
 * zero bias; MLP weights Xavier-normal and biases U(±1/√fan_in); distance-encoding embedding N(0, 1);
 * time-encoder frequencies 10^(−9i/(d_t−1)) and zero phases.
 */
final class NatInitializer {

    private NatInitializer() {
    }

    static void initialize(NatBlock block, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        NatConfig c = block.config();
        for (Map.Entry<String, Parameter> e : block.parametersByName().entrySet()) {
            // one independent stream per parameter, in a fixed order
            SplittableRandom rnd = root.split();
            NDArray array = e.getValue().getArray();
            long[] shape = array.getShape().getShape();
            int size = (int) array.size();
            float[] v = new float[size];
            String name = e.getKey();
            if (name.equals("time_encoder.basis_freq")) {
                for (int i = 0; i < size; i++) {
                    v[i] = size == 1 ? 1f : (float) (1.0 / Math.pow(10, 9.0 * i / (size - 1)));
                }
            } else if (name.equals("time_encoder.phase") || name.equals("gat.gat_net.0.bias")) {
                // zeros
            } else if (name.equals("trainable_embedding.weight")) {
                for (int i = 0; i < size; i++) {
                    v[i] = (float) rnd.nextGaussian();
                }
            } else if (name.contains("_aggregator.gru.")) {
                int hidden = name.startsWith("ngh") ? c.valueDim() : c.selfDim();
                uniform(rnd, v, 1.0 / Math.sqrt(hidden));
            } else if (name.equals("gat.gat_net.0.linear_proj.weight")) {
                uniform(rnd, v, Math.sqrt(6.0 / (shape[0] + shape[1])));
            } else if (name.startsWith("out_layer.") && name.endsWith(".weight")) {
                double std = Math.sqrt(2.0 / (shape[0] + shape[1]));
                for (int i = 0; i < size; i++) {
                    v[i] = (float) (rnd.nextGaussian() * std);
                }
            } else if (name.startsWith("out_layer.") && name.endsWith(".bias")) {
                int fanIn = (int) block.parametersByName().get(name.replace(".bias", ".weight")).getArray()
                        .getShape().get(1);
                uniform(rnd, v, 1.0 / Math.sqrt(fanIn));
            } else if (name.endsWith("_rep_linear.weight")) {
                uniform(rnd, v, 1.0 / Math.sqrt(shape[1]));
            } else {
                throw new IllegalStateException("no initialisation rule for parameter " + name);
            }
            array.set(v);
        }
    }

    private static void uniform(SplittableRandom rnd, float[] v, double bound) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
    }
}
