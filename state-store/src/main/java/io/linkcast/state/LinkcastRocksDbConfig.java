package io.linkcast.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

/**
 * RocksDB settings of the node-state store, set with
 * {@code rocksdb.config.setter = io.linkcast.state.LinkcastRocksDbConfig}. Kafka Streams creates one instance per
 * store and calls {@link #close} when the store closes, so each store owns its cache and filter.
 *
 * <ul>
 *   <li><b>Bloom filter</b>, 10 bits per key (about 1% false positives): the engine looks up every endpoint of
 *       a batch, and a node seen for the first time is a miss that the filter answers without reading a
 *       block.</li>
 *   <li><b>LZ4</b> for every level: node records hold many zero bytes (the baseline's unused partner slots,
 *       fresh vectors), which compress well, and LZ4 decompresses fast enough for point lookups.</li>
 *   <li><b>A bounded LRU block cache</b> per store, {@value #DEFAULT_BLOCK_CACHE_BYTES} bytes by default (Kafka's
 *       own default is 50 MiB), set with the {@value #BLOCK_CACHE_BYTES_CONFIG} property of the streams
 *       config. Index and filter blocks are kept in this cache (high priority, L0 pinned) so that their memory
 *       is bounded by it too instead of growing with the number of files. Memtables are outside this bound
 *       (Kafka's defaults: 16 MiB, at most 3 per store).</li>
 * </ul>
 */
public final class LinkcastRocksDbConfig implements RocksDBConfigSetter {
    /** Streams-config property: block cache bytes per store. */
    public static final String BLOCK_CACHE_BYTES_CONFIG = "linkcast.rocksdb.block.cache.bytes";
    /** Default block cache per store: 16 MiB. */
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 16L << 20;
    static final long MIN_BLOCK_CACHE_BYTES = 1L << 20;
    static final long MAX_BLOCK_CACHE_BYTES = 64L << 30;
    static final int BLOOM_BITS_PER_KEY = 10;

    private Cache cache;
    private BloomFilter filter;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long cacheBytes = blockCacheBytes(configs);
        // Kafka installs its own BlockBasedTableConfig first; adjust it rather than replace it
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        cache = new LRUCache(cacheBytes);
        filter = new BloomFilter(BLOOM_BITS_PER_KEY);
        table.setBlockCache(cache);
        table.setFilterPolicy(filter);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinL0FilterAndIndexBlocksInCache(true);
        options.setTableFormatConfig(table);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        if (cache != null) {
            cache.close();
        }
        if (filter != null) {
            filter.close();
        }
    }

    /**
     * The block cache size in {@code configs}, or the default.
     *
     * @throws IllegalArgumentException if the value is not a whole number of bytes in 1 MiB..64 GiB
     */
    static long blockCacheBytes(Map<String, Object> configs) {
        Object raw = configs.get(BLOCK_CACHE_BYTES_CONFIG);
        if (raw == null) {
            return DEFAULT_BLOCK_CACHE_BYTES;
        }
        long bytes;
        try {
            bytes = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BLOCK_CACHE_BYTES_CONFIG + " must be a number of bytes, got '" + raw
                    + "'");
        }
        if (bytes < MIN_BLOCK_CACHE_BYTES || bytes > MAX_BLOCK_CACHE_BYTES) {
            throw new IllegalArgumentException(BLOCK_CACHE_BYTES_CONFIG + " must be in " + MIN_BLOCK_CACHE_BYTES
                    + ".." + MAX_BLOCK_CACHE_BYTES + " bytes, got " + bytes);
        }
        return bytes;
    }
}
