package io.linkcast.model.engine;

import io.linkcast.ingest.Interaction;
import io.linkcast.state.StateCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A test model whose state is a hash chain over everything a node has seen: any reordering, any missed or
 * repeated event, any read of a stale or future state changes the numbers. Its step mixes each endpoint's
 * chain with the partner's chain before the event and the event's position.
 */
final class ChainModel implements StreamModel<Long> {

    static long mix(long a, long b, long seq) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= seq * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return h * 0xBF58476D1CE4E5B9L;
    }

    static float predict(long src, long dst) {
        return (float) ((src ^ (dst >>> 1)) & 0xffff) / 65536f;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("chain", "test");
    }

    @Override
    public StateCodec<Long> codec() {
        return new StateCodec<>() {
            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] encode(Long state) {
                return ByteBuffer.allocate(8).putLong(state).array();
            }

            @Override
            public Long decode(byte[] bytes) {
                return ByteBuffer.wrap(bytes).getLong();
            }
        };
    }

    @Override
    public Long emptyState(long node) {
        return node;
    }

    @Override
    public WaveOutput<Long> step(Wave<Long> wave) {
        List<ModelOutput> out = new ArrayList<>();
        List<Long> newSrc = new ArrayList<>();
        List<Long> newDst = new ArrayList<>();
        for (int i = 0; i < wave.size(); i++) {
            SequencedEvent e = wave.events().get(i);
            long s = wave.srcStates().get(i);
            long d = wave.dstStates().get(i);
            out.add(ModelOutput.link(predict(s, d)));
            Interaction ev = e.event();
            long ns = mix(s, d, e.seq());
            long nd = ev.src() == ev.dst() ? mix(ns, ns, e.seq()) : mix(d, s, e.seq() + 1);
            newSrc.add(ns);
            newDst.add(nd);
        }
        return new WaveOutput<>(out, newSrc, newDst);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<Long> srcStates, List<Long> dstStates) {
        List<ModelOutput> out = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            out.add(ModelOutput.link(predict(srcStates.get(i), dstStates.get(i))));
        }
        return out;
    }
}
