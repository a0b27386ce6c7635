/**
 * Per-node state storage: the {@link io.linkcast.state.NodeStateStore} contract with a heap implementation
 * (training, evaluation) and a Kafka Streams one ({@link io.linkcast.state.KeyValueNodeStateStore} over
 * {@link io.linkcast.state.NodeStores}, RocksDB tuned by {@link io.linkcast.state.LinkcastRocksDbConfig}),
 * the read-only view for interactive queries, and the versioned record format shared by every state codec.
 * The only package of the project that touches RocksDB.
 */
package io.linkcast.state;
