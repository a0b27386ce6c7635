/**
 * NAT (Luo and Li, LoG 2022; {@code shared/docs/nat-spec.md}): link prediction from per-node N-caches.
 *
 * <p>{@link io.linkcast.model.nat.NatModel} runs in the generic micro-batch engine; its per-node record is
 * {@code io.linkcast.state.nat.NatNodeState}. A wave is assembled in Java ({@code NatBatch}), computed as one batched
 * DJL step ({@link io.linkcast.model.nat.NatBlock}: lazy GRU refresh of every slot, self refresh, joint neighbourhood
 * with distance encoding, aggregator, MLP) and applied in Java ({@code NatTransition}: 1-hop insert, 2-hop copy, 0-hop
 * and self updates, seeded replacement coin). What a stored slot means ({@code SlotSemantics}) is the same for every
 * served model ({@code ServedSlotSemantics}): the fixes of the original's defects (hash, absolute-time encoding,
 * timestamp-zero mask, neighbour reads that break locality). The original code's semantics live in the test sources,
 * where the replay of the Python code ({@code shared/golden/nat}) plugs them in. {@link
 * io.linkcast.model.nat.NatTrainer} trains with the same engine and code; {@link io.linkcast.model.nat.NatArtifact}
 * stores the result.
 */
package io.linkcast.model.nat;
