/**
 * Per-node state of the baseline predictors: the served yardstick's {@link
 * io.linkcast.state.baseline.BaselineNodeState} (EdgeBank with recency and signed history) and its versioned codec
 * {@link io.linkcast.state.baseline.BaselineStateCodec}; and the records of the evaluation-only baselines,
 * {@link io.linkcast.state.baseline.EdgeBankState} and {@link io.linkcast.state.baseline.NodeHistory}, with their
 * codecs.
 */
package io.linkcast.state.baseline;
