package io.linkcast.model.engine;

/**
 * A node named in an explanation, by internal id: the API replaces it with the node's external id, which only the
 * owner's record knows (hashed ids).
 */
public record NodeRef(long id) {
}
