package io.linkcast.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * PyTorch's GRUCell on DJL, the one GRU cell of the DJL backend (as {@code kernel.GruCell} is of the CPU backend):
 * gates ordered r, z, n; n = tanh(gi_n + r·gh_n), h' = (h − n)·z + n. Each model projects its input and hidden
 * state its own way (NAT over weight rows, padded; SEMBA over weight columns), and passes the projections here.
 *
 * <p>σ(x) = 1 / (1 + e^−x) with element-wise exact ops only: PyTorch's vectorised sigmoid computes the tail of a
 * tensor with another code path, so an element's last bit would depend on its position and a wave's size.
 */
public final class DjlGruCell {
    private DjlGruCell() {
    }

    /**
     * The next hidden state.
     *
     * @param gi the input's projection, x·W_ih + b_ih: at least 3·hidden columns (columns past 3·hidden are ignored)
     * @param gh the hidden state's projection, h·W_hh + b_hh, laid out as {@code gi}
     * @param h the hidden state
     * @param one a tensor holding 1 (a constant of the caller's manager)
     */
    public static NDArray step(NDArray gi, NDArray gh, NDArray h, int hidden, NDArray one) {
        long[] cuts = {2L * hidden, 3L * hidden};
        NDList i = gi.split(cuts, 1);
        NDList g = gh.split(cuts, 1);
        NDList rz = sigmoid(i.get(0).add(g.get(0)), one).split(2, 1);
        NDArray candidate = i.get(1).add(g.get(1).mul(rz.get(0))).tanh();
        return h.sub(candidate).mul(rz.get(1)).add(candidate);
    }

    /** 1 / (1 + e^−x), element by element. */
    public static NDArray sigmoid(NDArray x, NDArray one) {
        return one.div(x.neg().exp().add(one));
    }
}
