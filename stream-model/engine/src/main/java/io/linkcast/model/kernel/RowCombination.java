package io.linkcast.model.kernel;

/**
 * y = Σ_j c_j · A_j over the first rows of a row-major matrix A with a padded stride: a weighted sum of rows
 * (attention pooling) with the {@link DenseLayer} kernel, the matrix taking the place of the weights. Rows are
 * added in index order, so the result depends only on the rows and the coefficients.
 */
public final class RowCombination {
    private RowCombination() {
    }

    /**
     * y[yOff .. yOff + stride) = Σ_{j < count} c[cOff + j] · rows[j·stride ..], the matrix starting at index 0.
     *
     * @param stride a multiple of {@link Lanes#WIDTH}
     */
    public static void sum(float[] rows, int count, int stride, float[] c, int cOff, float[] y, int yOff) {
        if (stride % Lanes.WIDTH != 0) {
            throw new IllegalArgumentException("row stride " + stride + " is not a multiple of " + Lanes.WIDTH);
        }
        java.util.Arrays.fill(y, yOff, yOff + stride, 0f);
        Lanes.KERNEL.accumulate(rows, count, stride, c, cOff, y, yOff);
    }
}
