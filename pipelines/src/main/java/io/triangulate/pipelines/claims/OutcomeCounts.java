package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.explode_outer;
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
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutcomeCounts.class);

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
   * reasons are counted in one aggregation. The few families' aggregates are collected in one Spark
   * job; nothing is cached.
   *
   * <p>Each customer's four flags per claim (in population, censored, event, time event) are packed
   * into bits of one {@code long} per {@value #CLAIMS_PER_MASK} claims, once per customer, before the
   * customer is exploded into its segment keys; the aggregation then only counts customers per
   * (segment column, segment value, time_days, masks) — one count instead of four conditional sums
   * per claim — and the driver unpacks the few distinct masks of each group into the claims' counts.
   */
  public static Map<String, Map<List<String>, Cell>> collect(
      SparkSession spark, List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    return collect(specs, journeys, transactions, channelEvents, runDate, CLAIMS_PER_MASK);
  }

  /** Claims whose four flags share one {@code long} (4 × 15 = 60 bits). */
  static final int CLAIMS_PER_MASK = 15;

  /** {@link #collect} with {@code claimsPerMask} claims per mask column (tests use fewer, to exercise several). */
  static Map<String, Map<List<String>, Cell>> collect(
      List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate,
      int claimsPerMask) {
    List<List<ClaimSpec>> families = families(specs);
    int masks = masks(families, claimsPerMask);
    Dataset<Row> all = counts(families, journeys, transactions, channelEvents, runDate, claimsPerMask);
    Map<String, Set<String>> keyColumns = new HashMap<>();
    for (ClaimSpec spec : specs) {
      Set<String> columns = new HashSet<>(keyColumns(spec));
      columns.add(ALL);
      keyColumns.put(spec.id(), columns);
    }
    // (claim, segment column, segment value, time) → [population, censored, events, time events]
    Map<List<Object>, long[]> sums = new HashMap<>();
    long groups = 0;
    if (all != null) {
      for (Row r : all.collectAsList()) {
        groups++;
        List<ClaimSpec> family = families.get(r.getInt(0));
        long customers = r.getLong(4 + masks);
        for (int i = 0; i < family.size(); i++) {
          long bits = r.getLong(4 + i / claimsPerMask) >>> (4 * (i % claimsPerMask));
          String claim = family.get(i).id();
          // A family counts every claim in every segment column of any of its claims: keep the claim's own.
          if ((bits & MEMBER) == 0 || !keyColumns.get(claim).contains(r.getString(1))) {
            continue;
          }
          long[] s = sums.computeIfAbsent(List.of(claim, r.getString(1), r.getString(2), r.getInt(3)), k -> new long[4]);
          s[0] += customers;
          s[1] += (bits & CENSORED) != 0 ? customers : 0;
          s[2] += (bits & CENSORED) == 0 && (bits & EVENT) != 0 ? customers : 0;
          s[3] += (bits & TIME_EVENT) != 0 ? customers : 0;
        }
      }
    }
    LOG.info("outcome counts: {} claims in {} families, {} (segment, day, flags) groups collected", specs.size(), families.size(), groups);
    Map<String, Map<List<String>, Cell>> cells = new HashMap<>();
    sums.forEach((k, s) -> add(cells, (String) k.get(0), (String) k.get(1), (String) k.get(2), (Integer) k.get(3), s[0], s[1], s[2], s[3]));
    return cells;
  }

  /** Mask columns needed for the largest family. */
  private static int masks(List<List<ClaimSpec>> families, int claimsPerMask) {
    int masks = 1;
    for (List<ClaimSpec> family : families) {
      masks = Math.max(masks, (family.size() + claimsPerMask - 1) / claimsPerMask);
    }
    return masks;
  }

  /** Every family's {@link #familyCounts}, in one plan (null without families); what {@link #collect} runs. */
  static Dataset<Row> counts(
      List<List<ClaimSpec>> families, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents,
      LocalDate runDate, int claimsPerMask) {
    int masks = masks(families, claimsPerMask);
    Dataset<Row> all = null;
    for (int f = 0; f < families.size(); f++) {
      Dataset<Row> counts = familyCounts(f, families.get(f), journeys, transactions, channelEvents, runDate, claimsPerMask, masks);
      all = all == null ? counts : all.unionByName(counts);
    }
    return all;
  }

  private static final long MEMBER = 1;
  private static final long CENSORED = 2;
  private static final long EVENT = 4;
  private static final long TIME_EVENT = 8;

  /** The claims grouped by {@link ClaimCompiler.Family}, in the order of their first claim. */
  static List<List<ClaimSpec>> families(List<ClaimSpec> specs) {
    Map<ClaimCompiler.Family, List<ClaimSpec>> families = new LinkedHashMap<>();
    for (ClaimSpec spec : specs) {
      families.computeIfAbsent(ClaimCompiler.Family.of(spec), f -> new ArrayList<>()).add(spec);
    }
    return new ArrayList<>(families.values());
  }

  /**
   * Customers of one family per (segment_column, segment_value, time_days, mask_0 … mask_{masks-1}):
   * rows (family, segment_column, segment_value, time_days, mask_0 …, customers). Claim i's flags are
   * bits 4(i mod claimsPerMask) … +3 of mask_{i / claimsPerMask}: member, censored, event, time
   * event; a non-member's bits are all zero, so customers outside a claim do not split groups.
   */
  private static Dataset<Row> familyCounts(
      int familyNo, List<ClaimSpec> claims, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents,
      LocalDate runDate, int claimsPerMask, int masks) {
    boolean firstProduct = claims.stream().anyMatch(ClaimCompiler::usesFirstProduct);
    ClaimCompiler.Family family = ClaimCompiler.Family.of(claims.get(0));
    Dataset<Row> base = ClaimCompiler.base(family, firstProduct, journeys, transactions, channelEvents, runDate);
    Set<String> columns = new LinkedHashSet<>();
    claims.forEach(spec -> columns.addAll(keyColumns(spec)));
    Column[] mask = new Column[masks];
    for (int m = 0; m < masks; m++) {
      mask[m] = lit(0L);
    }
    for (int i = 0; i < claims.size(); i++) {
      ClaimCompiler.Flags flags = ClaimCompiler.flags(claims.get(i), runDate);
      int shift = 4 * (i % claimsPerMask);
      Column bits = when(flags.isCensored(), lit(CENSORED << shift)).otherwise(lit(0L))
          .plus(when(flags.isEvent(), lit(EVENT << shift)).otherwise(lit(0L)))
          .plus(when(flags.isTimeEvent(), lit(TIME_EVENT << shift)).otherwise(lit(0L)));
      Column claimBits = when(flags.member(), lit(MEMBER << shift).plus(bits)).otherwise(lit(0L));
      mask[i / claimsPerMask] = mask[i / claimsPerMask].plus(claimBits);
    }
    // The masks are computed once per customer (this select), before the explode into segment keys.
    List<Column> perCustomer = new ArrayList<>();
    perCustomer.add(col(ClaimCompiler.TIME_DAYS));
    List<Column> groups = new ArrayList<>();
    groups.add(col("key.segment_column").as("segment_column"));
    groups.add(col("key.segment_value").as("segment_value"));
    groups.add(col(ClaimCompiler.TIME_DAYS));
    for (int m = 0; m < masks; m++) {
      perCustomer.add(mask[m].as("mask_" + m));
      groups.add(col("mask_" + m));
    }
    perCustomer.add(array(segmentKeys(columns)).as("keys"));
    List<Column> exploded = new ArrayList<>(groups.subList(2, groups.size()));
    // explode_outer: the same rows (keys always holds the population's key), but a plain explode makes the
    // optimizer add size(keys) > 0 below the projection, building every customer's key array twice.
    exploded.add(explode_outer(col("keys")).as("key"));
    Dataset<Row> perCustomerRows = base.select(perCustomer.toArray(Column[]::new));
    Dataset<Row> counted = perCustomerRows.select(exploded.toArray(Column[]::new))
        .groupBy(groups.toArray(Column[]::new))
        .agg(count(lit(1)).as("customers"));
    List<Column> out = new ArrayList<>();
    out.add(lit(familyNo).as("family"));
    out.add(col("segment_column"));
    out.add(col("segment_value"));
    out.add(col(ClaimCompiler.TIME_DAYS));
    for (int m = 0; m < masks; m++) {
      out.add(col("mask_" + m));
    }
    out.add(col("customers"));
    // Groups in which no claim has a member (all masks 0) are kept: the driver skips them (no MEMBER bit),
    // and they are few (segment values × days). A filter on the masks here would be pushed below the
    // aggregate and the explode and inline the whole mask expression a second time for every customer.
    return counted.select(out.toArray(Column[]::new));
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
    add(cells, r.getString(0), r.getString(1), r.getString(2), r.getInt(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7));
  }

  /** Adds the counts of one (claim, segment column, segment value, time_days); called once per such key. */
  private static void add(
      Map<String, Map<List<String>, Cell>> cells, String claim, String column, String value, int time, long n, long censored, long events,
      long timeEvents) {
    Cell cell = cells.computeIfAbsent(claim, k -> new HashMap<>()).computeIfAbsent(List.of(column, value), k -> new Cell());
    cell.population += n;
    cell.censored += censored;
    cell.events += events;
    cell.times.put(time, new long[] {timeEvents, n - timeEvents});
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
