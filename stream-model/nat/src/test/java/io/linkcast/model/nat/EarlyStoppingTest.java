package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void shouldKeepAHigherLaterEpochEvenWhenItsGainIsBelowTheTolerance() {
        // Enron seed 2 of session 9: 0.9720 then 0.9727, a relative gain of 7e-4 < 1e-3
        EarlyStopping s = new EarlyStopping(3, 1e-3);
        assertThat(s.observe(0.9720)).isEqualTo(new EarlyStopping.Verdict(true, false));
        assertThat(s.observe(0.9727)).isEqualTo(new EarlyStopping.Verdict(true, false));
    }

    @Test
    void shouldStopAfterPatienceEpochsWithoutAGainAboveTheTolerance() {
        // UCI seed 3 of session 8: 0.9364, 0.9345, 0.9349, 0.9369 (each within 1e-3 of the best)
        EarlyStopping s = new EarlyStopping(3, 1e-3);
        assertThat(s.observe(0.9364).stop()).isFalse();
        assertThat(s.observe(0.9345)).isEqualTo(new EarlyStopping.Verdict(false, false));
        assertThat(s.observe(0.9349)).isEqualTo(new EarlyStopping.Verdict(false, false));
        assertThat(s.observe(0.9369)).isEqualTo(new EarlyStopping.Verdict(true, true));
    }

    @Test
    void shouldResetThePatienceOnAGainAboveTheTolerance() {
        EarlyStopping s = new EarlyStopping(2, 1e-3);
        s.observe(0.90);
        assertThat(s.observe(0.89).stop()).isFalse();
        assertThat(s.observe(0.95)).isEqualTo(new EarlyStopping.Verdict(true, false));
        assertThat(s.observe(0.94).stop()).isFalse();
        assertThat(s.observe(0.93)).isEqualTo(new EarlyStopping.Verdict(false, true));
    }

    @Test
    void shouldKeepEpochsWithoutValidationAndRefuseBadSettings() {
        EarlyStopping s = new EarlyStopping(1, 0);
        assertThat(s.observe(Double.NaN)).isEqualTo(new EarlyStopping.Verdict(true, false));
        assertThat(s.observe(Double.NaN)).isEqualTo(new EarlyStopping.Verdict(true, false));
        assertThatThrownBy(() -> new EarlyStopping(0, 0)).hasMessageContaining("patience");
        assertThatThrownBy(() -> new EarlyStopping(1, Double.NaN)).hasMessageContaining("tolerance");
    }
}
