/**
 * Baselines that run in the same harness and engine as the learned models: EdgeBank (unlimited and
 * time-window), common neighbours / Adamic-Adar over a bounded recent-neighbour set, the majority class /
 * mean predictor, and a class-balanced logistic regression over history features for link signs. Each is a
 * {@link io.linkcast.model.engine.StreamModel} with a versioned state codec, so it can also be served.
 */
package io.linkcast.model.baseline;
