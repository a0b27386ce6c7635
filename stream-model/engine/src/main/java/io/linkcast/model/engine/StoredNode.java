package io.linkcast.model.engine;

/** A node's record as the store holds it, in the codec of the model serving now. */
public record StoredNode(long id, byte[] record) {
}
