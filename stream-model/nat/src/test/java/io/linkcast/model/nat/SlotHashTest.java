package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlotHashTest {

    private static int reachable(SlotHash hash, int capacity) {
        Set<Integer> slots = new HashSet<>();
        for (long w = 1; w <= 10_000; w++) {
            int s = hash.slot(w, capacity);
            assertThat(s).isBetween(0, capacity - 1);
            slots.add(s);
        }
        return slots.size();
    }

    @Test
    void shouldReproduceTheOriginalPolynomial() {
        SlotHash h = new OriginalSlotHash(7);
        // nat-spec §1.3 / golden README: with a = 7 and M = 4 the polynomial is 3w mod 4
        for (long w = 0; w < 50; w++) {
            assertThat(h.slot(w, 4)).isEqualTo((int) ((3 * w) % 4));
        }
        // (7·10 + 8·100) mod 32 = 870 mod 32 = 6
        assertThat(h.slot(10, 32)).isEqualTo(6);
    }

    @Test
    void shouldShowTheOriginalEvenMultiplierDefect() {
        // nat-spec §1.3: an even a uses only 7 of 32 slots and 4 of 16
        assertThat(reachable(new OriginalSlotHash(0), 32)).isEqualTo(7);
        assertThat(reachable(new OriginalSlotHash(8), 16)).isEqualTo(4);
        assertThat(reachable(new OriginalSlotHash(7), 32)).isEqualTo(32);
    }

    @Test
    void shouldUseEverySlotWithTheMixingHashForAnySeed() {
        for (long seed : new long[] {0, 2, 8, 48, 70, -1, 0x9E3779B97F4A7C15L}) {
            assertThat(reachable(new SlotHash.Mix64(seed), 32)).isEqualTo(32);
            assertThat(reachable(new SlotHash.Mix64(seed), 16)).isEqualTo(16);
        }
    }

    @Test
    void shouldSpreadHashedIdsEvenly() {
        SlotHash h = new SlotHash.Mix64(1);
        int[] counts = new int[32];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 32_000; i++) {
            counts[h.slot(rnd.nextLong(), 32)]++;
        }
        // expected 1000 per slot; a 5-sigma band is about ±160
        assertThat(java.util.Arrays.stream(counts).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(840, 1160));
        // consecutive ids (the original's worst case) spread too
        int[] seq = new int[16];
        for (long w = 0; w < 1600; w++) {
            seq[h.slot(w, 16)]++;
        }
        assertThat(java.util.Arrays.stream(seq).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(50, 150));
    }

    @Test
    void shouldRejectAnOriginalMultiplierOutOfRange() {
        assertThatThrownBy(() -> new OriginalSlotHash(100)).hasMessageContaining("[0, 99]").hasMessageContaining("100");
    }

    @Test
    void shouldDrawCoinsWithProbabilityAlphaFromTheirArgumentsOnly() {
        ReplacementCoin coin = new ReplacementCoin(9, 0.3);
        int replaced = 0;
        for (int seq = 0; seq < 20_000; seq++) {
            replaced += coin.replaces(seq, 17, 1, 5, 42) ? 1 : 0;
        }
        // binomial(20000, 0.3): sd 65
        assertThat(replaced).isBetween(6000 - 400, 6000 + 400);
        assertThat(coin.uniform(5, 17, 1, 5, 42)).isEqualTo(new ReplacementCoin(9, 0.3).uniform(5, 17, 1, 5, 42));
        assertThat(coin.uniform(5, 17, 1, 5, 42)).isNotEqualTo(coin.uniform(5, 17, 1, 5, 43));
        assertThat(coin.uniform(5, 17, 1, 5, 42)).isNotEqualTo(coin.uniform(5, 17, 2, 5, 42));
        assertThat(coin.uniform(5, 17, 1, 5, 42)).isNotEqualTo(new ReplacementCoin(10, 0.3).uniform(5, 17, 1, 5, 42));
        assertThat(new ReplacementCoin(9, 0).replaces(1, 2, 1, 3, 4)).isFalse();
        assertThat(new ReplacementCoin(9, 1).replaces(1, 2, 1, 3, 4)).isTrue();
        assertThatThrownBy(() -> new ReplacementCoin(1, 1.5)).hasMessageContaining("1.5");
    }
}
