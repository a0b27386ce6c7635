/**
 * NAT's per-node state (N-caches, self representation, previous event) and its versioned codec,
 * which stores only the written slots.
 * The model that reads and writes these records lives in {@code io.linkcast.model.nat}.
 */
package io.linkcast.state.nat;
