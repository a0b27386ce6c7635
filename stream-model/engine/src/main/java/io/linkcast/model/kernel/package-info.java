/**
 * The CPU inference backend's kernels ({@code model.backend=cpu}): dense layers laid out once per model version,
 * a GRU cell and the activations, over flat float arrays. NAT and SEMBA compose them beside their DJL blocks
 * ({@code NatCpuForward}, {@code SembaCpuForward}); DJL stays the training engine and the device path.
 *
 * <p>Why not DJL on a CPU: a wave is a long chain of ops on tiny tensors per model, and each op's JNI call costs
 * several times its arithmetic (docs/results.md, "Figures behind the code").
 */
package io.linkcast.model.kernel;
