package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;

import io.triangulate.pipelines.ingest.BronzeLoader.BronzeFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * {@link SilverValidation#classify} of a JSON Lines file in one pass of plain Java per line: the line's
 * bytes → the contract columns' raw strings ({@link JsonLineFields}, as Spark's reader gives them) →
 * typed values, rule and reason ({@link ContractRows}, as {@code classify} gives them). The rows come
 * out in {@code classify}'s layout plus {@value #IS_CANDIDATE}.
 *
 * <p>Why: parsing with Spark's reader into strings and then typing them cost two passes over every
 * value and a row conversion between them; ingest took 2.6 times a plain read + write. This pass parses
 * and types a line in one go, faster than Spark's reader alone parses it (docs/benchmarks.md, Ingest).
 *
 * <p>The raw strings are kept only where something reads them: on rejected rows (the quarantine's
 * {@code raw}) and on rows whose key is a candidate duplicate ({@link SilverValidation#markDuplicates}
 * breaks ties on the raw row). On other rows they are null; silver reads only the typed columns.
 */
public final class JsonLinesPass {
  private JsonLinesPass() {}

  /** True on a valid row whose natural key's hash is among the candidates (see {@link RepeatedKeyHashes}). */
  public static final String IS_CANDIDATE = "_is_candidate";

  /** Whether {@code file} is JSON Lines text this pass reads (plain UTF-8); others go through Spark's reader. */
  public static boolean reads(SourceContract contract, BronzeFile file) {
    // A Parquet file has no encoding; a text file's is recorded as detected when it was landed.
    return contract.isJsonLines() && "UTF-8".equals(file.encoding());
  }

  /** The lines of bronze's copies of {@code files}, as UTF-8 bytes, split as Spark's JSON reader splits them. */
  public static Dataset<byte[]> lines(SparkSession spark, List<BronzeFile> files) {
    return spark.read().text(files.stream().map(BronzeFile::bronzeFile).toArray(String[]::new))
        .select(col("value").cast(DataTypes.BinaryType))
        .as(Encoders.BINARY());
  }

  /**
   * The file's rows in {@code classify}'s layout plus {@value #IS_CANDIDATE}.
   *
   * @param candidates sorted key hashes that may be duplicates
   * @param rawForAll keep the raw strings on every row (when all valid rows are ranked)
   */
  public static Dataset<Row> classify(
      SparkSession spark, SourceContract contract, BronzeFile file, long[] candidates, boolean rawForAll) {
    StructType classified = classifiedSchema(spark, contract);
    StructType produced = new StructType();
    for (StructField field : classified.fields()) {
      if (BronzeLoader.lineageColumn(field.name(), file) == null) {
        produced = produced.add(field.name(), field.dataType(), true);
      }
    }
    produced = produced.add(IS_CANDIDATE, DataTypes.BooleanType, false);
    Dataset<Row> rows = lines(spark, List.of(file)).mapPartitions(
        new ClassifyLines(contract, file.timeZone(), candidates, rawForAll, produced.fieldNames()),
        ExpressionEncoder.apply(RowEncoder.encoderFor(produced, true)));
    List<Column> columns = new ArrayList<>();
    for (StructField field : classified.fields()) {
      Column lineage = BronzeLoader.lineageColumn(field.name(), file);
      columns.add(lineage != null ? lineage.cast(field.dataType()).as(field.name()) : col(field.name()));
    }
    columns.add(col(IS_CANDIDATE));
    return rows.select(columns.toArray(Column[]::new));
  }

  /** {@code classify}'s output schema for this contract, taken from {@code classify} itself so the two cannot drift. */
  static StructType classifiedSchema(SparkSession spark, SourceContract contract) {
    Dataset<Row> empty = spark.createDataFrame(List.of(), BronzeSchema.tabular(contract));
    return SilverValidation.classify(empty, contract).schema();
  }

  /** Lines → classified rows, in the column order given by {@code names}. */
  static final class ClassifyLines implements MapPartitionsFunction<byte[], Row> {
    private final String source;
    private final String localZone;
    private final long[] candidates;
    private final boolean rawForAll;
    private final String[] names;

    ClassifyLines(SourceContract contract, String localZone, long[] candidates, boolean rawForAll, String[] names) {
      this.source = contract.source();
      this.localZone = localZone;
      this.candidates = candidates;
      this.rawForAll = rawForAll;
      this.names = names;
    }

    @Override
    public Iterator<Row> call(Iterator<byte[]> lines) {
      SourceContract contract = SourceContract.named(source);
      List<ContractColumn> columns = contract.columns();
      int width = columns.size();
      int[] keyIndexes = contract.naturalKey().stream().mapToInt(contract.columnNames()::indexOf).toArray();
      JsonLineFields parser = new JsonLineFields(contract.columnNames());
      ContractRows rules = new ContractRows(contract);
      // Output positions: raw columns and the corrupt record (0..width), typed columns, rule, reason, candidate.
      List<String> order = List.of(names);
      int typedAt = order.indexOf(SilverValidation.TYPED + columns.get(0).name());
      int ruleAt = order.indexOf(SilverValidation.RULE);
      int reasonAt = order.indexOf(SilverValidation.REASON);
      int candidateAt = order.indexOf(IS_CANDIDATE);
      int corruptAt = order.indexOf(BronzeSchema.CORRUPT_RECORD);
      return new Iterator<>() {
        private List<String[]> pending = List.of();
        private int next;

        @Override
        public boolean hasNext() {
          while (next >= pending.size()) {
            if (!lines.hasNext()) {
              return false;
            }
            pending = parser.rows(lines.next());
            next = 0;
          }
          return true;
        }

        @Override
        public Row next() {
          String[] raw = pending.get(next++);
          ContractRows.Classified row = rules.classify(raw, localZone);
          Object[] typed = row.typed();
          boolean candidate = row.isValid() && candidates.length > 0 && isCandidate(typed);
          Object[] values = new Object[names.length];
          if (!row.isValid() || candidate || rawForAll) {
            System.arraycopy(raw, 0, values, 0, width);
            values[corruptAt] = raw[width];
          }
          for (int i = 0; i < width; i++) {
            values[typedAt + i] = external(typed[i]);
          }
          if (!row.isValid()) {
            values[ruleAt] = row.rule().id();
            values[reasonAt] = row.reason();
          }
          values[candidateAt] = candidate;
          return RowFactory.create(values);
        }

        private boolean isCandidate(Object[] typed) {
          Object[] key = new Object[keyIndexes.length];
          for (int i = 0; i < key.length; i++) {
            key[i] = typed[keyIndexes[i]];
            if (key[i] == null) {
              return false; // as RepeatedKeyHashes: an incomplete key is never a candidate
            }
          }
          return Arrays.binarySearch(candidates, RepeatedKeyHashes.hash(key)) >= 0;
        }
      };
    }

    /** A typed value as the row encoder takes it: maps as Scala maps, everything else as is. */
    private static Object external(Object value) {
      if (value instanceof Map<?, ?> map) {
        return JavaConverters.mapAsScalaMap(map);
      }
      return value; // an Instant is taken by the lenient encoder as is (no calendar rebasing)
    }
  }
}
