package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.state.baseline.BaselineNodeState;
import io.linkcast.state.baseline.BaselineStateCodec;
import io.linkcast.state.baseline.PartnerEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node-state store as the stream app wires it (the {@link DecodedNodeStore} layer over RocksDB with a compacted
 * changelog, no Kafka record cache), driven by a TopologyTestDriver: every write through the processor's view reaches
 * the changelog topic, in write order, as a codec record under {@link NodeKeys}; a node's last record is its state,
 * and an interactive query of the layer reads it.
 */
class NodeStateChangelogTest {
    private static final String APP = "linkcast-store-test";
    private static final String STORE = "node-state";
    private static final String CHANGELOG = APP + "-" + STORE + "-changelog";
    private static final int CAPACITY = 4;
    /** Fewer nodes cached than the test writes, so that reads go both to the cache and below it. */
    private static final int CACHED_NODES = 2;

    @TempDir
    Path stateDir;

    private final BaselineStateCodec codec = new BaselineStateCodec();

    /**
     * Applies one input record, a list of events {@code "u>v@t#sign;..."}, event by event: each event reads its
     * endpoints and writes them back with one putAll, so a node in two events is written twice.
     */
    private static final class BaselineApplier implements Processor<String, String, Void, Void> {
        private NodeStateStore<BaselineNodeState> nodes;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            DecodedNodeStore store = context.getStateStore(STORE);
            nodes = store.states(new BaselineStateCodec());
        }

        @Override
        public void process(Record<String, String> record) {
            for (String event : record.value().split(";")) {
                String[] uv = event.split("[>@#]");
                long u = Long.parseLong(uv[0]);
                long v = Long.parseLong(uv[1]);
                double t = Double.parseDouble(uv[2]);
                int sign = Integer.parseInt(uv[3]);
                if (u == v) {
                    BaselineNodeState s = orEmpty(nodes.getAll(new long[] {u}).get(0));
                    nodes.putAll(new long[] {u}, List.of(s.withOutgoing(v, t, sign).withIncoming(u, t, sign)));
                } else {
                    List<BaselineNodeState> both = nodes.getAll(new long[] {u, v});
                    nodes.putAll(new long[] {u, v}, List.of(orEmpty(both.get(0)).withOutgoing(v, t, sign),
                            orEmpty(both.get(1)).withIncoming(u, t, sign)));
                }
            }
        }

        private static BaselineNodeState orEmpty(BaselineNodeState s) {
            return s == null ? BaselineNodeState.empty(CAPACITY) : s;
        }
    }

    private static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("events", new StringDeserializer(), new StringDeserializer(), "events");
        topology.addProcessor("apply", BaselineApplier::new, "events");
        topology.addStateStore(NodeStores.nodeStates(STORE, CACHED_NODES, NodeCacheReads.NONE), "apply");
        return topology;
    }

    private Properties config() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, LinkcastRocksDbConfig.class);
        return props;
    }

    /** The node of each record, in changelog order. */
    private static List<Long> nodes(List<KeyValue<Bytes, byte[]>> records) {
        return records.stream().map(kv -> NodeKeys.fromKey(kv.key)).toList();
    }

    /** Each node's last record: what a restore ends with. */
    private Map<Long, BaselineNodeState> decode(List<KeyValue<Bytes, byte[]>> records) {
        Map<Long, BaselineNodeState> out = new HashMap<>();
        for (KeyValue<Bytes, byte[]> kv : records) {
            out.put(NodeKeys.fromKey(kv.key), codec.decode(kv.value));
        }
        return out;
    }

    @Test
    void shouldLogEveryWriteOfAnEncodedNodeStateInOrder() {
        try (TopologyTestDriver driver = new TopologyTestDriver(topology(), config())) {
            TestInputTopic<String, String> events =
                    driver.createInputTopic("events", new StringSerializer(), new StringSerializer());
            TestOutputTopic<Bytes, byte[]> changelog =
                    driver.createOutputTopic(CHANGELOG, new BytesDeserializer(), new ByteArrayDeserializer());

            // 5 puts (1, 2, 2, 3, 3) to 3 nodes; the self-loop 3>3 is out then in
            events.pipeInput("b1", "1>2@1.0#1;2>3@2.0#-1;3>3@3.0#0");
            List<KeyValue<Bytes, byte[]>> logged = changelog.readKeyValuesToList();
            assertThat(nodes(logged)).containsExactly(1L, 2L, 2L, 3L, 3L);
            Map<Long, BaselineNodeState> first = decode(logged);
            assertThat(first).containsOnlyKeys(1L, 2L, 3L);

            BaselineNodeState node1 = first.get(1L);
            assertThat(node1.events()).isEqualTo(1);
            assertThat(node1.lastTime()).isEqualTo(1.0);
            assertThat(node1.outPositive()).isEqualTo(1);
            assertThat(node1.partners()).containsExactly(new PartnerEntry(2, 1.0, +1, 1));

            BaselineNodeState node2 = first.get(2L);
            assertThat(node2.events()).isEqualTo(2);
            assertThat(node2.lastTime()).isEqualTo(2.0);
            assertThat(node2.inPositive()).isEqualTo(1);
            assertThat(node2.outNegative()).isEqualTo(1);
            assertThat(node2.partners()).containsExactly(new PartnerEntry(3, 2.0, -1, 1));

            BaselineNodeState node3 = first.get(3L);
            assertThat(node3.events()).isEqualTo(3);
            assertThat(node3.lastTime()).isEqualTo(3.0);
            assertThat(node3.inNegative()).isEqualTo(1);
            assertThat(node3.outPositive() + node3.outNegative() + node3.inPositive()).isZero();
            assertThat(node3.partners()).containsExactly(new PartnerEntry(3, 3.0, 0, 1));

            // a late event for both endpoints
            events.pipeInput("b2", "2>1@0.5#1");
            logged = changelog.readKeyValuesToList();
            assertThat(nodes(logged)).containsExactly(2L, 1L);
            Map<Long, BaselineNodeState> second = decode(logged);
            assertThat(second).containsOnlyKeys(1L, 2L);
            assertThat(second.get(2L)).isEqualTo(node2.withOutgoing(1, 0.5, +1));
            assertThat(second.get(2L).partners()).containsExactly(new PartnerEntry(1, 0.5, +1, 1),
                    new PartnerEntry(3, 2.0, -1, 1));
            assertThat(second.get(2L).lastTime()).isEqualTo(0.5);
            assertThat(second.get(1L)).isEqualTo(node1.withIncoming(2, 0.5, +1));
            assertThat(second.get(1L).inPositive()).isEqualTo(1);
            assertThat(changelog.isEmpty()).isTrue();

            // an interactive query of the same store, made as Kafka makes it from its type, agrees with the changelog
            DecodedNodeStore layer = (DecodedNodeStore) driver.getStateStore(STORE);
            QueryableNodeStore queried = NodeStores.queryableNodeStates().create(QueryableStores.of(layer), STORE);
            ReadOnlyNodeStates<BaselineNodeState> view = queried.decodedWith(codec);
            assertThat(view.get(1)).isEqualTo(second.get(1L));
            assertThat(view.get(2)).isEqualTo(second.get(2L));
            assertThat(view.get(3)).isEqualTo(node3);
            assertThat(view.get(4)).isNull();
        }
    }
}
