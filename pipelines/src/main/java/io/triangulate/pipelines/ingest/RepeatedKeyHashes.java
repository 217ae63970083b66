package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The natural keys a JSON Lines delivery carries more than once, as 64-bit hashes: the candidates
 * for deduplication, found before the one typed pass ({@link JsonLinesPass}) so that pass can tell
 * them apart from the rows that cannot be duplicates.
 *
 * <p>Why hashes of sorted runs and not a {@code groupBy} of the keys: each task reads only the key
 * fields ({@link JsonKeyScanner}), sorts its keys' hashes into one primitive array and splits it by
 * hash range into a few binary rows; one small shuffle brings each range's runs together, and a merge
 * finds the repeats. At 5.2 million events that is 2.5 s against 4.6 s for grouping the same hashes
 * (docs/benchmarks.md, Ingest). A hash may collide: the result is a superset of the repeated keys,
 * which is all deduplication needs (a candidate is only ranked, never dropped on the hash alone).
 */
public final class RepeatedKeyHashes {
  private RepeatedKeyHashes() {}

  private static final StructType RUNS =
      new StructType().add("range", DataTypes.IntegerType, false).add("hashes", DataTypes.BinaryType, false);

  /**
   * Sorted hashes of the keys that occur more than once among {@code lines} (UTF-8 JSON Lines of
   * {@code contract}); rows without a complete key are left out, as they cannot be valid. Null when
   * there are more than {@code limit}.
   */
  public static long[] of(Dataset<byte[]> lines, SourceContract contract, String localZone, int limit) {
    int ranges = Math.max(1, lines.sparkSession().sparkContext().defaultParallelism());
    List<Long> repeated = lines
        .mapPartitions(new SortedRuns(contract, localZone, ranges), Encoders.row(RUNS))
        .repartition(ranges, col("range"))
        .mapPartitions(new Repeats(), Encoders.LONG())
        .limit(limit + 1)
        .collectAsList();
    if (repeated.size() > limit) {
      return null;
    }
    long[] hashes = repeated.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(hashes);
    return hashes;
  }

  /** The hash of a complete typed key (no null part), as {@link JsonLinesPass} computes it too. */
  static long hash(Object[] typedKey) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the parts' text, a separator between parts
    for (Object part : typedKey) {
      String text = part.toString();
      for (int i = 0; i < text.length(); i++) {
        h = (h ^ text.charAt(i)) * 0x100000001b3L;
      }
      h = (h ^ 0x1F) * 0x100000001b3L;
    }
    return h ^ (h >>> 31);
  }

  /** The typed natural key of a row's raw key strings, or null when a part is missing or unreadable. */
  static Object[] typedKey(List<ContractColumn> keyColumns, String[] raw, String localZone) {
    Object[] key = new Object[keyColumns.size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = ContractRows.parse(raw[i], keyColumns.get(i).type(), localZone);
      if (key[i] == null) {
        return null;
      }
    }
    return key;
  }

  /** A partition's lines → its key hashes, sorted, one binary row per hash range. */
  static final class SortedRuns implements MapPartitionsFunction<byte[], Row> {
    private final String source;
    private final String localZone;
    private final int ranges;

    SortedRuns(SourceContract contract, String localZone, int ranges) {
      this.source = contract.source();
      this.localZone = localZone;
      this.ranges = ranges;
    }

    @Override
    public Iterator<Row> call(Iterator<byte[]> lines) {
      SourceContract contract = SourceContract.named(source);
      List<ContractColumn> keyColumns = keyColumns(contract);
      JsonKeyScanner scanner = new JsonKeyScanner(contract.naturalKey());
      JsonLineFields parser = new JsonLineFields(contract.naturalKey());
      String[] scanned = new String[keyColumns.size()];
      long[] hashes = new long[1 << 12];
      int n = 0;
      while (lines.hasNext()) {
        byte[] line = lines.next();
        // The scanner reads plain lines; anything it declines is parsed as Spark's reader would.
        List<String[]> rows = scanner.scan(line, scanned) ? List.<String[]>of(scanned) : parser.rows(line);
        for (String[] raw : rows) {
          Object[] key = typedKey(keyColumns, raw, localZone);
          if (key != null) {
            if (n == hashes.length) {
              hashes = Arrays.copyOf(hashes, n * 2);
            }
            hashes[n++] = hash(key);
          }
        }
      }
      Arrays.sort(hashes, 0, n);
      List<Row> runs = new ArrayList<>();
      int from = 0;
      for (int range = 0; range < ranges; range++) {
        int to = from;
        while (to < n && range(hashes[to], ranges) == range) {
          to++;
        }
        if (to > from) {
          ByteBuffer bytes = ByteBuffer.allocate((to - from) * Long.BYTES);
          bytes.asLongBuffer().put(hashes, from, to - from);
          runs.add(RowFactory.create(range, bytes.array()));
        }
        from = to;
      }
      return runs.iterator();
    }
  }

  /** Sorted runs of one hash range → the hashes that occur more than once, each once. */
  static final class Repeats implements MapPartitionsFunction<Row, Long> {
    @Override
    public Iterator<Long> call(Iterator<Row> runs) {
      List<long[]> arrays = new ArrayList<>();
      int total = 0;
      while (runs.hasNext()) {
        LongBuffer buffer = ByteBuffer.wrap((byte[]) runs.next().get(1)).asLongBuffer();
        long[] run = new long[buffer.remaining()];
        buffer.get(run);
        arrays.add(run);
        total += run.length;
      }
      long[] all = new long[total];
      int at = 0;
      for (long[] run : arrays) {
        System.arraycopy(run, 0, all, at, run.length);
        at += run.length;
      }
      Arrays.sort(all); // runs are sorted already; the sort of nearly sorted data is cheap
      List<Long> repeated = new ArrayList<>();
      for (int i = 1; i < all.length; i++) {
        if (all[i] == all[i - 1] && (repeated.isEmpty() || repeated.get(repeated.size() - 1) != all[i])) {
          repeated.add(all[i]);
        }
      }
      return repeated.iterator();
    }
  }

  /** Ranges in (signed) hash order, so a sorted run splits into consecutive pieces. */
  static int range(long hash, int ranges) {
    long unsigned = hash ^ Long.MIN_VALUE; // signed order of hash = unsigned order of this
    return (int) ((unsigned >>> 1) / (Long.MAX_VALUE / ranges + 1));
  }

  static List<ContractColumn> keyColumns(SourceContract contract) {
    return contract.naturalKey().stream()
        .map(name -> contract.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow())
        .toList();
  }
}
