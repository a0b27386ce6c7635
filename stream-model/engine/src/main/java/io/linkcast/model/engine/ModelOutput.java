package io.linkcast.model.engine;

/**
 * What a model predicts for one (src, dst, t), from the state before the event. A model that does not
 * predict a quantity leaves it {@link Float#NaN}.
 *
 * @param pLink probability that the link exists (link existence)
 * @param pPositive probability that the link's sign is +1
 * @param weight expected signed weight
 */
public record ModelOutput(float pLink, float pPositive, float weight) {
    /** Nothing predicted. */
    public static final ModelOutput NONE = new ModelOutput(Float.NaN, Float.NaN, Float.NaN);

    public static ModelOutput link(float pLink) {
        return new ModelOutput(pLink, Float.NaN, Float.NaN);
    }
}
