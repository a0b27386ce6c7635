package io.linkcast.model.semba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SembaConfigTest {

    @Test
    void shouldRoundTripThroughJsonWithLowerCaseNames() throws Exception {
        SembaConfig c = SembaConfig.defaults(SembaTask.SIGNLINK).withExtension(SembaExtension.HISTORY)
                .withBalance(false).withDecoderHidden(32);
        String json = SembaArtifact.toJson(c);
        assertThat(json).contains("\"task\" : \"signlink\"").contains("\"extension\" : \"history\"")
                .contains("\"balance\" : false").doesNotContain("memoryWidth");
        assertThat(SembaArtifact.configFromJson(json)).isEqualTo(c);
    }

    @Test
    void shouldRejectUnknownOrMissingKeysInJson() throws Exception {
        String json = SembaArtifact.toJson(SembaConfig.defaults(SembaTask.SIGN));
        assertThatThrownBy(() -> SembaArtifact.configFromJson(json.replaceFirst("\\{", "{\"colour\" : 1,")))
                .hasMessageContaining("Unrecognized field \"colour\"");
        assertThatThrownBy(() -> SembaArtifact.configFromJson(json.replace("\"heads\"", "\"headz\"")))
                .hasMessageContaining("Missing creator property 'heads'");
        assertThatThrownBy(() -> SembaArtifact.configFromJson(json.replace("\"task\" : \"sign\"", "\"task\" : \"rank\"")))
                .hasMessageContaining("unknown SEMBA task 'rank'");
    }

    @Test
    void shouldNameTheBadValueAndTheRange() {
        SembaConfig d = SembaConfig.defaults(SembaTask.SIGN);
        assertThatThrownBy(() -> d.withDimensions(0, 32, 64, 8, 20)).hasMessage("memoryDim must be in [1, 1024], got 0");
        assertThatThrownBy(() -> d.withDimensions(64, 32, 60, 8, 20))
                .hasMessage("embeddingDim must be a multiple of heads=8, got 60");
        assertThatThrownBy(() -> d.withDimensions(64, 32, 64, 8, 256)).hasMessage("neighbours must be in [1, 255], got 256");
        assertThatThrownBy(() -> d.withWeightScale(0)).hasMessage("weightScale must be in (0, 1e6], got 0.0");
        assertThatThrownBy(() -> new SembaTrainingConfig(0, 3, 200, 1e-3, 0, 1, true, false))
                .hasMessage("epochs must be in [1, 1000], got 0");
        assertThatThrownBy(() -> SembaTrainingConfig.defaults().withLearningRate(2))
                .hasMessage("learningRate must be in (0, 1], got 2.0");
    }

    @Test
    void shouldDeriveWidthsFromTheVariant() {
        SembaConfig d = SembaConfig.defaults(SembaTask.SIGN);
        assertThat(d.memoryWidth()).isEqualTo(128);
        assertThat(d.withBalance(false).memoryWidth()).isEqualTo(64);
        assertThat(d.headDim()).isEqualTo(8);
        assertThat(d.pairFeatures()).isZero();
        assertThat(d.withExtension(SembaExtension.HISTORY).pairFeatures()).isEqualTo(14);
        assertThat(d.withAttention(false).withBalance(false).variant()).isEqualTo("sign/one-memory/memory-only/none");
    }
}
