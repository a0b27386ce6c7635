/**
 * The CPU inference backend's kernels ({@code model.backend=cpu}): dense layers laid out once per model version,
 * a GRU cell and the activations, over flat float arrays. NAT and SEMBA compose them beside their DJL blocks
 * ({@code NatCpuForward}, {@code SembaCpuForward}); DJL stays the training engine and the device path.
 *
 * <p>Why not DJL on a CPU: a wave costs ~120 tensor ops per model, each a JNI call of 2–6 µs on tiny tensors,
 * which is several times the arithmetic (docs/results.md, session 5).
 */
package io.linkcast.model.kernel;
