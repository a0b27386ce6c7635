package io.linkcast.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.SequencedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void shouldInterpolateQuantilesLikeNumpy() {
        // position 0.7 * 4 = 2.8: 3 + 0.8 * (4 - 3)
        assertThat(Splits.quantile(new double[] {1, 2, 3, 4, 5}, 0.7)).isCloseTo(3.8, within(1e-12));
        assertThat(Splits.quantile(new double[] {1, 2, 3, 4, 5}, 1.0)).isEqualTo(5.0);
    }

    @Test
    void shouldSplitSeventyFifteenFifteenByTime() {
        List<Interaction> data = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            data.add(TinyGraphs.edge("a", "b" + t, t));
        }
        Split split = Splits.transductive(data);
        // q(.70) = 1 + .70 * 19 = 14.3, q(.85) = 1 + .85 * 19 = 17.15
        assertThat(split.valTime()).isCloseTo(14.3, within(1e-9));
        assertThat(split.testTime()).isCloseTo(17.15, within(1e-9));
        assertThat(split.sizes()).isEqualTo(new SplitSizes(20, 21, 14, 3, 3, 0, 0));
        assertThat(split.test().get(0).event().t()).isEqualTo(18.0);
    }

    @Test
    void shouldKeepEqualTimesOnOneSideAndFileOrderWithinThem() {
        // times 1 x4, 2 x4, 3 x2, given out of order: q(.70) = 2, q(.85) = 2.65
        double[] times = {3, 1, 2, 1, 2, 1, 2, 3, 1, 2};
        List<Interaction> data = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            data.add(TinyGraphs.edge("n" + i, "m" + i, times[i]));
        }
        Split split = Splits.transductive(data);
        assertThat(split.train()).hasSize(8);
        assertThat(split.val()).isEmpty();
        assertThat(split.test()).extracting(e -> e.event().srcKey()).containsExactly("n0", "n7");
        // stable: the events at t = 1 keep file order, and seq is the position in time order
        assertThat(split.train().subList(0, 4)).extracting(e -> e.event().srcKey())
                .containsExactly("n1", "n3", "n5", "n8");
        for (int i = 0; i < split.events().size(); i++) {
            assertThat(split.events().get(i).seq()).isEqualTo(i);
        }
    }

    @Test
    void shouldMaskTenPercentOfNodesAmongLateNodesAndFilterEventsAsNat() {
        List<Interaction> data = TinyGraphs.random(3, 3000, 200, 0.3);
        Split split = Splits.inductive(data, 42);
        int nodes = split.nodes();
        assertThat(split.masked()).hasSize(nodes / 10);
        Set<Long> late = new HashSet<>();
        for (SequencedEvent e : split.events()) {
            if (e.event().t() > split.valTime()) {
                late.add(e.event().src());
                late.add(e.event().dst());
            }
        }
        assertThat(late).containsAll(split.masked());
        for (SequencedEvent e : concat(split.train(), split.val())) {
            assertThat(touches(e, split.masked())).isFalse();
        }
        assertThat(split.test()).isNotEmpty().allMatch(e -> touches(e, split.masked()));
        long testWithMasked = split.events().stream()
                .filter(e -> e.event().t() > split.testTime() && touches(e, split.masked())).count();
        assertThat(split.test()).hasSize((int) testWithMasked);
        // the replay is every event up to the test time, masked ones included
        assertThat(split.testReplay()).hasSize(
                (int) split.events().stream().filter(e -> e.event().t() <= split.testTime()).count());
        assertThat(split.testReplay()).anyMatch(e -> touches(e, split.masked()));
    }

    @Test
    void shouldDrawTheSameMaskForTheSameSeedAndAnotherForAnotherSeed() {
        List<Interaction> data = TinyGraphs.random(3, 3000, 200, 0.3);
        assertThat(Splits.inductive(data, 42).masked()).isEqualTo(Splits.inductive(data, 42).masked());
        assertThat(Splits.inductive(data, 42).masked()).isNotEqualTo(Splits.inductive(data, 43).masked());
    }

    @Test
    void shouldPoolDestinationsSeenUpToEachPart() {
        List<Interaction> data = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            data.add(TinyGraphs.edge("a", Integer.toString(100 + t), t));
        }
        Split split = Splits.transductive(data);
        assertThat(split.destinationPool(Split.Part.TRAIN)).hasSize(14).contains(101, 114).doesNotContain(115);
        assertThat(split.destinationPool(Split.Part.VAL)).hasSize(17).contains(117).doesNotContain(118);
        assertThat(split.destinationPool(Split.Part.TEST)).hasSize(20).isSorted();
        assertThat(split.testSpan()).isEqualTo(2.0);
    }

    private static boolean touches(SequencedEvent e, Set<Long> masked) {
        return masked.contains(e.event().src()) || masked.contains(e.event().dst());
    }

    private static List<SequencedEvent> concat(List<SequencedEvent> a, List<SequencedEvent> b) {
        List<SequencedEvent> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
