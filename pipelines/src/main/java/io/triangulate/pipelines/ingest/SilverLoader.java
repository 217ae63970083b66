package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.triangulate.pipelines.ingest.BronzeLoader.BronzeFile;
import io.triangulate.pipelines.lake.DeltaWrites;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One landing date's bronze rows → silver (valid, deduplicated, merged on the natural key) and
 * quarantine (rejects with their rule), counting every row on the way.
 *
 * <p>Why it is shaped this way (see docs/benchmarks.md, Ingest): the counts are observed during the
 * first write ({@link Dataset#observe}) instead of in a separate action over a persisted copy;
 * duplicates are ranked only among rows whose key occurs more than once (found from the key column
 * alone) instead of shuffling every row; silver that holds no row yet is appended to instead of
 * merged into; the quarantine is computed a second time only when the first write saw a reject.
 */
public final class SilverLoader {
  private SilverLoader() {}

  /** Above this many repeated keys all valid rows are ranked (one shuffle) rather than the keys broadcast. */
  public static final int MAX_BROADCAST_KEYS = 100_000;

  private static final String ROWS_IN = "rows_in";
  private static final String VALID = "valid";
  private static final String DUPLICATES = "duplicates";
  private static final List<ValidationRule> QUARANTINE_RULES =
      List.of(ValidationRule.MALFORMED, ValidationRule.REQUIRED, ValidationRule.TYPE);

  /**
   * What a load did: {@code rowsIn = valid + quarantined + duplicates}.
   *
   * @param quarantinedByRule rejected rows per rule id; rules that rejected nothing are left out
   */
  public record Counts(long rowsIn, long valid, long duplicates, Map<String, Long> quarantinedByRule) {
    public Counts {
      quarantinedByRule = Map.copyOf(quarantinedByRule);
    }

    public long quarantined() {
      return quarantinedByRule.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Validates {@code bronze} (one landing date of {@code contract}'s bronze table), merges the valid
   * rows into silver and replaces the date's quarantine partition. Each write is one Delta commit, and
   * a repeat with the same bronze changes neither table.
   */
  public static Counts load(
      SparkSession spark, Dataset<Row> bronze, SourceContract contract, String silverPath,
      String quarantinePath, String landingDate) {
    return write(spark, mark(spark, bronze, contract), contract, silverPath, quarantinePath, landingDate);
  }

  /**
   * {@link #load(SparkSession, Dataset, SourceContract, String, String, String)} of the rows bronze
   * holds for {@code date}, read from its copies of the delivered files. A delivery of plain UTF-8 JSON
   * Lines files is validated by {@link JsonLinesPass} (one pass of plain Java per line, after a pass
   * over the keys alone); any other is read with Spark's reader ({@link BronzeLoader#rows}) and
   * validated by {@link SilverValidation}. Both give the same silver and quarantine, which
   * {@code JsonLinesPassTest} checks.
   */
  public static Counts load(
      SparkSession spark, SourceContract contract, String bronzePath, LocalDate date, String silverPath,
      String quarantinePath) {
    return load(spark, contract, bronzePath, BronzeLoader.files(spark, bronzePath, date), date, silverPath,
        quarantinePath);
  }

  /**
   * {@link #load(SparkSession, SourceContract, String, LocalDate, String, String)} with the date's
   * lineage rows already at hand ({@code files}, as {@link BronzeLoader#land} committed them).
   */
  public static Counts load(
      SparkSession spark, SourceContract contract, String bronzePath, List<BronzeFile> files, LocalDate date,
      String silverPath, String quarantinePath) {
    Dataset<Row> marked =
        !files.isEmpty() && files.stream().allMatch(f -> JsonLinesPass.reads(contract, f))
                && files.stream().map(BronzeFile::timeZone).distinct().count() == 1
            ? markJsonLines(spark, files, contract, MAX_BROADCAST_KEYS)
            : mark(spark, BronzeLoader.rows(spark, contract, bronzePath, date), contract);
    return write(spark, marked, contract, silverPath, quarantinePath, date.toString());
  }

  private static Counts write(
      SparkSession spark, Dataset<Row> marked, SourceContract contract, String silverPath,
      String quarantinePath, String landingDate) {
    Observation observation = new Observation();
    Dataset<Row> observed = marked.observe(observation, metric(ROWS_IN, lit(true)), metrics());
    // Created empty with its constraints first, so the insert below is checked by Delta too.
    boolean created =
        SilverConstraints.ensure(spark, silverPath, contract, SilverValidation.toSilver(marked, contract).schema());
    Counts counts;
    if (created || holdsNoRow(spark, silverPath)) {
      // No key can exist in silver yet: the merge's join would find nothing to update.
      DeltaWrites.insertInto(SilverValidation.toSilver(observed, contract), silverPath);
      counts = counts(observation);
      Dataset<Row> rejects = Quarantine.rejects(marked, contract);
      // Still written when empty: it clears the rejects of an earlier delivery of this date.
      DeltaWrites.replacePartition(
          counts.quarantined() > 0 ? rejects : rejects.limit(0), quarantinePath, BronzeSchema.LANDING_DATE,
          landingDate);
    } else {
      DeltaWrites.replacePartition(
          Quarantine.rejects(observed, contract), quarantinePath, BronzeSchema.LANDING_DATE, landingDate);
      counts = counts(observation);
      DeltaWrites.mergeOnKeys(SilverValidation.toSilver(marked, contract), silverPath, contract.naturalKey());
    }
    return counts;
  }

  /**
   * {@link SilverValidation#classify} and {@link SilverValidation#markDuplicates}, ranking only the
   * rows whose natural key bronze holds more than once; all other rows cannot be duplicates. The
   * result is the same as ranking every row.
   */
  static Dataset<Row> mark(SparkSession spark, Dataset<Row> bronze, SourceContract contract) {
    Dataset<Row> repeatedKeys = SilverValidation.repeatedKeys(bronze, contract);
    List<Row> repeated = repeatedKeys.limit(MAX_BROADCAST_KEYS + 1).collectAsList();
    Dataset<Row> classified = SilverValidation.classify(bronze, contract);
    if (repeated.isEmpty()) {
      return classified.withColumn(SilverValidation.IS_DUPLICATE, lit(false));
    }
    if (repeated.size() > MAX_BROADCAST_KEYS) {
      return SilverValidation.markDuplicates(classified, contract);
    }
    List<Column> renamed = new ArrayList<>();
    Column sameKey = lit(true);
    for (String key : contract.naturalKey()) {
      String typed = SilverValidation.TYPED + key;
      renamed.add(col(typed).as("_repeated" + typed));
      sameKey = sameKey.and(classified.col(typed).equalTo(col("_repeated" + typed)));
    }
    Dataset<Row> keys =
        broadcast(spark.createDataFrame(repeated, repeatedKeys.schema()).select(renamed.toArray(Column[]::new)));
    Dataset<Row> candidates = classified.join(keys, sameKey, "left_semi");
    Dataset<Row> others = classified.join(keys, sameKey, "left_anti");
    return SilverValidation.markDuplicates(candidates, contract)
        .unionByName(others.withColumn(SilverValidation.IS_DUPLICATE, lit(false)));
  }

  /**
   * {@link #mark} for JSON Lines files, through {@link JsonLinesPass}: the repeated keys are found from
   * the key fields alone ({@link RepeatedKeyHashes}); only the rows with such a key are ranked, the
   * others pass straight through; above {@code maxKeys} repeated keys every valid row is ranked. All
   * files share one zone (they were landed with one set of options).
   */
  static Dataset<Row> markJsonLines(SparkSession spark, List<BronzeFile> files, SourceContract contract, int maxKeys) {
    long[] repeated = RepeatedKeyHashes.of(JsonLinesPass.lines(spark, files), contract, files.get(0).timeZone(), maxKeys);
    boolean rankAll = repeated == null;
    long[] candidates = rankAll ? new long[0] : repeated;
    Dataset<Row> classified = null;
    for (BronzeFile file : files) {
      Dataset<Row> rows = JsonLinesPass.classify(spark, contract, file, candidates, rankAll);
      classified = classified == null ? rows : classified.unionByName(rows);
    }
    Column candidate = col(JsonLinesPass.IS_CANDIDATE);
    if (rankAll) {
      return SilverValidation.markDuplicates(classified.drop(candidate), contract);
    }
    Dataset<Row> others = (candidates.length == 0 ? classified : classified.where(not(candidate)))
        .drop(candidate).withColumn(SilverValidation.IS_DUPLICATE, lit(false));
    if (candidates.length == 0) {
      return others;
    }
    return SilverValidation.markDuplicates(classified.where(candidate).drop(candidate), contract).unionByName(others);
  }

  private static Column[] metrics() {
    List<Column> metrics = new ArrayList<>();
    Column rule = col(SilverValidation.RULE);
    Column duplicate = col(SilverValidation.IS_DUPLICATE);
    metrics.add(metric(VALID, rule.isNull().and(duplicate.unary_$bang())));
    metrics.add(metric(DUPLICATES, rule.isNull().and(duplicate)));
    for (ValidationRule r : QUARANTINE_RULES) {
      metrics.add(metric(r.id(), rule.equalTo(r.id())));
    }
    return metrics.toArray(Column[]::new);
  }

  private static Column metric(String name, Column condition) {
    return count(when(condition, lit(1))).as(name);
  }

  private static Counts counts(Observation observation) {
    Map<String, Object> values;
    try {
      // Filled when the write that carried the observation has finished; it has by now.
      values = observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the ingest counts", e);
    }
    Map<String, Long> quarantined = new TreeMap<>();
    for (ValidationRule r : QUARANTINE_RULES) {
      long n = (Long) values.get(r.id());
      if (n > 0) {
        quarantined.put(r.id(), n);
      }
    }
    return new Counts(
        (Long) values.get(ROWS_IN), (Long) values.get(VALID), (Long) values.get(DUPLICATES), quarantined);
  }

  /** Whether the table is absent or has no data file: then no natural key can already be in it. */
  static boolean holdsNoRow(SparkSession spark, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return true;
    }
    return DeltaTable.forPath(spark, path).detail().select("numFiles").first().getLong(0) == 0;
  }
}
