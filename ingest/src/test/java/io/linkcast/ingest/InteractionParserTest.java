package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InteractionParserTest {
    private final InteractionParser parser = new InteractionParser();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Interaction accept(String json) {
        ParseResult r = parser.parse(utf8(json));
        assertThat(r).as(json).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) r).interaction();
    }

    // ---------- accepted forms ----------

    @Test
    void shouldAcceptStringIdsWithOnlyRequiredFields() {
        Interaction e = accept("{\"src\":\"alice\",\"dst\":\"bob\",\"t\":12}");
        assertThat(e.srcKey()).isEqualTo("alice");
        assertThat(e.dstKey()).isEqualTo("bob");
        assertThat(e.src()).isEqualTo(NodeIds.internalId("alice")).isNegative();
        assertThat(e.t()).isEqualTo(12.0);
        assertThat(e.hasSign()).isFalse();
        assertThat(e.hasWeight()).isFalse();
        assertThat(e.id()).isNull();
    }

    @Test
    void shouldAcceptIntegerIdsAndMapThemToThemselves() {
        Interaction e = accept("{\"src\":17,\"dst\":4200000000,\"t\":1289241911.72836,\"sign\":-1,\"weight\":-10,\"id\":\"r1\"}");
        assertThat(e.srcKey()).isEqualTo("17");
        assertThat(e.dstKey()).isEqualTo("4200000000");
        assertThat(e.src()).isEqualTo(17L);
        assertThat(e.dst()).isEqualTo(4_200_000_000L);
        assertThat(e.t()).isEqualTo(1289241911.72836);
        assertThat(e.sign()).isEqualTo(-1);
        assertThat(e.weight()).isEqualTo(-10.0);
        assertThat(e.id()).isEqualTo("r1");
    }

    @Test
    void shouldAcceptNegativeAndFractionalTimes() {
        assertThat(accept("{\"src\":1,\"dst\":2,\"t\":-3.25}").t()).isEqualTo(-3.25);
        assertThat(accept("{\"src\":1,\"dst\":2,\"t\":0.001}").t()).isEqualTo(0.001);
        assertThat(accept("{\"src\":1,\"dst\":2,\"t\":1.5e9}").t()).isEqualTo(1.5e9);
    }

    @Test
    void shouldTreatNullOptionalFieldsAsAbsent() {
        Interaction e = accept("{\"src\":1,\"dst\":2,\"t\":3,\"sign\":null,\"weight\":null,\"id\":null}");
        assertThat(e.sign()).isZero();
        assertThat(e.weight()).isNaN();
        assertThat(e.id()).isNull();
    }

    @Test
    void shouldAcceptIntegerEventIdSignAsFloatAndSurroundingWhitespace() {
        Interaction e = accept(" \n{\"id\":99,\"sign\":1.0,\"t\":5,\"dst\":\"b\",\"src\":\"a\"}\t\n");
        assertThat(e.id()).isEqualTo("99");
        assertThat(e.sign()).isEqualTo(1);
    }

    @Test
    void shouldKeepNegativeAndLeadingZeroStringIdsAsText() {
        Interaction e = accept("{\"src\":-5,\"dst\":\"007\",\"t\":1}");
        assertThat(e.srcKey()).isEqualTo("-5");
        assertThat(e.dstKey()).isEqualTo("007");
        // neither is a canonical non-negative integer, so both are hashed into the negative half
        assertThat(e.src()).isNegative();
        assertThat(e.dst()).isNegative();
    }

    @Test
    void shouldDecodeUnicodeAndEscapesInIds() {
        Interaction e = accept("{\"src\":\"\\u00e9mile\",\"dst\":\"a\\\"b\",\"t\":1}");
        assertThat(e.srcKey()).isEqualTo("émile");
        assertThat(e.dstKey()).isEqualTo("a\"b");
    }

    @Test
    void shouldAcceptARecordOfExactlyTheLimit() {
        String base = "{\"src\":1,\"dst\":2,\"t\":3}";
        String padded = base + " ".repeat(64 - base.length());
        assertThat(new InteractionParser(64).parse(utf8(padded))).isInstanceOf(ParseResult.Accepted.class);
        assertThat(new InteractionParser(63).parse(utf8(padded)))
                .isEqualTo(new ParseResult.Rejected(RejectReason.OVERSIZED_RECORD, "64 bytes, limit 63"));
    }

    // ---------- rejections: one real malformed input per case, every reason covered ----------

    static Stream<Arguments> malformed() {
        return rejectCases().stream().map(c -> Arguments.of(c.reason, c.input, c.detailFragment));
    }

    private record Case(RejectReason reason, byte[] input, String detailFragment) {
    }

    private static Case c(RejectReason reason, String json, String detailFragment) {
        return new Case(reason, json == null ? null : utf8(json), detailFragment);
    }

    private static List<Case> rejectCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(c(RejectReason.EMPTY_RECORD, null, "no value"));
        cases.add(c(RejectReason.EMPTY_RECORD, "", "no value"));
        cases.add(c(RejectReason.OVERSIZED_RECORD,
                "{\"src\":1,\"dst\":2,\"t\":3,\"id\":\"" + "x".repeat(5000) + "\"}", "limit 4096"));
        cases.add(c(RejectReason.INVALID_JSON, "{\"src\":1,\"dst\":2,\"t\":3", "end-of-input"));
        cases.add(c(RejectReason.INVALID_JSON, "{src:1,dst:2,t:3}", "field name"));
        cases.add(c(RejectReason.INVALID_JSON, "{\"src\":1,\"src\":2,\"dst\":2,\"t\":3}", "Duplicate field 'src'"));
        cases.add(c(RejectReason.INVALID_JSON, "{\"src\":1,\"dst\":2,\"t\":3} {}", "trailing content"));
        cases.add(c(RejectReason.INVALID_JSON, "{\"src\":1,\"dst\":2,\"t\":3} xyz", "xyz"));
        cases.add(c(RejectReason.INVALID_JSON, "   \n ", "no JSON value"));
        cases.add(c(RejectReason.INVALID_JSON, "[".repeat(2000) + "]".repeat(2000), "nesting depth"));
        cases.add(c(RejectReason.INVALID_JSON, "{\"src\":01,\"dst\":2,\"t\":3}", "Leading zeroes"));
        cases.add(c(RejectReason.NOT_AN_OBJECT, "[1,2,3.5]", "ARRAY"));
        cases.add(c(RejectReason.NOT_AN_OBJECT, "1700000000", "NUMBER"));
        cases.add(c(RejectReason.NOT_AN_OBJECT, "\"src\"", "STRING"));
        cases.add(c(RejectReason.NOT_AN_OBJECT, "null", "NULL"));
        cases.add(c(RejectReason.MISSING_FIELD, "{\"src\":1,\"dst\":2}", "'t'"));
        cases.add(c(RejectReason.MISSING_FIELD, "{\"dst\":2,\"t\":3}", "'src'"));
        cases.add(c(RejectReason.MISSING_FIELD, "{\"src\":1,\"dst\":null,\"t\":3}", "'dst'"));
        cases.add(c(RejectReason.WRONG_TYPE, "{\"src\":1,\"dst\":2,\"t\":\"1700000000\"}", "'t' must be a number, got STRING"));
        cases.add(c(RejectReason.WRONG_TYPE, "{\"src\":1.5,\"dst\":2,\"t\":3}", "'src' must be a string or an integer, got a non-integer number"));
        cases.add(c(RejectReason.WRONG_TYPE, "{\"src\":1,\"dst\":true,\"t\":3}", "'dst' must be a string or an integer, got BOOLEAN"));
        cases.add(c(RejectReason.WRONG_TYPE, "{\"src\":[1],\"dst\":2,\"t\":3}", "'src' must be a string or an integer, got ARRAY"));
        cases.add(c(RejectReason.WRONG_TYPE, "{\"src\":1,\"dst\":2,\"t\":3,\"sign\":\"+1\"}", "'sign' must be a number"));
        cases.add(c(RejectReason.WRONG_TYPE, "{\"src\":1,\"dst\":2,\"t\":3,\"weight\":\"heavy\"}", "'weight' must be a number"));
        cases.add(c(RejectReason.WRONG_TYPE, "{\"src\":1,\"dst\":2,\"t\":3,\"id\":{\"n\":1}}", "'id' must be a string or an integer, got OBJECT"));
        cases.add(c(RejectReason.INVALID_ID, "{\"src\":\"\",\"dst\":2,\"t\":3}", "'src' must be 1..256 characters, got 0"));
        cases.add(c(RejectReason.INVALID_ID, "{\"src\":1,\"dst\":\"" + "d".repeat(257) + "\",\"t\":3}", "got 257"));
        cases.add(c(RejectReason.INVALID_ID, "{\"src\":" + "9".repeat(300) + ",\"dst\":2,\"t\":3}", "got 300"));
        cases.add(c(RejectReason.INVALID_ID, "{\"src\":1,\"dst\":2,\"t\":3,\"id\":\"\"}", "'id' must be 1..256"));
        cases.add(c(RejectReason.NON_FINITE_TIME, "{\"src\":1,\"dst\":2,\"t\":1e400}", "'t' is not finite"));
        cases.add(c(RejectReason.NON_FINITE_TIME, "{\"src\":1,\"dst\":2,\"t\":-1e999}", "'t' is not finite"));
        cases.add(c(RejectReason.NON_FINITE_TIME, "{\"src\":1,\"dst\":2,\"t\":NaN}", "'t' is not finite: NaN"));
        cases.add(c(RejectReason.NON_FINITE_TIME, "{\"src\":1,\"dst\":2,\"t\":Infinity}", "'t' is not finite: Infinity"));
        cases.add(c(RejectReason.INVALID_SIGN, "{\"src\":1,\"dst\":2,\"t\":3,\"sign\":0}", "+1 or -1, got 0"));
        cases.add(c(RejectReason.INVALID_SIGN, "{\"src\":1,\"dst\":2,\"t\":3,\"sign\":2}", "got 2"));
        cases.add(c(RejectReason.INVALID_SIGN, "{\"src\":1,\"dst\":2,\"t\":3,\"sign\":-0.5}", "got -0.5"));
        cases.add(c(RejectReason.INVALID_WEIGHT, "{\"src\":1,\"dst\":2,\"t\":3,\"weight\":1e999}", "'weight' is not finite"));
        cases.add(c(RejectReason.INVALID_WEIGHT, "{\"src\":1,\"dst\":2,\"t\":3,\"weight\":NaN}", "'weight' is not finite"));
        cases.add(c(RejectReason.UNKNOWN_FIELD, "{\"src\":1,\"dst\":2,\"t\":3,\"time\":4}", "unknown field 'time'"));
        cases.add(c(RejectReason.UNKNOWN_FIELD, "{\"Src\":1,\"dst\":2,\"t\":3}", "unknown field 'Src'"));
        return cases;
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("malformed")
    void shouldRejectMalformedRecordWithPreciseReason(RejectReason reason, byte[] input, String detailFragment) {
        ParseResult r = parser.parse(input);
        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        ParseResult.Rejected rejected = (ParseResult.Rejected) r;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.detail()).contains(detailFragment);
    }

    @Test
    void shouldHaveAMalformedExampleForEveryRejectReasonOfTheParser() {
        EnumSet<RejectReason> covered = EnumSet.noneOf(RejectReason.class);
        rejectCases().forEach(c -> covered.add(c.reason));
        // processing_failed is the engine's, for accepted events (EngineFaultTest)
        assertThat(covered).isEqualTo(EnumSet.complementOf(EnumSet.of(RejectReason.PROCESSING_FAILED)));
    }

    @Test
    void shouldRejectInvalidUtf8AsInvalidJson() {
        byte[] bad = {'{', '"', 's', 'r', 'c', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ParseResult r = parser.parse(bad);
        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) r).reason()).isEqualTo(RejectReason.INVALID_JSON);
    }

    @Test
    void shouldRefuseALimitBelowSixteenBytes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InteractionParser(15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("15");
    }

    // ---------- InteractionJson -> parser round trip ----------

    @Test
    void shouldRoundTripHandPickedEdgeCases() {
        List<Interaction> cases = List.of(
                Interaction.of("17", "42", 1289241911.72836, 1, 10, "e-1"),
                Interaction.of("0", "9223372036854775807", -3.25, -1, -0.5, null),
                Interaction.of("9223372036854775808", "007", 0.0, 0, Double.NaN, "17"),
                Interaction.of("-5", "a\"b\\c\n\t\r\u0001", -0.0, 1, 0.0, null),
                Interaction.of("émile", "\uD83D\uDE00 smile", 1e20, -1, 1e-300, "\u2028"),
                Interaction.of("lone\uD800surrogate", "x", 123456789012345.0, 0, -0.0, null),
                Interaction.of("a", "b", Double.MAX_VALUE, 0, -Double.MIN_VALUE, null));
        for (Interaction e : cases) {
            byte[] json = InteractionJson.encode(e);
            assertThat(parser.parse(json)).as(new String(json, StandardCharsets.UTF_8))
                    .isEqualTo(new ParseResult.Accepted(e));
        }
    }

    @Test
    void shouldRoundTripRandomInteractions() {
        SplittableRandom rnd = new SplittableRandom(20261127L);
        for (int i = 0; i < 5000; i++) {
            Interaction e = Interaction.of(randomKey(rnd), randomKey(rnd), randomDouble(rnd),
                    rnd.nextInt(3) - 1, rnd.nextInt(4) == 0 ? Double.NaN : randomDouble(rnd),
                    rnd.nextBoolean() ? null : randomKey(rnd));
            byte[] json = InteractionJson.encode(e);
            assertThat(parser.parse(json)).as("case %d: %s", i, new String(json, StandardCharsets.UTF_8))
                    .isEqualTo(new ParseResult.Accepted(e));
        }
    }

    private static String randomKey(SplittableRandom rnd) {
        switch (rnd.nextInt(4)) {
            case 0:
                return Long.toString(rnd.nextLong(Long.MAX_VALUE));
            case 1:
                return Integer.toString(rnd.nextInt(1000));
            case 2:
                return "-" + rnd.nextInt(1000);
            default:
                StringBuilder sb = new StringBuilder();
                int n = 1 + rnd.nextInt(12);
                for (int k = 0; k < n; k++) {
                    sb.append((char) rnd.nextInt(rnd.nextBoolean() ? 0x80 : 0x10000));
                }
                return sb.toString();
        }
    }

    private static double randomDouble(SplittableRandom rnd) {
        switch (rnd.nextInt(4)) {
            case 0:
                return rnd.nextInt(2_000_000_000) - 1_000_000_000;
            case 1:
                return (rnd.nextDouble() - 0.5) * 4e9;
            case 2:
                return Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL) * (rnd.nextBoolean() ? 1 : -1);
            default:
                return rnd.nextDouble();
        }
    }
}
