package proficio.store.rocksdb;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BloomFilter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store in this JVM, however many partitions it hosts: one
 * block cache shared by all stores, memtables charged to that same cache through a write-buffer
 * manager, index and filter blocks kept inside the cache, and a bloom filter per table so a point
 * read for a student or (student, exercise) that is not there rarely touches disk.
 *
 * <p>Sizes come from the Streams configuration: {@value #BLOCK_CACHE_BYTES} (default 64 MiB) and
 * {@value #WRITE_BUFFER_BYTES} (default 16 MiB, part of the cache). The first store opened fixes
 * them for the life of the JVM.
 */
public class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    public static final String BLOCK_CACHE_BYTES = "proficio.rocksdb.block-cache-bytes";
    public static final String WRITE_BUFFER_BYTES = "proficio.rocksdb.write-buffer-bytes";
    static final long DEFAULT_BLOCK_CACHE_BYTES = 64L << 20;
    static final long DEFAULT_WRITE_BUFFER_BYTES = 16L << 20;

    private static Shared shared;

    private BloomFilter filter;

    private record Shared(Cache cache, WriteBufferManager writeBuffers, long cacheBytes) {
    }

    private static synchronized Shared shared(Map<String, Object> configs) {
        // Checked on every store, so a bad value fails loudly even after the cache exists.
        long cacheBytes = bytes(configs, BLOCK_CACHE_BYTES, DEFAULT_BLOCK_CACHE_BYTES);
        long writeBytes = bytes(configs, WRITE_BUFFER_BYTES, DEFAULT_WRITE_BUFFER_BYTES);
        if (shared == null) {
            Cache cache = new LRUCache(cacheBytes, -1, false, 0.1);
            shared = new Shared(cache, new WriteBufferManager(writeBytes, cache), cacheBytes);
        }
        return shared;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared s = shared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(s.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        filter = new BloomFilter(10, false);
        table.setFilterPolicy(filter);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(s.writeBuffers());
        // Small memtables: the manager caps their sum anyway, and many partitions share it.
        options.setWriteBufferSize(Math.min(options.writeBufferSize(), 8L << 20));
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store: never closed here.
        if (filter != null) {
            filter.close();
        }
    }

    private static long bytes(Map<String, Object> configs, String key, long dflt) {
        Object v = configs.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.toString().trim());
            if (n <= 0) {
                throw new IllegalArgumentException(key + " must be > 0, was " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of bytes, was '" + v + "'", e);
        }
    }
}
