package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

class LinkcastRocksDbConfigTest {

    @Test
    void shouldSetBloomFilterLz4AndCachedIndexBlocks() {
        LinkcastRocksDbConfig setter = new LinkcastRocksDbConfig();
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            setter.setConfig("node-state", options, Map.of());
            assertThat(options.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(table.filterPolicy()).isInstanceOf(BloomFilter.class);
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.pinL0FilterAndIndexBlocksInCache()).isTrue();
            setter.close("node-state", options);
        }
    }

    @Test
    void shouldReadBlockCacheSizeFromStreamsConfig() {
        assertThat(LinkcastRocksDbConfig.blockCacheBytes(Map.of())).isEqualTo(16L * 1024 * 1024);
        assertThat(LinkcastRocksDbConfig.blockCacheBytes(
                Map.of(LinkcastRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, "33554432"))).isEqualTo(32L << 20);
        assertThat(LinkcastRocksDbConfig.blockCacheBytes(
                Map.of(LinkcastRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, 4_194_304))).isEqualTo(4L << 20);
    }

    @Test
    void shouldRejectBlockCacheSizeOutsideRange() {
        assertThatThrownBy(() -> LinkcastRocksDbConfig.blockCacheBytes(
                Map.of(LinkcastRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, 1000L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1000")
                .hasMessageContaining("1048576..");
        assertThatThrownBy(() -> LinkcastRocksDbConfig.blockCacheBytes(
                Map.of(LinkcastRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, "16MB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'16MB'");
    }
}
