package io.linkcast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.compact.StatePrecision;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StatePrecisionPropertyTest {

    private static Properties with(String value) {
        Properties p = new Properties();
        if (value != null) {
            p.setProperty("linkcast.state.precision", value);
        }
        return p;
    }

    @Test
    void shouldDefaultToCompactAndReadEitherPrecision() {
        assertThat(StatePrecisionProperty.read(with(null))).isEqualTo(StatePrecision.COMPACT);
        assertThat(StatePrecisionProperty.read(with("fp32"))).isEqualTo(StatePrecision.FP32);
        assertThat(StatePrecisionProperty.read(with("Compact"))).isEqualTo(StatePrecision.COMPACT);
    }

    @Test
    void shouldRefuseAnyOtherValueNamingTheProperty() {
        assertThatThrownBy(() -> StatePrecisionProperty.read(with("half")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linkcast.state.precision")
                .hasMessageContaining("'half'");
    }
}
