/**
 * Per-node state of the SEMBA model (signed memories updated by balance theory) and its versioned binary
 * codec.
 *
 * <p>A {@link io.linkcast.state.semba.SembaNodeState} holds everything SEMBA needs about one node, so that
 * predicting or applying an event reads only the records of its two endpoints (architecture contract 2):
 * the node's positive and negative memories, the history counters of the optional history extension, and a
 * bounded list of its most recent signed neighbours, each with a snapshot of that neighbour's memories taken
 * when the interaction happened.
 */
package io.linkcast.state.semba;
