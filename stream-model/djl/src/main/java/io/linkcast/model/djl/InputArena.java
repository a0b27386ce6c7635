package io.linkcast.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Reusable direct memory for the input tensors of a network call.
 *
 * <p>{@code NDManager.create(float[])} allocates a fresh zero-filled direct buffer per array, which the tensor
 * then aliases until the garbage collector frees it. At serving rates that was megabytes per wave of new pages:
 * page faults, CPU time in the kernel, and stalls whenever the direct-memory limit forced a collection (how
 * much: docs/results.md, "Figures behind the code"). Here the arrays are copied into chunks taken from a pool; a
 * {@link Scope} hands them out for the lifetime of one NDManager (the tensors alias the chunks) and returns
 * them to the pool when that manager closes.
 *
 * <p>Thread-safe: each scope belongs to the thread that opened it, the pool is shared.
 */
public final class InputArena {
    static final int CHUNK_BYTES = 4 << 20;
    /** Chunks kept for reuse; more are left to the garbage collector. */
    static final int MAX_POOLED = 4;
    private static final int ALIGN = 64;

    private final ConcurrentLinkedDeque<ByteBuffer> pool = new ConcurrentLinkedDeque<>();

    /** A scope whose chunks go back to the pool when {@code manager} closes. */
    public Scope open(NDManager manager) {
        Scope scope = new Scope(manager);
        manager.attachInternal("input-arena-" + UUID.randomUUID(), scope);
        return scope;
    }

    int pooled() {
        return pool.size();
    }

    private ByteBuffer take(int bytes) {
        for (ByteBuffer b : pool) {
            if (b.capacity() >= bytes && pool.remove(b)) {
                return b.clear();
            }
        }
        return ByteBuffer.allocateDirect(Math.max(CHUNK_BYTES, bytes)).order(ByteOrder.nativeOrder());
    }

    private void give(List<ByteBuffer> chunks) {
        for (ByteBuffer b : chunks) {
            if (pool.size() < MAX_POOLED) {
                pool.push(b);
            }
        }
    }

    /** Creates input tensors of one manager in pooled memory. */
    public final class Scope implements AutoCloseable {
        private final NDManager manager;
        private final List<ByteBuffer> held = new ArrayList<>();
        private ByteBuffer current;

        private Scope(NDManager manager) {
            this.manager = manager;
        }

        /** A float32 tensor holding a copy of {@code values}. */
        public NDArray floats(float[] values, Shape shape) {
            ByteBuffer slice = slice(values.length * Float.BYTES);
            slice.asFloatBuffer().put(values);
            return manager.create(slice, shape, DataType.FLOAT32);
        }

        /** An int64 tensor holding a copy of {@code values}. */
        public NDArray longs(long[] values, Shape shape) {
            ByteBuffer slice = slice(values.length * Long.BYTES);
            slice.asLongBuffer().put(values);
            return manager.create(slice, shape, DataType.INT64);
        }

        private ByteBuffer slice(int bytes) {
            if (current == null || current.remaining() < bytes) {
                current = take(bytes);
                held.add(current);
            }
            ByteBuffer slice = current.slice(current.position(), bytes).order(ByteOrder.nativeOrder());
            int next = current.position() + (bytes + ALIGN - 1) / ALIGN * ALIGN;
            current.position(Math.min(next, current.limit()));
            return slice;
        }

        /** Called when the manager closes: its tensors are gone, so the chunks can be reused. */
        @Override
        public void close() {
            give(held);
            held.clear();
            current = null;
        }
    }
}
