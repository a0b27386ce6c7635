package io.linkcast.model.engine;

/**
 * A model that can propose likely next partners of a node from the node's own record (NAT: the keys of its
 * 1-hop and 2-hop dictionaries), for "who will u interact with next".
 */
public interface CandidateSource<S> {

    /** Distinct candidate node ids held in {@code state}, never the node itself. */
    long[] candidates(long node, S state);
}
