package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.baseline.BaselineNodeState;
import io.linkcast.state.baseline.BaselineStateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract over a real RocksDB store on disk, opened with {@link LinkcastRocksDbConfig}. */
class KeyValueNodeStateStoreTest extends NodeStateStoreContract {
    private static final String STORE = "node-state";
    private final BaselineStateCodec codec = new BaselineStateCodec();

    @TempDir
    Path stateDir;

    private KeyValueStore<Bytes, byte[]> rocks;

    /**
     * A RocksDB store as the stream app builds it, minus changelog and cache: MockProcessorContext has no
     * record collector or thread cache (the TopologyTestDriver test covers those).
     */
    private KeyValueStore<Bytes, byte[]> openRocks() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "contract");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, LinkcastRocksDbConfig.class);
        props.put(LinkcastRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, 2L << 20);
        MockProcessorContext<Object, Object> ctx = new MockProcessorContext<>(props, new TaskId(0, 0),
                stateDir.toFile());
        KeyValueStore<Bytes, byte[]> store =
                NodeStores.persistent(STORE).withLoggingDisabled().withCachingDisabled().build();
        store.init(ctx.getStateStoreContext(), store);
        return store;
    }

    @Override
    protected NodeStateStore<BaselineNodeState> store() {
        rocks = openRocks();
        return new KeyValueNodeStateStore<>(rocks, codec);
    }

    @AfterEach
    void closeRocks() {
        if (rocks != null && rocks.isOpen()) {
            rocks.close();
        }
    }

    @Test
    void shouldStoreCodecRecordsUnderBigEndianKeysOnDisk() throws IOException {
        NodeStateStore<BaselineNodeState> store = store();
        store.putAll(new long[] {258}, List.of(state(258)));
        byte[] raw = rocks.get(Bytes.wrap(new byte[] {0, 0, 0, 0, 0, 0, 1, 2}));
        assertThat(raw).isEqualTo(codec.encode(state(258)));
        try (Stream<Path> files = Files.walk(stateDir)) {
            // a real RocksDB: its directory with SST/manifest files under the state dir
            assertThat(files.filter(f -> f.endsWith(Path.of("rocksdb", STORE))).toList()).hasSize(1);
        }
    }

    @Test
    void shouldOpenRocksDbWithLinkcastSettingsFromStreamsConfig() throws IOException {
        store();
        Path dir;
        try (Stream<Path> files = Files.walk(stateDir)) {
            dir = files.filter(f -> f.endsWith(Path.of("rocksdb", STORE))).findFirst().orElseThrow();
        }
        String options;
        try (Stream<Path> files = Files.list(dir)) {
            Path latest = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
            options = Files.readString(latest);
        }
        // RocksDB writes the options it really opened with; Kafka's own "offsets" column family follows
        int start = options.indexOf("[CFOptions \"default\"]");
        int end = options.indexOf("[CFOptions", start + 1);
        String nodes = options.substring(start, end < 0 ? options.length() : end);
        assertThat(nodes).contains("compression=kLZ4Compression", "filter_policy=bloomfilter:10:",
                "cache_index_and_filter_blocks=true", "pin_l0_filter_and_index_blocks_in_cache=true");
    }

    @Test
    void shouldKeepStatesAcrossReopen() {
        NodeStateStore<BaselineNodeState> store = store();
        store.putAll(new long[] {1, 2}, List.of(state(1), state(2)));
        rocks.close();
        rocks = openRocks();
        NodeStateStore<BaselineNodeState> reopened = new KeyValueNodeStateStore<>(rocks, codec);
        assertThat(reopened.getAll(new long[] {2, 1, 3})).containsExactly(state(2), state(1), null);
    }

    @Test
    void shouldFailLoudlyOnForeignRecord() {
        NodeStateStore<BaselineNodeState> store = store();
        rocks.put(NodeKeys.toKey(5), new byte[] {'N', 'A', 'T', 'S', 0, 1, 0, 0});
        assertThatThrownBy(() -> store.getAll(new long[] {5})).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("not a baseline record");
    }
}
