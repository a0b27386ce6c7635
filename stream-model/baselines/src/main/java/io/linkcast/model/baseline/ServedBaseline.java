package io.linkcast.model.baseline;

import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.UntrainedModel;

/** The baseline as serving finds it ({@code --model baseline}, and the yardstick beside trained models). */
public final class ServedBaseline implements UntrainedModel {
    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public StreamModel<?> create() {
        return new BaselineModel(BaselineConfig.defaults());
    }
}
