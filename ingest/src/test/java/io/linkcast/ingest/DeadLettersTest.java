package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static String header(Headers h, String key) {
        Header last = h.lastHeader(key);
        assertThat(last).as(key).isNotNull();
        return new String(last.value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteEveryHeaderAsUtf8Text() {
        Headers h = DeadLetters.headers(RejectReason.INVALID_SIGN, "field 'sign' must be +1 or -1, got 2 — ñ",
                "interactions", 3, 1234567890123L);
        assertThat(header(h, "linkcast.dlq.reason")).isEqualTo("invalid_sign");
        assertThat(header(h, "linkcast.dlq.detail")).isEqualTo("field 'sign' must be +1 or -1, got 2 — ñ");
        assertThat(header(h, "linkcast.dlq.topic")).isEqualTo("interactions");
        assertThat(header(h, "linkcast.dlq.partition")).isEqualTo("3");
        assertThat(header(h, "linkcast.dlq.offset")).isEqualTo("1234567890123");
        assertThat(h.toArray()).hasSize(5);
    }

    @Test
    void shouldReadBackWhatTheParserRefusedWithTheOriginalBytes() {
        byte[] original = "{\"src\":1,\"dst\":2,\"t\":NaN}".getBytes(StandardCharsets.UTF_8);
        ParseResult.Rejected r = (ParseResult.Rejected) new InteractionParser().parse(original);
        Headers h = DeadLetters.headers(r.reason(), r.detail(), "interactions", 0, 41);

        DeadLetter letter = DeadLetter.from(h, original.clone());

        assertThat(letter.reason()).isEqualTo(RejectReason.NON_FINITE_TIME);
        assertThat(letter.detail()).isEqualTo(r.detail());
        assertThat(letter.topic()).isEqualTo("interactions");
        assertThat(letter.partition()).isZero();
        assertThat(letter.offset()).isEqualTo(41);
        assertThat(letter.original()).isEqualTo(original);
        assertThat(letter).isEqualTo(new DeadLetter(RejectReason.NON_FINITE_TIME, r.detail(), "interactions", 0, 41,
                original.clone()));
    }

    @Test
    void shouldBuildAProducerRecordKeepingKeyAndValueUnchanged() {
        byte[] key = {1, 2, 3};
        byte[] value = {(byte) 0xff, 0, '{'};
        DeadLetter letter = new DeadLetter(RejectReason.INVALID_JSON, "bad", "in", 2, 7, value);

        ProducerRecord<byte[], byte[]> rec = DeadLetters.record("interactions.dlq", key, letter);

        assertThat(rec.topic()).isEqualTo("interactions.dlq");
        assertThat(rec.partition()).isNull();
        assertThat(rec.key()).isSameAs(key);
        assertThat(rec.value()).isSameAs(value);
        assertThat(DeadLetter.from(rec.headers(), rec.value())).isEqualTo(letter);
    }

    @Test
    void shouldCarryATombstoneAsANullValue() {
        Headers h = DeadLetters.headers(RejectReason.EMPTY_RECORD, "record has no value", "interactions", -1, -1);
        DeadLetter letter = DeadLetter.from(h, null);
        assertThat(letter.original()).isNull();
        assertThat(letter.partition()).isEqualTo(-1);
        assertThat(letter).isEqualTo(new DeadLetter(RejectReason.EMPTY_RECORD, "record has no value", "interactions",
                -1, -1, null));
    }

    @Test
    void shouldCompareOriginalBytesByValue() {
        DeadLetter a = new DeadLetter(RejectReason.INVALID_JSON, "x", "t", 0, 1, new byte[] {1, 2});
        DeadLetter b = new DeadLetter(RejectReason.INVALID_JSON, "x", "t", 0, 1, new byte[] {1, 2});
        DeadLetter c = new DeadLetter(RejectReason.INVALID_JSON, "x", "t", 0, 1, new byte[] {1, 3});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }

    @Test
    void shouldCutALongDetailWithoutSplittingASurrogatePair() {
        String longDetail = "a".repeat(1020) + "\uD83D\uDE00" + "b".repeat(50);
        Headers h = DeadLetters.headers(RejectReason.OVERSIZED_RECORD, longDetail, "t", 0, 0);
        String detail = header(h, DeadLetters.DETAIL);
        assertThat(detail).hasSizeLessThanOrEqualTo(1024).endsWith("...").startsWith("a".repeat(1020));
        assertThat(detail.chars().filter(ch -> Character.isSurrogate((char) ch)).count()).isZero();
        assertThat(DeadLetters.headers(RejectReason.OVERSIZED_RECORD, "a".repeat(1024), "t", 0, 0)
                .lastHeader(DeadLetters.DETAIL).value()).hasSize(1024);
    }

    @Test
    void shouldNameTheMissingOrBadHeader() {
        Headers h = DeadLetters.headers(RejectReason.MISSING_FIELD, "d", "interactions", 1, 2);
        h.remove(DeadLetters.OFFSET);
        assertThatThrownBy(() -> DeadLetter.from(h, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'linkcast.dlq.offset' is missing");

        Headers badPartition = DeadLetters.headers(RejectReason.MISSING_FIELD, "d", "interactions", 1, 2);
        badPartition.remove(DeadLetters.PARTITION).add(DeadLetters.PARTITION, "one".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeadLetter.from(badPartition, null))
                .hasMessageContaining("'linkcast.dlq.partition' must be an integer").hasMessageContaining("'one'");

        Headers hugePartition = DeadLetters.headers(RejectReason.MISSING_FIELD, "d", "interactions", 1, 2);
        hugePartition.remove(DeadLetters.PARTITION).add(DeadLetters.PARTITION, "4294967296".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeadLetter.from(hugePartition, null)).hasMessageContaining("'4294967296'");

        Headers unknownReason = new RecordHeaders(Arrays.stream(h.toArray())
                .filter(x -> !x.key().equals(DeadLetters.REASON)).toArray(Header[]::new));
        unknownReason.add(DeadLetters.REASON, "too_cold".getBytes(StandardCharsets.UTF_8));
        unknownReason.add(DeadLetters.OFFSET, "5".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeadLetter.from(unknownReason, null))
                .hasMessageContaining("unknown reject reason 'too_cold'").hasMessageContaining("invalid_json");
    }

    @Test
    void shouldRefuseAnImpossiblePosition() {
        assertThatThrownBy(() -> DeadLetters.headers(RejectReason.INVALID_JSON, "d", "t", -2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition").hasMessageContaining("-2");
        assertThatThrownBy(() -> DeadLetters.headers(RejectReason.INVALID_JSON, "d", "t", 0, -7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset").hasMessageContaining("-7");
        assertThatThrownBy(() -> DeadLetters.headers(RejectReason.INVALID_JSON, "d", "", 0, 0))
                .hasMessageContaining("topic");
    }

    @Test
    void shouldMapEveryLabelBackToItsReason() {
        for (RejectReason r : RejectReason.values()) {
            assertThat(RejectReason.fromLabel(r.label())).isSameAs(r);
        }
    }
}
