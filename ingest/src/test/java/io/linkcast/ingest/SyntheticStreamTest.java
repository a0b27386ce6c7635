package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticStreamTest {
    private static final int NODES = 20_000;
    private static final SyntheticConfig BASE = SyntheticConfig.defaults(NODES, 100_000, 7);

    /** Statistics of BASE (15 % negative, 40 % repeats, 20 % closures), measured once for the class. */
    private StreamStats base;

    @BeforeAll
    void measureBase() {
        base = stats(BASE);
    }

    private static StreamStats stats(SyntheticConfig config) {
        StreamStats s = new StreamStats();
        for (Interaction e : new SyntheticStream(config)) {
            s.add(e);
        }
        return s;
    }

    private static List<Interaction> list(SyntheticConfig config) {
        List<Interaction> out = new ArrayList<>();
        new SyntheticStream(config).forEach(out::add);
        return out;
    }

    @Test
    void shouldRepeatItselfForASeedAndDifferForAnother() {
        SyntheticConfig c = SyntheticConfig.defaults(1_000, 3_000, 42);
        SyntheticStream stream = new SyntheticStream(c);
        List<Interaction> first = new ArrayList<>();
        stream.forEach(first::add);
        List<Interaction> again = new ArrayList<>();
        stream.forEach(again::add);
        assertThat(again).isEqualTo(first);
        assertThat(list(c)).isEqualTo(first);

        List<Interaction> other = list(c.withSeed(43));
        int samePairs = 0;
        for (int i = 0; i < first.size(); i++) {
            Interaction a = first.get(i);
            Interaction b = other.get(i);
            if (a.src() == b.src() && a.dst() == b.dst()) {
                samePairs++;
            }
        }
        assertThat(samePairs).as("events with the same pair at the same position").isLessThan(first.size() / 20);
        assertThat(other.get(1).t()).isNotEqualTo(first.get(1).t());
    }

    @Test
    void shouldYieldExactlyTheConfiguredNumberOfEvents() {
        Iterator<Interaction> it = new SyntheticStream(SyntheticConfig.defaults(50, 17, 1)).iterator();
        for (int i = 0; i < 17; i++) {
            assertThat(it.hasNext()).isTrue();
            assertThat(it.next().id()).isEqualTo(Integer.toString(i));
        }
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class).hasMessageContaining("17");
        assertThat(new SyntheticStream(SyntheticConfig.defaults(50, 0, 1)).iterator().hasNext()).isFalse();
    }

    @Test
    void shouldIncreaseTimeByGapsOfTheConfiguredMean() {
        assertThat(base.timeDescents).isZero();
        assertThat(base.firstTime).isEqualTo(SyntheticConfig.DEFAULT_START_TIME);
        double meanGap = (base.lastTime - base.firstTime) / (base.events - 1);
        assertThat(meanGap).isCloseTo(1.0, within(0.02));

        SyntheticConfig slow = new SyntheticConfig(100, 20_000, 3, 0.15, 0.4, 0.2, -50.0, 60.0, 0.75, 4);
        List<Interaction> events = list(slow);
        assertThat(events.get(0).t()).isEqualTo(-50.0);
        assertThat((events.get(events.size() - 1).t() + 50.0) / (events.size() - 1)).isCloseTo(60.0, within(1.5));
    }

    @Test
    void shouldUseIntegerIdsInRangeWithoutSelfLoopsAndSignedRatings() {
        for (Interaction e : new SyntheticStream(SyntheticConfig.defaults(300, 20_000, 11))) {
            assertThat(Long.parseLong(e.srcKey())).isEqualTo(e.src()).isBetween(0L, 299L);
            assertThat(Long.parseLong(e.dstKey())).isEqualTo(e.dst()).isBetween(0L, 299L);
            assertThat(NodeIds.internalId(e.srcKey())).isEqualTo(e.src());
            assertThat(e.src()).isNotEqualTo(e.dst());
            assertThat(e.sign()).isIn(-1, 1);
            assertThat(Math.abs(e.weight())).isBetween(1.0, 10.0);
            assertThat(Math.signum(e.weight())).isEqualTo((double) e.sign());
            assertThat(e.weight()).isEqualTo(Math.rint(e.weight()));
        }
        assertThat(base.selfLoops).isZero();
    }

    @Test
    void shouldConcentrateActivityOnFewNodes() {
        // uniform activity would give the top 1 % of nodes about 1 % of the endpoints
        assertThat(base.topShare(NODES, 0.01)).isGreaterThan(0.12);
        SyntheticConfig flat = new SyntheticConfig(NODES, 50_000, 7, 0.15, 0.0, 0.0, 0, 1, 0.0, 4);
        assertThat(stats(flat).topShare(NODES, 0.01)).isLessThan(0.03);
    }

    @Test
    void shouldRepeatAndCloseAboutAsConfigured() {
        // popular pairs recur by chance, and a closure may re-link a pair older than the generator remembers
        assertThat(base.repeatRate()).isCloseTo(0.40, within(0.04));
        assertThat(base.closureRate()).isCloseTo(0.20, within(0.04));
        // and the knobs move the measured rates by about what they say
        SyntheticConfig few = BASE.withEvents(50_000).withMix(0.15, 0.1, 0.2);
        SyntheticConfig many = BASE.withEvents(50_000).withMix(0.15, 0.6, 0.2);
        assertThat(stats(many).repeatRate() - stats(few).repeatRate()).isCloseTo(0.5, within(0.06));
        StreamStats noClosure = stats(BASE.withEvents(50_000).withMix(0.15, 0.4, 0.0));
        assertThat(noClosure.closureRate()).isLessThan(0.03);
        assertThat(base.closureRate() - noClosure.closureRate()).isCloseTo(0.2, within(0.05));
    }

    @Test
    void shouldMeetTheNegativeShareTarget() {
        assertThat(base.negativeShare()).isCloseTo(0.15, within(0.01));
        assertThat(stats(BASE.withEvents(30_000).withMix(0.10, 0.3, 0.1)).negativeShare()).isCloseTo(0.10, within(0.01));
        assertThat(stats(BASE.withEvents(30_000).withMix(0.20, 0.6, 0.3)).negativeShare()).isCloseTo(0.20, within(0.01));
        assertThat(stats(BASE.withEvents(30_000).withMix(0.0, 0.4, 0.2)).negatives).isZero();
    }

    @Test
    void shouldCloseTrianglesInBalanceFarMoreOftenThanChance() {
        assertThat(base.triangles).isGreaterThan(10_000);
        // with independent signs at a 15 % negative share, 67 % of triangles would have a positive product
        assertThat(base.balancedShareByChance()).isCloseTo(0.67, within(0.01));
        assertThat(base.balancedShare()).isGreaterThan(0.85);
    }

    @Test
    void shouldValidateTheConfigurationNamingTheBadValue() {
        assertThatThrownBy(() -> SyntheticConfig.defaults(1, 10, 0)).hasMessage("nodes must be >= 2, got 1");
        assertThatThrownBy(() -> SyntheticConfig.defaults(10, -1, 0)).hasMessage("events must be >= 0, got -1");
        SyntheticConfig ok = SyntheticConfig.defaults(10, 10, 0);
        assertThatThrownBy(() -> ok.withMix(0.6, 0.4, 0.2)).hasMessage("negativeFraction must be in 0..0.5, got 0.6");
        assertThatThrownBy(() -> ok.withMix(0.1, -0.1, 0.2)).hasMessage("repeatProbability must be in 0..1, got -0.1");
        assertThatThrownBy(() -> ok.withMix(0.1, 0.4, Double.NaN)).hasMessage("closureProbability must be in 0..1, got NaN");
        assertThatThrownBy(() -> ok.withMix(0.1, 0.7, 0.4))
                .hasMessage("repeatProbability + closureProbability must be <= 1, got 0.7 + 0.4");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 0, 0.1, 0.4, 0.2, Double.POSITIVE_INFINITY, 1, 0.75, 4))
                .hasMessage("startTime must be finite, got Infinity");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 0, 0.1, 0.4, 0.2, 0, 0, 0.75, 4))
                .hasMessage("meanGap must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 0, 0.1, 0.4, 0.2, 0, 1, 1.0, 4))
                .hasMessage("activityExponent must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 0, 0.1, 0.4, 0.2, 0, 1, 0.5, 65))
                .hasMessage("neighbourSlots must be in 1..64, got 65");
        assertThatThrownBy(() -> new SyntheticConfig(1_000_000_000, 10, 0, 0.1, 0.4, 0.2, 0, 1, 0.5, 4))
                .hasMessageContaining("nodes * neighbourSlots must fit").hasMessageContaining("1000000000 * 4");
    }

    @Test
    void shouldWorkWithTheSmallestGraphs() {
        // two nodes: every event is the same pair, in one direction or the other
        for (Interaction e : new SyntheticStream(SyntheticConfig.defaults(2, 500, 5))) {
            assertThat(e.src() + e.dst()).isEqualTo(1);
        }
        SyntheticConfig oneSlot = new SyntheticConfig(3, 500, 5, 0.15, 0.5, 0.5, 0, 1, 0.9, 1);
        assertThat(list(oneSlot)).hasSize(500);
    }
}
