package io.linkcast.model.semba;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The learnable parameters of a SEMBA model, as named DJL {@link Parameter}s owned by one {@link NDManager}.
 *
 * <p>Shapes follow the {@code x · W} convention ({@code [in, out]}). Initial values are drawn from a
 * {@link SplittableRandom} seeded by (seed, parameter name), so a seed gives the same model whatever the
 * engine or the order of creation: weights and biases U(-1/√fan_in, 1/√fan_in) as PyTorch's Linear and
 * GRUCell, time frequencies geometric from 0.06 to 6 rad per unit of ln(1 + Δt/τ) (periods from about one to
 * about one hundred e-folds of the gap), phases 0.
 *
 * <p>Saved as DJL's parameter encoding ({@link Parameter#save}) behind a short header. Not thread-safe for
 * updates; concurrent reads are fine.
 */
public final class SembaParameters implements AutoCloseable {
    static final String TIME_FREQUENCY = "time.frequency";
    static final String TIME_PHASE = "time.phase";
    static final String COLD = "cold";
    /** Outputs of the decoder: link logit, sign logit, 3-class logits (+, -, none), signed weight. */
    static final int DECODER_OUTPUTS = 6;
    /**
     * Columns of the decoder's output matrix: the 6 outputs, then unused columns. With fewer than 8 columns the
     * CPU matrix kernel computes odd and even rows differently, so a prediction would depend on its position in
     * the wave; 16 columns keep every row on one code path (checked by the batch-invariance test).
     */
    static final int DECODER_COLUMNS = 16;

    private static final String MAGIC = "linkcast-semba-parameters";
    private static final int FORMAT = 1;

    private final NDManager manager;
    private final Map<String, Parameter> parameters;

    private SembaParameters(NDManager manager, Map<String, Parameter> parameters) {
        this.manager = manager;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** Fresh parameters for {@code config}, drawn from {@code seed}, in a new manager under {@code parent}. */
    public static SembaParameters initialise(SembaConfig config, long seed, NDManager parent) {
        NDManager manager = parent.newSubManager();
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Spec spec : specs(config)) {
            float[] values = spec.initialValues(seed);
            Parameter p = Parameter.builder().setName(spec.name).setType(Parameter.Type.OTHER).build();
            p.setArray(manager.create(values, spec.shape));
            out.put(spec.name, p);
        }
        return new SembaParameters(manager, out);
    }

    /** Reads parameters saved by {@link #save}; names and shapes must be those of {@code config}. */
    public static SembaParameters load(SembaConfig config, InputStream in, NDManager parent) throws IOException {
        NDManager manager = parent.newSubManager();
        try {
            DataInputStream dis = new DataInputStream(in);
            String magic = dis.readUTF();
            int format = dis.readInt();
            if (!MAGIC.equals(magic) || format != FORMAT) {
                throw new IOException("not SEMBA parameters of format " + FORMAT + ": " + magic + " v" + format);
            }
            List<Spec> specs = specs(config);
            int count = dis.readInt();
            if (count != specs.size()) {
                throw new IOException("saved parameters hold " + count + " arrays, config " + config.variant()
                        + " needs " + specs.size());
            }
            Map<String, Parameter> out = new LinkedHashMap<>();
            for (Spec spec : specs) {
                Parameter p = Parameter.builder().setName(spec.name).setType(Parameter.Type.OTHER).build();
                p.load(manager, dis);
                if (!p.getArray().getShape().equals(spec.shape)) {
                    throw new IOException("parameter " + spec.name + " has shape " + p.getArray().getShape()
                            + ", config needs " + spec.shape);
                }
                out.put(spec.name, p);
            }
            return new SembaParameters(manager, out);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            manager.close();
            throw e instanceof IOException io ? io : new IOException("cannot read SEMBA parameters", e);
        }
    }

    /** Writes every parameter with DJL's encoding. */
    public void save(OutputStream out) throws IOException {
        DataOutputStream dos = new DataOutputStream(out);
        dos.writeUTF(MAGIC);
        dos.writeInt(FORMAT);
        dos.writeInt(parameters.size());
        for (Parameter p : parameters.values()) {
            p.save(dos);
        }
        dos.flush();
    }

    /** The array of the parameter {@code name}. */
    NDArray get(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no SEMBA parameter '" + name + "'; have " + parameters.keySet());
        }
        return p.getArray();
    }

    /** A copy of the values of the parameter {@code name}, row-major (the CPU backend lays them out once). */
    float[] values(String name) {
        return get(name).toFloatArray();
    }

    /** Parameter names in a fixed order. */
    public List<String> names() {
        return List.copyOf(parameters.keySet());
    }

    /** Total number of scalars. */
    public long size() {
        return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    public NDManager manager() {
        return manager;
    }

    /** Starts recording gradients for every parameter (training). */
    void attachGradients() {
        for (Parameter p : parameters.values()) {
            p.getArray().setRequiresGradient(true);
        }
    }

    /** One optimiser step from the accumulated gradients, which are then zeroed. */
    void update(Optimizer optimizer) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray w = e.getValue().getArray();
            try (NDArray grad = w.getGradient()) {
                optimizer.update(e.getKey(), w, grad);
                grad.subi(grad);
            }
        }
    }

    /** 8 hex digits of an FNV-1a hash over every value in order: equal parameters, equal fingerprint. */
    String fingerprint() {
        long h = 0xcbf29ce484222325L;
        for (Parameter p : parameters.values()) {
            for (float v : p.getArray().toFloatArray()) {
                h = (h ^ Float.floatToIntBits(v)) * 0x100000001b3L;
            }
        }
        return String.format("%08x", (int) (h ^ (h >>> 32)));
    }

    /** A copy of every value, to restore the best epoch later. */
    Map<String, float[]> copyValues() {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    /** Overwrites every value with a copy taken by {@link #copyValues()}. */
    void restoreValues(Map<String, float[]> values) {
        parameters.forEach((k, p) -> p.getArray().set(values.get(k)));
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Name, shape and initial distribution of every parameter of {@code config}. */
    static List<Spec> specs(SembaConfig c) {
        List<Spec> s = new ArrayList<>();
        int t = c.timeDim();
        int d = c.memoryDim();
        int width = c.memoryWidth();
        int e = c.embeddingDim();
        s.add(new Spec(TIME_FREQUENCY, new Shape(t), Init.FREQUENCIES, 0));
        s.add(new Spec(TIME_PHASE, new Shape(t), Init.ZEROS, 0));
        int gruIn = SembaNetwork.gruInputs(c);
        for (String memory : c.balance() ? List.of("positive", "negative") : List.of("memory")) {
            String p = "gru." + memory + ".";
            s.add(new Spec(p + "input", new Shape(gruIn, 3L * d), Init.UNIFORM, d));
            s.add(new Spec(p + "hidden", new Shape(d, 3L * d), Init.UNIFORM, d));
            s.add(new Spec(p + "inputBias", new Shape(3L * d), Init.UNIFORM, d));
            s.add(new Spec(p + "hiddenBias", new Shape(3L * d), Init.UNIFORM, d));
        }
        if (c.attention()) {
            for (String a : List.of("query", "key", "value")) {
                s.add(new Spec("attention." + a, new Shape(width, e), Init.UNIFORM, width));
                s.add(new Spec("attention." + a + "Bias", new Shape(e), Init.UNIFORM, width));
            }
            int edge = t + SembaNetwork.EDGE_FEATURES;
            s.add(new Spec("attention.edge", new Shape(edge, e), Init.UNIFORM, edge));
        }
        s.add(new Spec("skip.weight", new Shape(width, e), Init.UNIFORM, width));
        s.add(new Spec("skip.bias", new Shape(e), Init.UNIFORM, width));
        s.add(new Spec(COLD, new Shape(e), Init.UNIFORM, e));
        int in = 2 * e + c.pairFeatures();
        if (c.decoderHidden() == 0) {
            s.add(new Spec("decoder.weight", new Shape(in, DECODER_COLUMNS), Init.UNIFORM, in));
            s.add(new Spec("decoder.bias", new Shape(DECODER_COLUMNS), Init.UNIFORM, in));
        } else {
            int h = c.decoderHidden();
            s.add(new Spec("decoder.hidden", new Shape(in, h), Init.UNIFORM, in));
            s.add(new Spec("decoder.hiddenBias", new Shape(h), Init.UNIFORM, in));
            s.add(new Spec("decoder.output", new Shape(h, DECODER_COLUMNS), Init.UNIFORM, h));
            s.add(new Spec("decoder.outputBias", new Shape(DECODER_COLUMNS), Init.UNIFORM, h));
        }
        return s;
    }

    enum Init { UNIFORM, ZEROS, FREQUENCIES }

    record Spec(String name, Shape shape, Init init, int fanIn) {
        float[] initialValues(long seed) {
            int n = Math.toIntExact(shape.size());
            float[] v = new float[n];
            switch (init) {
                case ZEROS -> { }
                case FREQUENCIES -> {
                    for (int k = 0; k < n; k++) {
                        double f = n == 1 ? 0.0 : k / (double) (n - 1);
                        v[k] = (float) (0.06 * Math.pow(100.0, f));
                    }
                }
                case UNIFORM -> {
                    SplittableRandom rnd = new SplittableRandom(seed ^ nameHash(name));
                    double bound = 1.0 / Math.sqrt(fanIn);
                    for (int k = 0; k < n; k++) {
                        v[k] = (float) ((2 * rnd.nextDouble() - 1) * bound);
                    }
                }
                default -> throw new IllegalStateException("unknown init " + init);
            }
            return v;
        }

        private static long nameHash(String name) {
            long h = 0xcbf29ce484222325L; // FNV-1a over 64 bits: similar names give unrelated seeds
            for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            return h;
        }
    }
}
