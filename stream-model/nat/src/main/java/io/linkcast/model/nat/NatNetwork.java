package io.linkcast.model.nat;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.linkcast.model.djl.InputArena;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A NAT block with its parameters allocated on one device; owns the NDManager that holds them. Close it to
 * free the native memory.
 */
public final class NatNetwork implements AutoCloseable {
    private final NatConfig config;
    private final NDManager manager;
    private final NatBlock block;
    private final ParameterStore parameterStore;
    private final InputArena inputs = new InputArena();

    private NatNetwork(NatConfig config, Device device) {
        this.config = Objects.requireNonNull(config, "config");
        this.manager = NDManager.newBaseManager(device);
        this.block = new NatBlock(config);
        block.allocate(manager);
        // bound to the network's own manager: a ParameterStore attaches the parameter arrays to its manager,
        // so one built on a per-step sub-manager would free the weights when the step ends
        this.parameterStore = new ParameterStore(manager, false);
    }

    /** Fresh weights drawn from {@code seed} (see {@link NatInitializer}). */
    public static NatNetwork create(NatConfig config, long seed, Device device) {
        NatNetwork n = new NatNetwork(config, device);
        NatInitializer.initialize(n.block, seed);
        return n;
    }

    /** Weights read from a stream written by {@link #save}; {@code config} must be the one they were trained with. */
    public static NatNetwork load(NatConfig config, InputStream in, Device device) throws IOException {
        NatNetwork n = new NatNetwork(config, device);
        try {
            n.block.loadParameters(n.manager, new DataInputStream(in));
        } catch (MalformedModelException e) {
            n.close();
            throw new IOException("NAT parameters do not match the configuration: " + e.getMessage(), e);
        }
        return n;
    }

    /** Writes every parameter in DJL's block format ({@code Block.saveParameters}). */
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
    }

    public NatConfig config() {
        return config;
    }

    public NatBlock block() {
        return block;
    }

    NDManager manager() {
        return manager;
    }

    /** Input tensors in pooled memory, for as long as {@code scope} is open. */
    InputArena.Scope inputs(NDManager scope) {
        return inputs.open(scope);
    }

    /** The store the block's forward reads parameters from; safe for concurrent readers. */
    ParameterStore parameterStore() {
        return parameterStore;
    }

    /** Replaces the values of the parameter named {@code name} (PyTorch {@code state_dict} name), row-major. */
    public void setParameter(String name, float[] values) {
        NDArray array = parameter(name).getArray();
        if (array.size() != values.length) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + array.getShape() + " ("
                    + array.size() + " values), got " + values.length + " values");
        }
        array.set(values);
    }

    /** The values of the parameter named {@code name}, row-major. */
    public float[] parameterValues(String name) {
        return parameter(name).getArray().toFloatArray();
    }

    /** A copy of every parameter's values, by name. */
    public Map<String, float[]> copyParameters() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (String name : block.parametersByName().keySet()) {
            copy.put(name, parameterValues(name));
        }
        return copy;
    }

    /** Restores values taken with {@link #copyParameters()}. */
    public void restoreParameters(Map<String, float[]> values) {
        values.forEach(this::setParameter);
    }

    private Parameter parameter(String name) {
        Parameter p = block.parametersByName().get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown NAT parameter " + name + "; known: "
                    + block.parametersByName().keySet());
        }
        return p;
    }

    @Override
    public void close() {
        manager.close();
    }
}
