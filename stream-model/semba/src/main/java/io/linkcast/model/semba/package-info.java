/**
 * SEMBA (Sharma et al., CIKM 2023; shared/docs/semba-spec.md) as a stream model on the micro-batch engine.
 *
 * <ul>
 *   <li>{@link io.linkcast.model.semba.SembaModel}: the {@code StreamModel}; predicts each event from the two
 *       endpoints' records before it, then applies it.
 *   <li>{@link io.linkcast.model.semba.SembaNetwork}: the batched computation (balance-rule GRU memories,
 *       attention over recent signed neighbours, decoder heads), one call per wave.
 *   <li>{@link io.linkcast.model.semba.SembaConfig}: validated hyper-parameters and the ablation switches
 *       (one memory, memory only) and the history extension.
 *   <li>{@link io.linkcast.model.semba.SembaTrainer}: training on the same engine with a gradient-recording
 *       wave step; {@link io.linkcast.model.semba.SembaArtifact} saves and loads the result;
 *       {@link SembaTrainCommand} runs it from the command line ({@code linkcast train --model semba}).
 * </ul>
 *
 * <p>Where this port departs from the paper's code, and why (spec section 9 lists the code's issues):
 * <ul>
 *   <li>Memory update by the paper's balance rule (spec 2.2), not the code's wiring (2.3): a positive event
 *       feeds the positive memory from the partner's positive memory and the negative from its negative one;
 *       a negative event crosses them. Every event updates both memories, so they share one last-update time.
 *   <li>Strictly sequential and leak-free: an event never reaches its own prediction (the code attends over
 *       the batch being predicted, spec 9.1), and results do not depend on the batch size (the code
 *       mean-aggregates a 1000-event batch into one GRU step).
 *   <li>One id per node in both roles, and the neighbour list holds both directions, with the direction as an
 *       edge feature (the code splits raters and ratees into unrelated ids).
 *   <li>Attention over the node's last {@code neighbours} interactions, each with the partner's memories as
 *       they were at that time, instead of over the whole edge history with the partners' live memories
 *       (architecture contract 2: a node's embedding reads only its own record).
 *   <li>Messages carry [|weight| · weightScale or 1, sign, direction] instead of the raw |rating|; the time
 *       encoding reads ln(1 + Δt/τ) instead of raw seconds (spec 2.1: raw seconds make cos() noise).
 *   <li>The GRUs get gradients through the step that folds each endpoint's pending (newest) message, the
 *       one-step truncation of the code's training mode, but in serving too, so both run one function.
 *   <li>A learned cold-start embedding for never-seen nodes; no dropout (it would need a shared random
 *       generator); class-weighted losses against the 6-23 % negative share; early stopping on validation.
 * </ul>
 */
package io.linkcast.model.semba;
