package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * All claims' customer outcomes reduced, in one Spark job, to counts per (claim, segment column,
 * segment value, time_days). Only these aggregate rows reach the driver: summed over time they give
 * the interval-test counts, and per time they are the (time, events, censored) table a Kaplan–Meier
 * curve needs. The number of rows is bounded by claims × segment values × distinct days, not by the
 * number of customers.
 */
public final class OutcomeCounts {
  private OutcomeCounts() {}

  /** The segment column and value of the whole-population cell. */
  public static final String ALL = "";

  /** Counts of one (claim, segment column, segment value) cell. */
  public static final class Cell {
    long population;
    long censored;
    long events;
    /** time_days → [events at that time, censorings at that time] (horizon-free, for survival). */
    final TreeMap<Integer, long[]> times = new TreeMap<>();

    public long population() {
      return population;
    }

    public long censored() {
      return censored;
    }

    public long observed() {
      return population - censored;
    }

    public long events() {
      return events;
    }

    public TreeMap<Integer, long[]> times() {
      return times;
    }
  }

  /** The columns a claim is broken down by: its segments, then the comparison column if not among them. */
  static List<String> keyColumns(ClaimSpec spec) {
    Set<String> columns = new LinkedHashSet<>(spec.segments());
    if (spec.expectation().isComparison()) {
      columns.add(spec.expectation().comparison().column());
    }
    return List.copyOf(columns);
  }

  /**
   * {claim_id → {[segment_column, segment_value] → cell}}; the whole population is under [ALL, ALL].
   *
   * <p>One pass with shared scans: each input is read once and reduced to what the claims need
   * ({@link SharedInputs}), kept in memory, and every claim's outcomes are computed from those
   * reduced tables and counted together in a single groupBy job.
   */
  public static Map<String, Map<List<String>, Cell>> collect(
      SparkSession spark, List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    if (specs.isEmpty()) {
      return new HashMap<>();
    }
    SharedInputs shared = SharedInputs.prepare(specs, journeys, transactions, channelEvents, runDate);
    try {
      return collectFrom(spark, specs, shared.journeys(), shared.transactions(), shared.channelEvents(), runDate);
    } finally {
      shared.release();
    }
  }

  /**
   * The same counts with one Spark job per claim, each scanning the inputs itself: the slow path
   * that {@code bench/claims} measures the one-pass {@link #collect} against.
   */
  public static Map<String, Map<List<String>, Cell>> collectOneByOne(
      SparkSession spark, List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    Map<String, Map<List<String>, Cell>> cells = new HashMap<>();
    for (ClaimSpec spec : specs) {
      cells.putAll(collectFrom(spark, List.of(spec), journeys, transactions, channelEvents, runDate));
    }
    return cells;
  }

  private static Map<String, Map<List<String>, Cell>> collectFrom(
      SparkSession spark, List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    Dataset<Row> all = null;
    for (ClaimSpec spec : specs) {
      Dataset<Row> outcomes = ClaimCompiler.outcomes(spark, spec, journeys, transactions, channelEvents, runDate);
      List<Column> keys = new ArrayList<>();
      keys.add(struct(lit(ALL).as("segment_column"), lit(ALL).as("segment_value")));
      for (String column : keyColumns(spec)) {
        Column value = coalesce(col(column).cast("string"), lit(ClaimValidation.MISSING_VALUE));
        keys.add(struct(lit(column).as("segment_column"), value.as("segment_value")));
      }
      // explode: each customer is read once and counted in the base row and in each of its segments.
      Dataset<Row> rows =
          outcomes
              .select(lit(spec.id()).as("claim_id"), col(ClaimCompiler.IS_CENSORED), col(ClaimCompiler.IS_EVENT),
                  col(ClaimCompiler.TIME_DAYS), col(ClaimCompiler.IS_TIME_EVENT), explode(array(keys.toArray(Column[]::new))).as("key"))
              .select(col("claim_id"), col("key.segment_column"), col("key.segment_value"), col(ClaimCompiler.IS_CENSORED),
                  col(ClaimCompiler.IS_EVENT), col(ClaimCompiler.TIME_DAYS), col(ClaimCompiler.IS_TIME_EVENT));
      all = all == null ? rows : all.unionByName(rows);
    }
    Map<String, Map<List<String>, Cell>> cells = new HashMap<>();
    if (all == null) {
      return cells;
    }
    Column censored = col(ClaimCompiler.IS_CENSORED);
    List<Row> aggregated =
        all.groupBy("claim_id", "segment_column", "segment_value", ClaimCompiler.TIME_DAYS)
            .agg(
                count(lit(1)).as("population_n"),
                sum(when(censored, 1L).otherwise(0L)).as("censored_n"),
                sum(when(functions.not(censored).and(col(ClaimCompiler.IS_EVENT)), 1L).otherwise(0L)).as("event_k"),
                sum(when(col(ClaimCompiler.IS_TIME_EVENT), 1L).otherwise(0L)).as("time_events"))
            .collectAsList();
    for (Row r : aggregated) {
      Cell cell = cells.computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .computeIfAbsent(List.of(r.getString(1), r.getString(2)), k -> new Cell());
      long n = r.getLong(4);
      long timeEvents = r.getLong(7);
      cell.population += n;
      cell.censored += r.getLong(5);
      cell.events += r.getLong(6);
      cell.times.put(r.getInt(3), new long[] {timeEvents, n - timeEvents});
    }
    return cells;
  }
}
