/**
 * NAT's per-node state (N-caches, self representation, previous event) and its versioned fixed-size codec.
 * The model that reads and writes these records lives in {@code io.linkcast.model.nat}.
 */
package io.linkcast.state.nat;
