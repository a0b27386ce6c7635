package io.linkcast.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.model.eval.CandidateSet;
import org.junit.jupiter.api.Test;

/** Serving and eval find the baselines through the SPIs alone: this module's service files must name them. */
class BaselineDiscoveryTest {

    @Test
    void theServedBaselineIsFoundByName() {
        assertThat(ModelLoaders.untrained("baseline")).isInstanceOf(BaselineModel.class);
        assertThat(ModelLoaders.untrained("baseline").info().name()).isEqualTo("baseline");
        assertThatThrownBy(() -> ModelLoaders.untrained("gcn")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'gcn'");
    }

    @Test
    void evalFindsEveryBaselineCandidateInReportOrder() {
        CandidateSet found = CandidateSet.discover();
        assertThat(found.link()).containsExactly("edgebank", "edgebank-tw", "common-neighbours", "adamic-adar");
        assertThat(found.sign()).containsExactly("majority", "history-lr");
        assertThat(found.byName("Adamic-Adar")).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("adamic-adar"));
        assertThat(found.byName("gcn")).isEmpty();
    }
}
