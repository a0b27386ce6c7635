package io.linkcast.model.nat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
import io.linkcast.model.djl.DjlGruCell;
import io.linkcast.model.djl.ParameterViews;
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
 * <p>For batch invariance on CPU (the same event gives bit-identical numbers in whatever wave it is computed),
 * every operation must treat a row the same wherever it sits in its matrix. Hence: the sigmoid is computed
 * as 1/(1+exp(−x)) (PyTorch's vectorised sigmoid differs in the last bit by element position); matrix
 * products go through {@link #linear} (at least 16 outputs); the members of a group and the heads are added
 * one at a time instead of by a reduction; the per-pair sum runs over a constant width; and
 * {@link NatBatch} pads every matrix to at least {@link NatBatch#MIN_ROWS} rows. Each rule was found by a
 * failing bit-for-bit comparison on this machine's libtorch; on other hardware or on a GPU, predictions of
 * different batch splits agree to rounding only.
 */
public final class NatBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Fewest output columns of a matrix product (narrower ones are padded with zero rows of weights). */
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
    private final NDIndex aggColumns;

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
        aggColumns = new NDIndex(":, " + config.pairDim() + ":");
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
        Device device = rowSelf.getDevice();
        // constants as tensors of the wave's manager: an op with a Java number argument wraps it in a temporary
        // tensor over a direct buffer, which the autograd graph may read after the buffer was garbage-collected
        // (NaN gradients under memory pressure, seen once in a UCI training)
        NDManager wave = rowSelf.getManager();
        NDArray one = wave.full(new Shape(1), 1f);
        NDArray zero = wave.zeros(new Shape(1));

        NDArray omega = ps.getValue(basisFreq, device, training);
        NDArray phi = ps.getValue(phase, device, training);

        // §2.2 refresh of every slot row: Z' = GRU_n(W_n·[self(key), E, TE(t)], Z), masked
        NDArray rowX = linear(refreshInput(rowSelf, rowTime, omega, phi), ps.getValue(nghLinear, device, training),
                null);
        NDArray zNew = gru(rowX, rowZ, ps.getValue(nghWih, device, training), ps.getValue(nghWhh, device, training),
                ps.getValue(nghBih, device, training), ps.getValue(nghBhh, device, training), config.valueDim(), one)
                .mul(rowMask);

        // §2.2 refresh of the queried nodes' self representations from their previous events
        NDArray nodeX = linear(refreshInput(nodePrevSelf, nodePrevTime, omega, phi),
                ps.getValue(selfLinear, device, training), null);
        NDArray selfNew = gru(nodeX, nodeSelf, ps.getValue(selfWih, device, training),
                ps.getValue(selfWhh, device, training), ps.getValue(selfBih, device, training),
                ps.getValue(selfBhh, device, training), config.selfDim(), one);

        // §3.2 joint rows: rows of both nodes merged by key, ΣZ' ++ PosEmb[code]; the last input row is an
        // inert padding row whose Z' is zero, and absent members point at it
        int dz = config.valueDim();
        long groupsPadded = groupCode.getShape().get(0);
        NDList members = zNew.get(new NDIndex("{}", groupMembers.flatten()))
                .reshape(NatBatch.MEMBERS, groupsPadded, dz).split(NatBatch.MEMBERS, 0);
        // added one member at a time: a reduction over this axis rounds differently by column position
        NDArray sumZ = members.get(0);
        for (int k = 1; k < NatBatch.MEMBERS; k++) {
            sumZ = sumZ.add(members.get(k));
        }
        NDArray pos = ParameterViews.onCall(
                ps.getValue(positionEmbedding, device, training).get(new NDIndex("{}", groupCode)), wave);
        NDArray joint = sumZ.reshape(groupsPadded, dz).concat(pos, 1);

        // the aggregator without its node-feature columns (they multiply zeros)
        NDArray wAgg = ParameterViews.onCall(ps.getValue(aggWeight, device, training).get(aggColumns), wave);
        NDArray pairEmb;
        if (training && config.dropout() > 0) {
            float p = (float) config.dropout();
            NDArray projected = linear(Dropout.dropout(joint, p, true).singletonOrThrow(), wAgg, null);
            projected = Dropout.dropout(projected, p, true).singletonOrThrow();
            pairEmb = sumPerPair(headMean(projected, wave), pairGroups, groupCode);
        } else {
            pairEmb = headMean(linear(sumPerPair(joint, pairGroups, groupCode), wAgg, null), wave);
        }
        pairEmb = pairEmb.add(ps.getValue(aggBias, device, training));

        // §3.2 output MLP on [pair embedding, self'_first, self'_second]
        NDList ends = selfNew.get(new NDIndex("{}", pairNodes.flatten())).split(2, 0);
        NDArray mlpIn = NDArrays.concat(new NDList(pairEmb, ends.get(0), ends.get(1)), 1);
        NDArray hidden = linear(mlpIn, ps.getValue(fc1Weight, device, training),
                ps.getValue(fc1Bias, device, training)).maximum(zero);
        NDArray logits = linear(hidden, ps.getValue(fc2Weight, device, training),
                ps.getValue(fc2Bias, device, training)).flatten();
        return new NDList(logits, zNew, selfNew);
    }

    private NDArray refreshInput(NDArray self, NDArray time, NDArray omega, NDArray phi) {
        return self.concat(time.mul(omega).add(phi).cos(), 1);
    }

    /** Mean over the heads, summed one head at a time (see {@code sumZ}) and divided by H. */
    private NDArray headMean(NDArray projected, NDManager wave) {
        if (config.heads() == 1) {
            return projected;
        }
        NDList heads = projected.split(config.heads(), 1);
        NDArray sum = heads.get(0);
        for (int h = 1; h < config.heads(); h++) {
            sum = sum.add(heads.get(h));
        }
        return sum.div(wave.full(new Shape(1), (float) config.heads()));
    }

    /**
     * Sums each pair's groups; the table has a constant width (see {@link NatBatch#maxGroupsPerPair}) and
     * absent entries point at the last group, which {@link NatBatch} keeps inert (code 0, no members) and
     * which is masked here.
     */
    private NDArray sumPerPair(NDArray perGroup, NDArray pairGroups, NDArray groupCode) {
        long width = perGroup.getShape().get(1);
        long[] table = pairGroups.getShape().getShape();
        NDArray valid = groupCode.gt(0).toType(perGroup.getDataType(), false).reshape(-1, 1);
        return perGroup.mul(valid).get(new NDIndex("{}", pairGroups.flatten())).reshape(table[0], table[1], width)
                .sum(new int[] {1});
    }

    /**
     * The shared {@link DjlGruCell} over NAT's projections, padded to at least {@link #ALIGN} columns (see
     * {@link #linear}); the cell's split drops the padding.
     */
    static NDArray gru(NDArray x, NDArray h, NDArray wih, NDArray whh, NDArray bih, NDArray bhh, int hidden,
            NDArray one) {
        return DjlGruCell.step(linearPadded(x, wih, bih), linearPadded(h, whh, bhh), h, hidden, one);
    }

    /**
     * x·wᵀ + b, the output padded to at least {@link #ALIGN} columns with zeros and sliced off again: with few
     * outputs the CPU kernels treat a row differently depending on its position in the matrix, which would
     * break batch invariance.
     *
     * @param b bias, or null for none
     */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        long out = w.getShape().get(0);
        NDArray y = linearPadded(x, w, b);
        return out < ALIGN ? y.get(new NDIndex(":, 0:" + out)) : y;
    }

    /** {@link #linear} without the final slice: at least {@link #ALIGN} columns, extra ones zero. */
    private static NDArray linearPadded(NDArray x, NDArray w, NDArray b) {
        long out = w.getShape().get(0);
        if (out < ALIGN) {
            NDManager m = x.getManager();
            w = ParameterViews.onCall(w.concat(m.zeros(new Shape(ALIGN - out, w.getShape().get(1))), 0), m);
            if (b != null) {
                b = ParameterViews.onCall(b.concat(m.zeros(new Shape(ALIGN - out)), 0), m);
            }
        }
        return b == null ? Linear.linear(x, w).singletonOrThrow() : Linear.linear(x, w, b).singletonOrThrow();
    }
}
