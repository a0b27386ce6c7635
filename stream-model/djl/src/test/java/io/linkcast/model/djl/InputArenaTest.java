package io.linkcast.model.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class InputArenaTest {

    @Test
    void shouldKeepEveryTensorOfAnOpenScopeIntactAndReuseChunksOnceTheManagerCloses() {
        InputArena arena = new InputArena();
        try (NDManager root = NDManager.newBaseManager()) {
            NDManager first = root.newSubManager();
            InputArena.Scope scope = arena.open(first);
            NDArray a = scope.floats(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray b = scope.longs(new long[] {7, 8, 9}, new Shape(3));
            // larger than a chunk: gets a chunk of its own, and d a third (the first chunk is not gone back to)
            float[] big = new float[InputArena.CHUNK_BYTES / Float.BYTES + 10];
            big[big.length - 1] = 42f;
            NDArray c = scope.floats(big, new Shape(big.length));
            NDArray d = scope.floats(new float[] {-1, -2}, new Shape(2));

            assertThat(a.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(a.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(b.getDataType()).isEqualTo(DataType.INT64);
            assertThat(b.toLongArray()).containsExactly(7, 8, 9);
            assertThat(c.getFloat(big.length - 1)).isEqualTo(42f);
            assertThat(d.toFloatArray()).containsExactly(-1, -2);
            assertThat(a.add(a).toFloatArray()).containsExactly(2, 4, 6, 8, 10, 12);
            assertThat(arena.pooled()).isZero();

            first.close();
            assertThat(arena.pooled()).as("the closed manager's chunks are back").isEqualTo(3);

            try (NDManager second = root.newSubManager()) {
                InputArena.Scope again = arena.open(second);
                NDArray e = again.floats(new float[] {10, 20}, new Shape(2));
                // another open scope at the same time takes a different chunk
                try (NDManager third = root.newSubManager()) {
                    NDArray f = arena.open(third).floats(new float[] {30, 40}, new Shape(2));
                    assertThat(arena.pooled()).isEqualTo(1);
                    assertThat(f.toFloatArray()).containsExactly(30, 40);
                }
                assertThat(e.toFloatArray()).containsExactly(10, 20);
            }
            assertThat(arena.pooled()).isEqualTo(3);
        }
    }
}
