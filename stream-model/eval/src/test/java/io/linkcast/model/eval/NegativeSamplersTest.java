package io.linkcast.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class NegativeSamplersTest {
    private static final long[] POOL = LongStream.rangeClosed(1, 10).toArray();

    @Test
    void shouldDrawLinkNegativesUniformlyAndDeterministicallyFromThePool() {
        LinkNegativeSampler a = new LinkNegativeSampler(POOL, 5);
        LinkNegativeSampler b = new LinkNegativeSampler(POOL, 5);
        int[] counts = new int[11];
        for (long seq = 0; seq < 100_000; seq++) {
            long w = a.negative(seq);
            assertThat(w).isBetween(1L, 10L);
            assertThat(b.negative(seq)).isEqualTo(w);
            counts[(int) w]++;
        }
        for (int w = 1; w <= 10; w++) {
            assertThat(counts[w]).isBetween(9_500, 10_500);
        }
        long differing = LongStream.range(0, 1000)
                .filter(s -> new LinkNegativeSampler(POOL, 6).negative(s) != a.negative(s)).count();
        assertThat(differing).isGreaterThan(800);
    }

    @Test
    void shouldDrawDistinctRandomRankingNegativesThatAvoidTrueDestinations() {
        long[] pool = LongStream.rangeClosed(1, 1000).toArray();
        RankingNegativeSampler s = new RankingNegativeSampler(pool, 9, 100);
        long[] neg = s.random(77, Set.of(5L, 6L));
        assertThat(neg).hasSize(100).doesNotHaveDuplicates().doesNotContain(5L, 6L);
        assertThat(new RankingNegativeSampler(pool, 9, 100).random(77, Set.of(5L, 6L))).containsExactly(neg);
        assertThat(s.random(78, Set.of(5L, 6L))).isNotEqualTo(neg);
    }

    @Test
    void shouldUseEveryEligibleNodeWhenThePoolIsSmall() {
        RankingNegativeSampler s = new RankingNegativeSampler(POOL, 9, 100);
        assertThat(s.random(1, Set.of(3L))).containsExactlyInAnyOrder(1, 2, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void shouldSubsampleALongHistoryIndependentlyOfItsOrder() {
        long[] pool = LongStream.rangeClosed(1, 1000).toArray();
        long[] history = LongStream.rangeClosed(1, 300).toArray();
        long[] reversed = LongStream.rangeClosed(1, 300).map(i -> 301 - i).toArray();
        RankingNegativeSampler s = new RankingNegativeSampler(pool, 9, 100);
        long[] h = s.historical(5, history, Set.of(7L));
        assertThat(h).hasSize(100).doesNotHaveDuplicates().doesNotContain(7L);
        assertThat(LongStream.of(h).allMatch(w -> w >= 1 && w <= 300)).isTrue();
        long[] h2 = s.historical(5, reversed, Set.of(7L));
        Arrays.sort(h);
        Arrays.sort(h2);
        assertThat(h2).containsExactly(h);
    }

    @Test
    void shouldTopUpAShortHistoryWithRandomNodes() {
        long[] pool = LongStream.rangeClosed(1, 1000).toArray();
        RankingNegativeSampler s = new RankingNegativeSampler(pool, 9, 100);
        long[] h = s.historical(5, new long[] {11, 12, 13, 14}, Set.of(12L, 500L));
        Set<Long> got = new HashSet<>();
        for (long w : h) {
            got.add(w);
        }
        assertThat(h).hasSize(100).doesNotHaveDuplicates().doesNotContain(12L, 500L);
        assertThat(got).contains(11L, 13L, 14L);
    }
}
