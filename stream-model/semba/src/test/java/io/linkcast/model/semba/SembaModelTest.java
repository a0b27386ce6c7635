package io.linkcast.model.semba;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.semba.SembaHistory;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SembaModelTest {
    private static final int NODES = 40;

    private static SembaConfig small(SembaTask task) {
        return SembaConfig.defaults(task).withDimensions(8, 4, 8, 2, 5);
    }

    private static SequencedEvent event(long seq, long src, long dst, double t, int sign, double weight) {
        return new SequencedEvent(seq, new Interaction("" + src, "" + dst, src, dst, t, sign, weight, null));
    }

    @Test
    void shouldGiveIdenticalPredictionsAndStatesWhateverTheBatchSize() {
        List<SequencedEvent> stream = SignedStreams.random(7, 300, NODES);
        for (SembaConfig config : List.of(SembaConfig.defaults(SembaTask.SIGN),
                small(SembaTask.SIGNLINK).withExtension(SembaExtension.HISTORY).withDecoderHidden(16),
                small(SembaTask.WEIGHT).withBalance(false).withAttention(false))) {
            try (SembaModel model = SembaModel.initialise(config, 11)) {
                SignedStreams.Run one = SignedStreams.run(model, stream, 1);
                SignedStreams.Run seven = SignedStreams.run(model, stream, 7);
                SignedStreams.Run all = SignedStreams.run(model, stream, 200);
                assertThat(seven.outputs()).as(config.variant()).isEqualTo(one.outputs());
                assertThat(all.outputs()).as(config.variant()).isEqualTo(one.outputs());
                long[] ids = SignedStreams.ids(NODES);
                assertThat(seven.states(ids)).isEqualTo(one.states(ids));
                assertThat(all.states(ids)).isEqualTo(one.states(ids));
                // the predictions vary (the check above is not vacuous)
                assertThat(one.outputs().stream().distinct().count()).isGreaterThan(100);
            }
        }
    }

    @Test
    void shouldGiveIdenticalPredictionsWhateverTheBatchSizeOnDjlToo() {
        // the DJL path too (training runs on it; its GRU cell, DjlGruCell, is shared with NAT) gives every event the
        // same bits whatever the wave size
        List<SequencedEvent> stream = SignedStreams.random(7, 300, NODES);
        for (SembaConfig config : List.of(SembaConfig.defaults(SembaTask.SIGN),
                small(SembaTask.SIGNLINK).withExtension(SembaExtension.HISTORY).withDecoderHidden(16))) {
            try (SembaModel model = SembaModel.initialise(config, 11, InferenceBackend.DJL)) {
                SignedStreams.Run one = SignedStreams.run(model, stream, 1);
                SignedStreams.Run seven = SignedStreams.run(model, stream, 7);
                SignedStreams.Run all = SignedStreams.run(model, stream, 200);
                assertThat(seven.outputs()).as(config.variant()).isEqualTo(one.outputs());
                assertThat(all.outputs()).as(config.variant()).isEqualTo(one.outputs());
                long[] ids = SignedStreams.ids(NODES);
                assertThat(all.states(ids)).isEqualTo(one.states(ids));
                assertThat(one.outputs().stream().distinct().count()).isGreaterThan(100);
            }
        }
    }

    @Test
    void shouldNotLetAnEventOrLaterEventsReachItsOwnPrediction() {
        List<SequencedEvent> stream = SignedStreams.random(3, 120, 15);
        SembaConfig config = small(SembaTask.SIGN).withExtension(SembaExtension.HISTORY);
        int j = 80;
        List<SequencedEvent> changed = new ArrayList<>(stream);
        Interaction e = stream.get(j).event();
        changed.set(j, new SequencedEvent(j, new Interaction(e.srcKey(), e.dstKey(), e.src(), e.dst(), e.t(),
                -e.sign(), -e.weight() * 0.5, null)));
        for (int k = j + 1; k < changed.size(); k++) {
            Interaction later = changed.get(k).event();
            changed.set(k, new SequencedEvent(k, new Interaction(later.srcKey(), later.dstKey(), later.src(),
                    later.dst(), later.t(), 1, 10, null)));
        }
        try (SembaModel model = SembaModel.initialise(config, 5)) {
            List<ModelOutput> a = SignedStreams.run(model, stream, 50).outputs();
            List<ModelOutput> b = SignedStreams.run(model, changed, 50).outputs();
            assertThat(b.subList(0, j + 1)).isEqualTo(a.subList(0, j + 1));
            // the change does reach the events after it that share a node with it
            boolean differsLater = false;
            for (int k = j + 1; k < a.size(); k++) {
                differsLater |= !a.get(k).equals(b.get(k));
            }
            assertThat(differsLater).isTrue();
        }
    }

    @Test
    void shouldScoreAnEventExactlyAsTheStepPredictsIt() {
        List<SequencedEvent> stream = SignedStreams.random(9, 60, 10);
        try (SembaModel model = SembaModel.initialise(small(SembaTask.SIGNLINK), 2)) {
            SignedStreams.Run run = SignedStreams.run(model, stream.subList(0, 50), 50);
            SequencedEvent next = stream.get(50);
            Interaction e = next.event();
            List<SembaNodeState> src = run.store().getAll(new long[] {e.src()});
            List<SembaNodeState> dst = run.store().getAll(new long[] {e.dst()});
            SembaNodeState s = src.get(0) == null ? model.emptyState(e.src()) : src.get(0);
            SembaNodeState d = dst.get(0) == null ? model.emptyState(e.dst()) : dst.get(0);
            List<ModelOutput> scored = model.score(List.of(new Query(e.src(), e.dst(), e.t())), List.of(s), List.of(d));
            WaveOutput<SembaNodeState> stepped = model.step(new Wave<>(List.of(next), List.of(s), List.of(d)));
            assertThat(scored).isEqualTo(stepped.outputs());
            assertThat(scored.get(0).pLink()).isBetween(0f, 1f);
            assertThat(scored.get(0).pPositive()).isBetween(0f, 1f);
            assertThat(scored.get(0).weight()).isNaN();
        }
    }

    @Test
    void shouldFreeEveryArrayOfAWaveOrAQueryWhenItEnds() {
        List<SequencedEvent> stream = SignedStreams.random(4, 80, 12);
        // the attention derives padded per-head weights from the parameters at every call
        try (SembaModel model = SembaModel.initialise(SembaConfig.defaults(SembaTask.SIGNLINK), 3)) {
            SignedStreams.run(model, stream.subList(0, 10), 5);
            int held = model.manager().getManagedArrays().size();
            SignedStreams.Run run = SignedStreams.run(model, stream, 7);
            Interaction e = stream.get(0).event();
            model.score(List.of(new Query(e.src(), e.dst(), e.t())), List.of(run.store().getAll(new long[] {e.src()})
                    .get(0)), List.of(model.emptyState(e.dst())));
            assertThat(model.manager().getManagedArrays()).hasSize(held);
        }
    }

    @Test
    void shouldRouteMemoriesByTheBalanceRule() {
        SembaConfig config = small(SembaTask.SIGN);
        float[] same = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] neg1 = {0.5f, 0, 0, 0, 0, 0, 0, -0.5f};
        float[] neg2 = {-1, 1, -1, 1, -1, 1, -1, 1};
        SembaNodeState v1 = new SembaNodeState(same, neg1, Double.NaN, SembaHistory.EMPTY, List.of());
        SembaNodeState v2 = new SembaNodeState(same, neg2, Double.NaN, SembaHistory.EMPTY, List.of());
        try (SembaModel model = SembaModel.initialise(config, 4)) {
            for (int sign : new int[] {1, -1}) {
                SembaNodeState u1 = afterTwoEvents(model, v1, sign);
                SembaNodeState u2 = afterTwoEvents(model, v2, sign);
                if (sign > 0) {
                    // friend: the positive memory heard only the partner's positive memory
                    assertThat(u1.positiveMemory()).isEqualTo(u2.positiveMemory());
                    assertThat(u1.negativeMemory()).isNotEqualTo(u2.negativeMemory());
                } else {
                    // enemy: the positive memory heard the partner's negative memory, the negative its positive
                    assertThat(u1.positiveMemory()).isNotEqualTo(u2.positiveMemory());
                    assertThat(u1.negativeMemory()).isEqualTo(u2.negativeMemory());
                }
            }
        }
    }

    /** u rates v with {@code sign}, then rates node 9: u's memories then have the first event folded in. */
    private static SembaNodeState afterTwoEvents(SembaModel model, SembaNodeState v, int sign) {
        SembaNodeState u = model.emptyState(1);
        WaveOutput<SembaNodeState> first = model.step(new Wave<>(List.of(event(0, 1, 2, 100, sign, 3 * sign)),
                List.of(u), List.of(v)));
        SembaNodeState afterFirst = first.newSrc().get(0);
        assertThat(afterFirst.newest().snapshot()).isEqualTo(v.memorySnapshot());
        WaveOutput<SembaNodeState> second = model.step(new Wave<>(List.of(event(1, 1, 9, 200, 1, 1)),
                List.of(afterFirst), List.of(model.emptyState(9))));
        return second.newSrc().get(0);
    }

    @Test
    void shouldGiveAllNeverSeenNodesTheSameColdStartPrediction() {
        try (SembaModel model = SembaModel.initialise(small(SembaTask.SIGN), 8)) {
            SembaNodeState empty = model.emptyState(0);
            List<ModelOutput> out = model.score(List.of(new Query(1, 2, 10), new Query(3, 4, 99999)),
                    List.of(empty, empty), List.of(empty, empty));
            assertThat(out.get(0)).isEqualTo(out.get(1));
            WaveOutput<SembaNodeState> after = model.step(new Wave<>(List.of(event(0, 1, 2, 10, -1, -5)),
                    List.of(empty), List.of(empty)));
            List<ModelOutput> warm = model.score(List.of(new Query(1, 2, 20)), List.of(after.newSrc().get(0)),
                    List.of(after.newDst().get(0)));
            assertThat(warm.get(0)).isNotEqualTo(out.get(0));
        }
    }

    @Test
    void shouldKeepTheNewestNeighboursAndCountersInTheRecord() {
        SembaConfig config = small(SembaTask.SIGN);
        List<SequencedEvent> stream = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            stream.add(event(i, 1, 10 + i, 100 + i, i % 3 == 0 ? -1 : 1, i % 3 == 0 ? -2 : 4));
        }
        stream.add(event(12, 30, 1, 200, -1, -10));
        try (SembaModel model = SembaModel.initialise(config, 1)) {
            SignedStreams.Run run = SignedStreams.run(model, stream, 5);
            SembaNodeState s = run.states(new long[] {1}).get(0);
            assertThat(s.neighbours()).hasSize(5);
            assertThat(s.neighbours()).extracting(SembaNeighbour::node).containsExactly(18L, 19L, 20L, 21L, 30L)
                    .isNotEmpty();
            assertThat(s.history()).isEqualTo(new SembaHistory(12, 1, 4, 1, 4 * -2 + 8 * 4, -10));
            assertThat(s.memoryTime()).isEqualTo(111.0);
        }
    }

    @Test
    void shouldRunTheAblationsWithTheirOwnShapes() {
        List<SequencedEvent> stream = SignedStreams.random(1, 80, 12);
        try (SembaModel oneMemory = SembaModel.initialise(small(SembaTask.SIGN).withBalance(false), 3);
                SembaModel memoryOnly = SembaModel.initialise(small(SembaTask.SIGN).withAttention(false), 3)) {
            SignedStreams.Run a = SignedStreams.run(oneMemory, stream, 20);
            assertThat(a.states(new long[] {1}).get(0).negativeMemory()).isEmpty();
            assertThat(oneMemory.parameters().names()).contains("gru.memory.input").doesNotContain("gru.negative.input");
            assertThat(memoryOnly.parameters().names()).noneMatch(n -> n.startsWith("attention."));
            SignedStreams.Run b = SignedStreams.run(memoryOnly, stream, 20);
            for (ModelOutput o : a.outputs()) {
                assertThat(o.pPositive()).isBetween(0f, 1f);
            }
            assertThat(b.outputs()).allMatch(o -> o.pPositive() > 0 && o.pPositive() < 1);
            assertThat(Arrays.asList(a.outputs().toArray())).isNotEqualTo(b.outputs());
        }
    }
}
