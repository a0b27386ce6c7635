/**
 * Per-node state of the baseline predictors (EdgeBank and signed history): {@link
 * io.linkcast.state.baseline.BaselineNodeState} and its versioned codec {@link
 * io.linkcast.state.baseline.BaselineStateCodec}.
 */
package io.linkcast.state.baseline;
