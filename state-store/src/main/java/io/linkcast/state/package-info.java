/**
 * Per-node state storage: the {@link io.linkcast.state.NodeStateStore} contract with a heap implementation
 * (training, evaluation) and a Kafka Streams one, the {@link io.linkcast.state.DecodedNodeStore} layer (decoded
 * states cached) over the RocksDB byte store of {@link io.linkcast.state.NodeStores}, tuned by
 * {@link io.linkcast.state.LinkcastRocksDbConfig}, read by the processor and by interactive queries
 * ({@link io.linkcast.state.QueryableNodeStore}) through the same cache; and the versioned record format shared by
 * every state codec. The only package of the project that touches RocksDB and the Kafka stores of node state.
 */
package io.linkcast.state;
