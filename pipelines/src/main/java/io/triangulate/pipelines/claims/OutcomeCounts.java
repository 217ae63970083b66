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
import java.util.HashSet;
import java.util.LinkedHashMap;
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
  public static List<String> keyColumns(ClaimSpec spec) {
    Set<String> columns = new LinkedHashSet<>(spec.segments());
    if (spec.expectation().isComparison()) {
      columns.add(spec.expectation().comparison().column());
    }
    return List.copyOf(columns);
  }

  /**
   * {claim_id → {[segment_column, segment_value] → cell}}; the whole population is under [ALL, ALL].
   *
   * <p>One pass with shared scans: claims are grouped into families that share their customers'
   * base rows ({@link ClaimCompiler.Family}: all churn claims; the usage claims of one product; the
   * repeat-purchase claims of one product). Each family's base rows are built once — so each input
   * is scanned once per family, not once per claim — and all its claims' horizons, filters and
   * reasons are counted in one aggregation, as conditional sums per claim over the same groups
   * (segment column, segment value, time_days). The few families' aggregates are collected in one
   * Spark job; nothing is cached.
   */
  public static Map<String, Map<List<String>, Cell>> collect(
      SparkSession spark, List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    Dataset<Row> all = counts(specs, journeys, transactions, channelEvents, runDate);
    Map<String, Set<String>> keyColumns = new HashMap<>();
    for (ClaimSpec spec : specs) {
      Set<String> columns = new HashSet<>(keyColumns(spec));
      columns.add(ALL);
      keyColumns.put(spec.id(), columns);
    }
    Map<String, Map<List<String>, Cell>> cells = new HashMap<>();
    if (all != null) {
      for (Row r : all.collectAsList()) {
        // A family counts every claim in every segment column of any of its claims: keep the claim's own.
        if (keyColumns.get(r.getString(0)).contains(r.getString(1))) {
          add(cells, r);
        }
      }
    }
    return cells;
  }

  /** The one-pass counts as one Dataset (the union of the families' aggregates); null without claims. */
  static Dataset<Row> counts(
      List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    Map<ClaimCompiler.Family, List<ClaimSpec>> families = new LinkedHashMap<>();
    for (ClaimSpec spec : specs) {
      families.computeIfAbsent(ClaimCompiler.Family.of(spec), f -> new ArrayList<>()).add(spec);
    }
    Dataset<Row> all = null;
    for (Map.Entry<ClaimCompiler.Family, List<ClaimSpec>> family : families.entrySet()) {
      Dataset<Row> counts = familyCounts(family.getKey(), family.getValue(), journeys, transactions, channelEvents, runDate);
      all = all == null ? counts : all.unionByName(counts);
    }
    return all;
  }

  /**
   * Counts of the claims of one family: rows (claim_id, segment_column, segment_value, time_days,
   * population_n, censored_n, event_k, time_events), only where the claim has customers.
   */
  private static Dataset<Row> familyCounts(
      ClaimCompiler.Family family, List<ClaimSpec> claims, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents,
      LocalDate runDate) {
    boolean firstProduct = claims.stream().anyMatch(ClaimCompiler::usesFirstProduct);
    Dataset<Row> base = ClaimCompiler.base(family, firstProduct, journeys, transactions, channelEvents, runDate);
    Set<String> columns = new LinkedHashSet<>();
    claims.forEach(spec -> columns.addAll(keyColumns(spec)));
    // Each claim's flags are evaluated once per customer, before the customer is exploded into segments.
    List<Column> perCustomer = new ArrayList<>();
    perCustomer.add(col(ClaimCompiler.TIME_DAYS));
    for (int i = 0; i < claims.size(); i++) {
      ClaimCompiler.Flags flags = ClaimCompiler.flags(claims.get(i), runDate);
      perCustomer.add(flags.member().as("m" + i));
      perCustomer.add(flags.isCensored().as("c" + i));
      perCustomer.add(flags.isEvent().as("e" + i));
      perCustomer.add(flags.isTimeEvent().as("t" + i));
    }
    perCustomer.add(explode(array(segmentKeys(columns))).as("key"));
    List<Column> sums = new ArrayList<>();
    List<Column> perClaim = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      Column member = col("m" + i);
      Column censored = col("c" + i);
      sums.add(sum(when(member, 1L).otherwise(0L)).as("n" + i));
      sums.add(sum(when(member.and(censored), 1L).otherwise(0L)).as("cn" + i));
      sums.add(sum(when(member.and(functions.not(censored)).and(col("e" + i)), 1L).otherwise(0L)).as("k" + i));
      sums.add(sum(when(member.and(col("t" + i)), 1L).otherwise(0L)).as("te" + i));
      perClaim.add(struct(lit(claims.get(i).id()).as("claim_id"), col("n" + i).as("population_n"), col("cn" + i).as("censored_n"),
          col("k" + i).as("event_k"), col("te" + i).as("time_events")));
    }
    return base.select(perCustomer.toArray(Column[]::new))
        .groupBy(col("key.segment_column").as("segment_column"), col("key.segment_value").as("segment_value"), col(ClaimCompiler.TIME_DAYS))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
        .select(col("segment_column"), col("segment_value"), col(ClaimCompiler.TIME_DAYS), explode(array(perClaim.toArray(Column[]::new))).as("c"))
        .filter(col("c.population_n").gt(0))
        .select(col("c.claim_id").as("claim_id"), col("segment_column"), col("segment_value"), col(ClaimCompiler.TIME_DAYS),
            col("c.population_n").as("population_n"), col("c.censored_n").as("censored_n"), col("c.event_k").as("event_k"),
            col("c.time_events").as("time_events"));
  }

  /** The (segment_column, segment_value) structs a customer row is counted under: the whole population, then each column. */
  private static Column[] segmentKeys(Iterable<String> columns) {
    List<Column> keys = new ArrayList<>();
    keys.add(struct(lit(ALL).as("segment_column"), lit(ALL).as("segment_value")));
    for (String column : columns) {
      Column value = coalesce(col(column).cast("string"), lit(ClaimValidation.MISSING_VALUE));
      keys.add(struct(lit(column).as("segment_column"), value.as("segment_value")));
    }
    return keys.toArray(Column[]::new);
  }

  /** Adds an aggregate row (claim_id, segment_column, segment_value, time_days, population, censored, events, time events). */
  private static void add(Map<String, Map<List<String>, Cell>> cells, Row r) {
    Cell cell = cells.computeIfAbsent(r.getString(0), k -> new HashMap<>())
        .computeIfAbsent(List.of(r.getString(1), r.getString(2)), k -> new Cell());
    long n = r.getLong(4);
    long timeEvents = r.getLong(7);
    cell.population += n;
    cell.censored += r.getLong(5);
    cell.events += r.getLong(6);
    cell.times.put(r.getInt(3), new long[] {timeEvents, n - timeEvents});
  }

  /**
   * The same counts with one Spark job per claim, each scanning the inputs itself and counting its
   * customers' outcomes ({@link ClaimCompiler#outcomes}) on its own: the slow path that
   * {@code bench/claims} measures the one-pass {@link #collect} against, and an independent check of it.
   */
  public static Map<String, Map<List<String>, Cell>> collectOneByOne(
      SparkSession spark, List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    Map<String, Map<List<String>, Cell>> cells = new HashMap<>();
    for (ClaimSpec spec : specs) {
      cells.putAll(collectFrom(spark, spec, journeys, transactions, channelEvents, runDate));
    }
    return cells;
  }

  private static Map<String, Map<List<String>, Cell>> collectFrom(
      SparkSession spark, ClaimSpec spec, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    Dataset<Row> outcomes = ClaimCompiler.outcomes(spark, spec, journeys, transactions, channelEvents, runDate);
    // explode: each customer is read once and counted in the base row and in each of its segments.
    Column censored = col(ClaimCompiler.IS_CENSORED);
    List<Row> aggregated =
        outcomes
            .select(col(ClaimCompiler.IS_CENSORED), col(ClaimCompiler.IS_EVENT), col(ClaimCompiler.TIME_DAYS), col(ClaimCompiler.IS_TIME_EVENT),
                explode(array(segmentKeys(keyColumns(spec)))).as("key"))
            .groupBy(col("key.segment_column").as("segment_column"), col("key.segment_value").as("segment_value"), col(ClaimCompiler.TIME_DAYS))
            .agg(
                count(lit(1)).as("population_n"),
                sum(when(censored, 1L).otherwise(0L)).as("censored_n"),
                sum(when(functions.not(censored).and(col(ClaimCompiler.IS_EVENT)), 1L).otherwise(0L)).as("event_k"),
                sum(when(col(ClaimCompiler.IS_TIME_EVENT), 1L).otherwise(0L)).as("time_events"))
            .select(lit(spec.id()).as("claim_id"), col("segment_column"), col("segment_value"), col(ClaimCompiler.TIME_DAYS),
                col("population_n"), col("censored_n"), col("event_k"), col("time_events"))
            .collectAsList();
    Map<String, Map<List<String>, Cell>> cells = new HashMap<>();
    aggregated.forEach(r -> add(cells, r));
    return cells;
  }
}
