package io.linkcast.model.nat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * NAT's trainable network as one DJL block (nat-spec.md §2.1, §3): time encoder, the two refresh GRUs with
 * their input projections, the distance-encoding embedding, the aggregator and the output MLP. Parameter
 * names and layouts are PyTorch's {@code state_dict} ones, so weights of the original load by name.
 *
 * <p>{@link #forward} computes one wave from the arrays of a {@link NatBatch}: the refreshed slot values Z',
 * the refreshed self representations and the logit of every pair. All of it is batched NDArray work, so it
 * runs on whatever device the inputs live on; gradients flow into the parameters only (the stored state
 * comes in as plain inputs, i.e. detached).
 *
 * <p>Two exact simplifications: linkcast events carry no node or edge features, so the feature blocks of
 * the inputs are zeros; the edge block is still fed (so the original shapes load), while the node-feature
 * columns of the aggregator are skipped (they multiply zeros and receive zero gradient either way). Without
 * dropout the aggregator's projection is linear, so in inference the rows of a pair are summed before it
 * is applied instead of after.
 *
 * <p>For batch invariance on CPU (the same event gives bit-identical numbers in any wave), the sigmoid is
 * computed as 1/(1+exp(−x)) (PyTorch's vectorised sigmoid differs in the last bit depending on the element's
 * position), matrix products go through {@link #linear} (aligned, at least 16 outputs) and {@link NatBatch}
 * pads every matrix to at least {@link NatBatch#MIN_ROWS} rows (small matrix products take other kernels).
 */
public final class NatBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Matrix widths are padded to multiples of this many floats (64 bytes). */
    static final int ALIGN = 16;

    private final NatConfig config;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private final Parameter basisFreq;
    private final Parameter phase;
    private final Parameter positionEmbedding;
    private final Parameter nghLinear;
    private final Parameter nghWih;
    private final Parameter nghWhh;
    private final Parameter nghBih;
    private final Parameter nghBhh;
    private final Parameter selfLinear;
    private final Parameter selfWih;
    private final Parameter selfWhh;
    private final Parameter selfBih;
    private final Parameter selfBhh;
    private final Parameter aggWeight;
    private final Parameter aggBias;
    private final Parameter fc1Weight;
    private final Parameter fc1Bias;
    private final Parameter fc2Weight;
    private final Parameter fc2Bias;

    public NatBlock(NatConfig config) {
        super(VERSION);
        this.config = Objects.requireNonNull(config, "config");
        int dz = config.valueDim();
        int ds = config.selfDim();
        int in = config.refreshInputDim();
        int mlp = config.mlpInputDim();
        basisFreq = param("time_encoder.basis_freq", Parameter.Type.WEIGHT, config.timeDim());
        phase = param("time_encoder.phase", Parameter.Type.BIAS, config.timeDim());
        positionEmbedding = param("trainable_embedding.weight", Parameter.Type.WEIGHT, NatConfig.POSITION_CODES,
                config.positionDim());
        nghLinear = param("ngh_rep_linear.weight", Parameter.Type.WEIGHT, dz, in);
        nghWih = param("ngh_aggregator.gru.weight_ih", Parameter.Type.WEIGHT, 3 * dz, dz);
        nghWhh = param("ngh_aggregator.gru.weight_hh", Parameter.Type.WEIGHT, 3 * dz, dz);
        nghBih = param("ngh_aggregator.gru.bias_ih", Parameter.Type.BIAS, 3 * dz);
        nghBhh = param("ngh_aggregator.gru.bias_hh", Parameter.Type.BIAS, 3 * dz);
        selfLinear = param("self_rep_linear.weight", Parameter.Type.WEIGHT, ds, in);
        selfWih = param("self_aggregator.gru.weight_ih", Parameter.Type.WEIGHT, 3 * ds, ds);
        selfWhh = param("self_aggregator.gru.weight_hh", Parameter.Type.WEIGHT, 3 * ds, ds);
        selfBih = param("self_aggregator.gru.bias_ih", Parameter.Type.BIAS, 3 * ds);
        selfBhh = param("self_aggregator.gru.bias_hh", Parameter.Type.BIAS, 3 * ds);
        aggWeight = param("gat.gat_net.0.linear_proj.weight", Parameter.Type.WEIGHT,
                config.heads() * config.pairDim(), config.jointRowDim());
        aggBias = param("gat.gat_net.0.bias", Parameter.Type.BIAS, config.pairDim());
        fc1Weight = param("out_layer.fc1.weight", Parameter.Type.WEIGHT, mlp, mlp);
        fc1Bias = param("out_layer.fc1.bias", Parameter.Type.BIAS, mlp);
        fc2Weight = param("out_layer.fc2.weight", Parameter.Type.WEIGHT, 1, mlp);
        fc2Bias = param("out_layer.fc2.bias", Parameter.Type.BIAS, 1);
    }

    private Parameter param(String name, Parameter.Type type, long... shape) {
        Parameter p = addParameter(Parameter.builder().setName(name).setType(type).optShape(new Shape(shape))
                .optInitializer(Initializer.ZEROS).build());
        byName.put(name, p);
        return p;
    }

    public NatConfig config() {
        return config;
    }

    /** The parameters by their PyTorch {@code state_dict} name, in a fixed order. */
    public Map<String, Parameter> parametersByName() {
        return java.util.Collections.unmodifiableMap(byName);
    }

    /** Allocates every parameter (zeros) on {@code manager}'s device; {@link NatInitializer} fills them. */
    public void allocate(NDManager manager) {
        initialize(manager, DataType.FLOAT32, NatBatch.inputShapes(config));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[9].get(0)), inputShapes[2], inputShapes[4]};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray rowSelf = inputs.get(0);
        NDArray rowTime = inputs.get(1);
        NDArray rowZ = inputs.get(2);
        NDArray rowMask = inputs.get(3);
        NDArray nodeSelf = inputs.get(4);
        NDArray nodePrevSelf = inputs.get(5);
        NDArray nodePrevTime = inputs.get(6);
        NDArray groupMembers = inputs.get(7);
        NDArray groupCode = inputs.get(8);
        NDArray pairGroups = inputs.get(9);
        NDArray pairNodes = inputs.get(10);
        NDManager m = rowSelf.getManager();
        var device = rowSelf.getDevice();

        NDArray omega = ps.getValue(basisFreq, device, training);
        NDArray phi = ps.getValue(phase, device, training);

        // §2.2 refresh of every slot row: Z' = GRU_n(W_n·[self(key), E, TE(t)], Z), masked
        NDArray rowIn = refreshInput(rowSelf, rowTime, omega, phi);
        NDArray rowX = linear(rowIn, ps.getValue(nghLinear, device, training), null);
        NDArray zNew = gru(rowX, rowZ, ps.getValue(nghWih, device, training), ps.getValue(nghWhh, device, training),
                ps.getValue(nghBih, device, training), ps.getValue(nghBhh, device, training), config.valueDim())
                .mul(rowMask);

        // §2.2 refresh of the queried nodes' self representations from their previous events
        NDArray nodeIn = refreshInput(nodePrevSelf, nodePrevTime, omega, phi);
        NDArray nodeX = linear(nodeIn, ps.getValue(selfLinear, device, training), null);
        NDArray selfNew = gru(nodeX, nodeSelf, ps.getValue(selfWih, device, training),
                ps.getValue(selfWhh, device, training), ps.getValue(selfBih, device, training),
                ps.getValue(selfBhh, device, training), config.selfDim());

        // §3.2 joint rows: rows of both nodes merged by key, ΣZ' ++ PosEmb[code]
        int dz = config.valueDim();
        long groupsPadded = groupCode.getShape().get(0);
        NDArray zPadded = zNew.concat(m.zeros(new Shape(1, dz)), 0);
        NDArray members = zPadded.get(new NDIndex("{}", groupMembers.flatten()))
                .reshape(NatBatch.MEMBERS, groupsPadded, dz);
        // added one member at a time: a reduction over this axis rounds differently by column position
        NDArray sumZ = members.get(0);
        for (int k = 1; k < NatBatch.MEMBERS; k++) {
            sumZ = sumZ.add(members.get(k));
        }
        NDArray pos = ps.getValue(positionEmbedding, device, training).get(new NDIndex("{}", groupCode));
        NDArray joint = sumZ.concat(pos, 1);

        // the aggregator without its node-feature columns (they multiply zeros)
        NDArray wAgg = ps.getValue(aggWeight, device, training).get(new NDIndex(":, " + config.pairDim() + ":"));
        long pairsPadded = pairGroups.getShape().get(0);
        long maxGroups = pairGroups.getShape().get(1);
        NDArray pairEmb;
        if (training && config.dropout() > 0) {
            float p = (float) config.dropout();
            NDArray projected = linear(Dropout.dropout(joint, p, true).singletonOrThrow(), wAgg, null);
            projected = Dropout.dropout(projected, p, true).singletonOrThrow();
            NDArray perGroup = headMean(projected);
            pairEmb = sumPerPair(perGroup, pairGroups, pairsPadded, maxGroups);
        } else {
            NDArray perPair = sumPerPair(joint, pairGroups, pairsPadded, maxGroups);
            pairEmb = headMean(linear(perPair, wAgg, null));
        }
        pairEmb = pairEmb.add(ps.getValue(aggBias, device, training));

        // §3.2 output MLP on [pair embedding, self'_first, self'_second]
        NDArray first = selfNew.get(new NDIndex("{}", pairNodes.get(0)));
        NDArray second = selfNew.get(new NDIndex("{}", pairNodes.get(1)));
        NDArray mlpIn = pairEmb.concat(first, 1).concat(second, 1);
        NDArray hidden = linear(mlpIn, ps.getValue(fc1Weight, device, training),
                ps.getValue(fc1Bias, device, training)).maximum(0f);
        NDArray logits = linear(hidden, ps.getValue(fc2Weight, device, training),
                ps.getValue(fc2Bias, device, training)).get(new NDIndex(":, 0"));
        return new NDList(logits, zNew, selfNew);
    }

    private NDArray refreshInput(NDArray self, NDArray time, NDArray omega, NDArray phi) {
        NDArray te = time.mul(omega).add(phi).cos();
        if (config.edgeFeatureDim() > 0) {
            NDArray edges = self.getManager().zeros(new Shape(self.getShape().get(0), config.edgeFeatureDim()));
            return self.concat(edges, 1).concat(te, 1);
        }
        return self.concat(te, 1);
    }

    /** Mean over the heads, summed one head at a time (see {@code sumZ}) and divided by H. */
    private NDArray headMean(NDArray projected) {
        if (config.heads() == 1) {
            return projected;
        }
        int d = config.pairDim();
        NDArray sum = projected.get(new NDIndex(":, 0:" + d));
        for (int h = 1; h < config.heads(); h++) {
            sum = sum.add(projected.get(new NDIndex(":, " + h * d + ":" + (h + 1) * d)));
        }
        return sum.div((float) config.heads());
    }

    private static NDArray sumPerPair(NDArray perGroup, NDArray pairGroups, long pairs, long maxGroups) {
        long width = perGroup.getShape().get(1);
        NDArray padded = perGroup.concat(perGroup.getManager().zeros(new Shape(1, width)), 0);
        return padded.get(new NDIndex("{}", pairGroups.flatten())).reshape(pairs, maxGroups, width)
                .sum(new int[] {1});
    }

    /** PyTorch's GRUCell: gates ordered r, z, n; h' = (h − n)·z + n. */
    static NDArray gru(NDArray x, NDArray h, NDArray wih, NDArray whh, NDArray bih, NDArray bhh, int hidden) {
        NDArray gi = linear(x, wih, bih);
        NDArray gh = linear(h, whh, bhh);
        String r = ":, 0:" + hidden;
        String z = ":, " + hidden + ":" + 2 * hidden;
        String n = ":, " + 2 * hidden + ":";
        NDArray reset = sigmoid(gi.get(r).add(gh.get(r)));
        NDArray update = sigmoid(gi.get(z).add(gh.get(z)));
        NDArray candidate = gi.get(n).add(gh.get(n).mul(reset)).tanh();
        return h.sub(candidate).mul(update).add(candidate);
    }

    /**
     * x·wᵀ + b with the inner dimension padded to a multiple of {@link #ALIGN} and the output to at least
     * {@link #ALIGN} columns (zeros, sliced off again): small or unaligned shapes make the CPU kernels treat a
     * row differently depending on its position in the matrix, which would break batch invariance.
     *
     * @param b bias, or null for none
     */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        NDManager m = x.getManager();
        long in = x.getShape().get(1);
        long out = w.getShape().get(0);
        if (in % ALIGN != 0) {
            long extra = ALIGN - in % ALIGN;
            x = x.concat(m.zeros(new Shape(x.getShape().get(0), extra)), 1);
            w = w.concat(m.zeros(new Shape(out, extra)), 1);
        }
        if (out < ALIGN) {
            w = w.concat(m.zeros(new Shape(ALIGN - out, w.getShape().get(1))), 0);
            if (b != null) {
                b = b.concat(m.zeros(new Shape(ALIGN - out)), 0);
            }
        }
        NDArray y = b == null ? Linear.linear(x, w).singletonOrThrow() : Linear.linear(x, w, b).singletonOrThrow();
        return out < ALIGN ? y.get(new NDIndex(":, 0:" + out)) : y;
    }

    /** 1 / (1 + e^−x): element-wise exact ops only, so a value's result does not depend on its position. */
    static NDArray sigmoid(NDArray x) {
        return x.neg().exp().add(1f).getNDArrayInternal().rdiv(1f);
    }
}
