package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.xxhash64;

import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The journey stage as a nightly runs it: rebuilds only the customers whose facts changed since the
 * last run ({@link JourneyChanges}) and re-aggregates the global tables from the per-customer ones,
 * giving the same rows as {@link Journeys#run} from all of silver.
 *
 * <p>Per-customer tables ({@code gold/journeys}, {@code gold/journey_parts}, {@code gold/lifecycle})
 * are replaced for the changed customers in one commit each, and {@code gold/timelines} is appended to
 * when the night only added steps ({@link #writeTimelines}); the other
 * customers' journey rows only get their run-date columns moved on ({@link Journeys#asOf}) and, in a
 * new month, their lifecycle the months since the last run (dormant: they had no step in them). The
 * global tables come from {@code gold/journey_parts} and {@code gold/lifecycle}; coverage and say-do
 * are small and recomputed. On a quiet night (a later date, no customer changed) only what depends on
 * the run date is written ({@link #moveOn}). Falls back to the full path when there is no previous run, the settings
 * changed, the date goes back, a gold table is missing, the commits since the last run cannot be
 * read, or on request.
 */
public final class IncrementalJourneys {
  private IncrementalJourneys() {}

  /**
   * What a run did: journeys written, whether incremental, customers rebuilt, why full when it was,
   * and the seconds of an incremental run's steps (writes that run side by side overlap).
   */
  public record Result(
      long journeys, boolean incremental, long customersRebuilt, String fullReason, String timelinesWrite, Map<String, Double> stepSeconds) {
    public Result {
      stepSeconds = Map.copyOf(stepSeconds);
    }

    @Override
    public String toString() {
      return incremental
          ? journeys + " journeys, incremental: " + customersRebuilt + " customers rebuilt, timelines " + timelinesWrite
              + "; seconds per step " + steps()
          : journeys + " journeys, full recompute (" + fullReason + ")";
    }

    private String steps() {
      return new TreeMap<>(stepSeconds).entrySet().stream()
          .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue()))
          .collect(Collectors.joining(", "));
    }
  }

  private static final String CHANGED_ID = "_changed_customer_id";

  /**
   * Most files {@code gold/timelines} may have before an incremental run rewrites it (which compacts it)
   * instead of appending: each append adds one file, so this is about eight weeks of nights.
   */
  static final int MAX_TIMELINE_FILES = 64;

  private static final List<LakeTable> PER_CUSTOMER =
      List.of(LakeTable.GOLD_TIMELINES, LakeTable.GOLD_JOURNEYS, JourneyParts.GOLD_JOURNEY_PARTS, LakeTable.GOLD_LIFECYCLE);

  /** The nightly journey stage; {@code full} forces the full recompute. */
  public static Result run(SparkSession spark, Lake lake, LocalDate runDate, JourneyPreset preset, int abandonmentDays, boolean full) {
    return run(spark, lake, runDate, preset.phases(), abandonmentDays, preset.analytics(), full);
  }

  /** {@link #run(SparkSession, Lake, LocalDate, JourneyPreset, int, boolean)} with explicit settings. */
  public static Result run(
      SparkSession spark, Lake lake, LocalDate runDate, PhaseMap phases, int abandonmentDays, JourneyAnalytics analytics, boolean full) {
    String settings = JourneyChanges.settings(phases, abandonmentDays, analytics);
    // Versions are taken before anything is read: a commit landing meanwhile is seen again next time.
    Map<String, Long> versions = JourneyChanges.versions(spark, lake);
    JourneyChanges.State previous = JourneyChanges.read(spark, lake);
    String reason = fullReason(spark, lake, runDate, settings, previous, full);
    Dataset<Row> changed = null;
    long rebuilt = 0;
    Map<String, Double> seconds = new ConcurrentHashMap<>();
    if (reason == null) {
      long start = System.nanoTime();
      try {
        changed = JourneyChanges.customers(spark, lake, previous.versions(), versions, previous.runDate(), runDate)
            .distinct()
            .persist(StorageLevel.MEMORY_AND_DISK());
        rebuilt = changed.count();
      } catch (JourneyChanges.Unreadable e) {
        reason = e.getMessage();
      }
      seconds.put("changed customers", secondsSince(start));
    }
    if (reason != null) {
      long journeys = Journeys.run(spark, lake, runDate, phases, abandonmentDays, analytics);
      JourneyChanges.write(spark, lake, runDate, settings, versions);
      return new Result(journeys, false, journeys, reason, null, Map.of());
    }
    try {
      String timelinesWrite = "unchanged";
      if (rebuilt == 0 && runDate.isAfter(previous.runDate())) {
        moveOn(spark, lake, runDate, previous.runDate(), abandonmentDays, analytics, seconds);
      } else if (rebuilt > 0) {
        timelinesWrite = update(spark, lake, runDate, previous.runDate(), phases, abandonmentDays, analytics, changed, seconds);
      }
      JourneyChanges.write(spark, lake, runDate, settings, versions);
      return new Result(lake.read(spark, LakeTable.GOLD_JOURNEYS).count(), true, rebuilt, null, timelinesWrite, seconds);
    } finally {
      changed.unpersist();
    }
  }

  private static String fullReason(
      SparkSession spark, Lake lake, LocalDate runDate, String settings, JourneyChanges.State previous, boolean full) {
    if (full) {
      return "requested";
    }
    if (previous == null) {
      return "no previous journeys run";
    }
    if (!previous.settings().equals(settings)) {
      return "journey settings changed since the last run";
    }
    if (runDate.isBefore(previous.runDate())) {
      return "run date " + runDate + " is before the last run's " + previous.runDate();
    }
    for (LakeTable table : PER_CUSTOMER) {
      if (!lake.exists(spark, table)) {
        return table + " is missing";
      }
    }
    return null;
  }

  /**
   * A later date on which no customer's facts changed (a quiet night): only what depends on the run
   * date moves on. That is the journeys' run-date columns, and the say-do verdicts that read them;
   * in a new month also the dormant months of {@code gold/lifecycle} and so the retention. Timelines,
   * parts and the aggregates of the parts (transitions, loops, variants, funnel, gaps) are functions
   * of the facts alone, so they keep their versions.
   */
  private static void moveOn(
      SparkSession spark, Lake lake, LocalDate runDate, LocalDate previousRunDate, int abandonmentDays, JourneyAnalytics analytics,
      Map<String, Double> seconds) {
    timed(seconds, "journeys", () -> DeltaWrites.overwrite(
        Journeys.asOf(lake.read(spark, LakeTable.GOLD_JOURNEYS), runDate, abandonmentDays), lake.path(LakeTable.GOLD_JOURNEYS))).run();
    List<Runnable> writes = new ArrayList<>();
    if (!YearMonth.from(runDate).equals(YearMonth.from(previousRunDate))) {
      writes.add(timed(seconds, "lifecycle", () -> {
        Dataset<Row> lifecycle = lake.read(spark, LakeTable.GOLD_LIFECYCLE);
        DeltaWrites.overwrite(lifecycle.unionByName(dormantMonths(lifecycle, runDate)), lake.path(LakeTable.GOLD_LIFECYCLE));
        DeltaWrites.overwrite(Retention.retention(lake.read(spark, LakeTable.GOLD_LIFECYCLE)), lake.path(LakeTable.GOLD_RETENTION));
      }));
    }
    for (Runnable write : analytics.interviewWrites(spark, lake, lake.read(spark, LakeTable.GOLD_JOURNEYS))) {
      writes.add(timed(seconds, "interview tables", write));
    }
    timed(seconds, "global tables", () -> DeltaWrites.concurrently(writes)).run();
  }

  /** Updates the gold journey tables for the changed customers; returns how the timelines were written. */
  private static String update(
      SparkSession spark,
      Lake lake,
      LocalDate runDate,
      LocalDate previousRunDate,
      PhaseMap phases,
      int abandonmentDays,
      JourneyAnalytics analytics,
      Dataset<Row> changed,
      Map<String, Double> seconds) {
    Dataset<Row> ids = ids(changed);
    Dataset<Row> churn = only(Journeys.readOrEmpty(spark, lake, LakeTable.SILVER_CHURN, SourceContract.CHURN), ids);
    Dataset<Row> steps =
        Journeys.steps(
            only(Journeys.readOrEmpty(spark, lake, LakeTable.SILVER_TRANSACTIONS, SourceContract.TRANSACTIONS), ids),
            only(Journeys.readOrEmpty(spark, lake, LakeTable.SILVER_CHANNEL_EVENTS, SourceContract.CHANNEL_EVENTS), ids),
            churn,
            phases,
            runDate);
    Dataset<Row> timelines = Timelines.clustered(Timelines.timelines(steps)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> interviews =
        lake.exists(spark, LakeTable.SILVER_INTERVIEWS) ? lake.read(spark, LakeTable.SILVER_INTERVIEWS) : null;
    Dataset<Row> journeys =
        Journeys.journeys(
                only(Journeys.readOrEmpty(spark, lake, LakeTable.SILVER_CUSTOMERS, SourceContract.CUSTOMERS), ids),
                timelines.select(Journeys.fieldNames(Journeys.STEPS)),
                churn,
                interviews,
                phases,
                runDate,
                abandonmentDays)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> visits = Timelines.visits(timelines).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> edges = Transitions.edges(visits);
    Dataset<Row> parts = JourneyParts.build(timelines, visits, edges, analytics);
    AtomicReference<String> timelinesWrite = new AtomicReference<>();
    try {
      // Materialized (they are cached) as a step of their own, so the timings show the rebuild apart
      // from the writes that read it.
      timed(seconds, "rebuilt customers' timelines and journeys", () -> {
        timelines.count();
        journeys.count();
        visits.count();
      }).run();
      // Per-customer tables: the unchanged customers' rows plus the rebuilt ones, one commit each. A
      // rewrite, not a MERGE with deletion vectors: that was measured slower here (docs/benchmarks.md).
      // Timelines are appended to when the day only added steps (writeTimelines).
      Dataset<Row> currentLifecycle = lake.read(spark, LakeTable.GOLD_LIFECYCLE);
      // Dormant months for the others only when the run date is in a later month than the last run's.
      Dataset<Row> keptLifecycle = YearMonth.from(runDate).equals(YearMonth.from(previousRunDate))
          ? currentLifecycle
          : currentLifecycle.unionByName(dormantMonths(currentLifecycle, runDate));
      List<Runnable> writes = new ArrayList<>();
      writes.add(timed(seconds, "timelines", () -> timelinesWrite.set(
          writeTimelines(lake.read(spark, LakeTable.GOLD_TIMELINES), ids, timelines, lake.path(LakeTable.GOLD_TIMELINES), MAX_TIMELINE_FILES))));
      writes.add(timed(seconds, "journeys", () -> replace(
          Journeys.asOf(lake.read(spark, LakeTable.GOLD_JOURNEYS), runDate, abandonmentDays), ids, journeys,
          lake.path(LakeTable.GOLD_JOURNEYS))));
      writes.add(timed(seconds, "journey_parts", () ->
          replace(lake.read(spark, JourneyParts.GOLD_JOURNEY_PARTS), ids, parts, lake.path(JourneyParts.GOLD_JOURNEY_PARTS))));
      writes.add(timed(seconds, "lifecycle", () -> replace(
          keptLifecycle, ids, Retention.lifecycle(journeys, timelines, runDate), lake.path(LakeTable.GOLD_LIFECYCLE))));
      timed(seconds, "per-customer tables", () -> DeltaWrites.concurrently(writes)).run();
    } finally {
      visits.unpersist();
      journeys.unpersist();
      timelines.unpersist();
    }
    // Global tables from all customers' parts and lifecycle, as the full path aggregates them. (Caching
    // the parts and their edges for the five aggregates was measured: no faster, docs/benchmarks.md.)
    Dataset<Row> allJourneys = lake.read(spark, LakeTable.GOLD_JOURNEYS);
    List<Dataset<Row>> global = JourneyParts.globalTables(lake.read(spark, JourneyParts.GOLD_JOURNEY_PARTS), allJourneys, analytics);
    List<Runnable> writes = new ArrayList<>();
    for (int i = 0; i < global.size(); i++) {
      Dataset<Row> table = global.get(i);
      String path = lake.path(JourneyParts.GLOBAL_TABLES.get(i));
      writes.add(timed(seconds, "global aggregates", () -> DeltaWrites.overwrite(table, path)));
    }
    writes.add(timed(seconds, "retention", () -> DeltaWrites.overwrite(
        Retention.retention(lake.read(spark, LakeTable.GOLD_LIFECYCLE)), lake.path(LakeTable.GOLD_RETENTION))));
    for (Runnable write : analytics.interviewWrites(spark, lake, allJourneys)) {
      writes.add(timed(seconds, "interview tables", write));
    }
    timed(seconds, "global tables", () -> DeltaWrites.concurrently(writes)).run();
    return timelinesWrite.get();
  }

  /**
   * Writes the rebuilt customers' timelines ({@code rebuilt}) into {@code current}, the table at
   * {@code path}, and says how. A night usually only adds steps after each customer's last one: then
   * each rebuilt customer's stored steps are exactly the first steps of their rebuilt timeline, and only
   * the new steps are appended; the rest of the table, which grows with the history, is not rewritten.
   * A changed or late fact renumbers a customer's steps, which an append cannot express: then the table
   * is rewritten (the other customers' rows plus the rebuilt ones), as it also is once appends have left
   * more than {@code maxFiles} files, so that the rewrite compacts them.
   */
  static String writeTimelines(Dataset<Row> current, Dataset<Row> ids, Dataset<Row> rebuilt, String path, int maxFiles) {
    int files = current.inputFiles().length;
    if (files > maxFiles) {
      replace(current, ids, rebuilt, path);
      return "rewritten, compacting " + files + " files";
    }
    // Each rebuilt customer's stored steps as a fingerprint: their count and two sums of row hashes (the
    // row includes step_index). Comparing fingerprints, not rows, keeps the big sides out of any shuffle:
    // both joins below broadcast one small row per customer.
    Dataset<Row> stored = fingerprints(only(current, ids)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> steps = broadcast(stored.select(col("customer_id").as(CHANGED_ID), col(STEPS)));
      Dataset<Row> prefixes = fingerprints(
          rebuilt.join(steps, rebuilt.col("customer_id").equalTo(col(CHANGED_ID))).where(col("step_index").leq(col(STEPS))));
      long renumbered = stored.join(prefixes, new String[] {"customer_id", STEPS, "_hash_a", "_hash_b"}, "left_anti").count();
      if (renumbered > 0) {
        replace(current, ids, rebuilt, path);
        return "rewritten: earlier steps of " + renumbered + " customer(s) changed";
      }
      Dataset<Row> added = rebuilt.join(steps, rebuilt.col("customer_id").equalTo(col(CHANGED_ID)), "left")
          .where(col(STEPS).isNull().or(col("step_index").gt(col(STEPS))));
      // One file: a night's steps are a small part of the table, and fewer files delay the compaction.
      DeltaWrites.append(added.select(Journeys.fieldNames(current.schema())).coalesce(1), path);
      return "appended";
    } finally {
      stored.unpersist();
    }
  }

  private static final String STEPS = "_stored_steps";

  /**
   * One row per customer of {@link Timelines#TIMELINES} rows: the step count and two independent
   * sums of whole-row hashes (as decimals, so they cannot overflow). Equal fingerprints mean equal
   * rows but for a hash collision in both sums at once.
   */
  private static Dataset<Row> fingerprints(Dataset<Row> timelines) {
    // Spark's row hashes skip nulls, so each value is hashed with its null flag: otherwise a value
    // moving to the next nullable column would hash the same.
    List<Column> values = new ArrayList<>();
    for (String field : Timelines.TIMELINES.fieldNames()) {
      values.add(col(field));
      values.add(col(field).isNull());
    }
    Column[] row = values.toArray(Column[]::new);
    return timelines.groupBy("customer_id").agg(
        count(lit(1)).as(STEPS),
        sum(xxhash64(row).cast(DataTypes.createDecimalType(38, 0))).as("_hash_a"),
        sum(hash(row).cast(DataTypes.createDecimalType(38, 0))).as("_hash_b"));
  }

  /** {@code step}, adding its seconds to {@code seconds} under {@code name}. */
  private static Runnable timed(Map<String, Double> seconds, String name, Runnable step) {
    return () -> {
      long start = System.nanoTime();
      try {
        step.run();
      } finally {
        seconds.merge(name, secondsSince(start), Double::sum);
      }
    };
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The {@code customer_id}s of {@code customers} as the {@code ids} the other helpers take. */
  static Dataset<Row> ids(Dataset<Row> customers) {
    // Renamed so a join with the silver table the ids came from is not mistaken for a self-join.
    return broadcast(customers.select(col("customer_id").as(CHANGED_ID)));
  }

  /** Rows of {@code table} restricted to the customers in {@code ids}. */
  private static Dataset<Row> only(Dataset<Row> table, Dataset<Row> ids) {
    return table.join(ids, table.col("customer_id").equalTo(col(CHANGED_ID)), "left_semi");
  }

  /** Overwrites {@code path} with the rows of {@code current} not of {@code ids} plus {@code rebuilt}. */
  private static void replace(Dataset<Row> current, Dataset<Row> ids, Dataset<Row> rebuilt, String path) {
    Dataset<Row> kept = current.join(ids, current.col("customer_id").equalTo(col(CHANGED_ID)), "left_anti");
    DeltaWrites.overwrite(kept.unionByName(rebuilt.select(Journeys.fieldNames(current.schema()))), path);
  }

  /**
   * The lifecycle rows that take customers without a new step up to {@code runDate}'s month: the
   * months past their last row are inactive, so dormant (the rule of {@link Retention#lifecycle}).
   * Only a run in a later month than the last run's adds any.
   */
  static Dataset<Row> dormantMonths(Dataset<Row> lifecycle, LocalDate runDate) {
    Column lastMonth = trunc(lit(runDate.toString()).cast(DataTypes.DateType), "month");
    Column target = months_between(lastMonth, col("cohort_month")).cast(DataTypes.IntegerType);
    Dataset<Row> added =
        lifecycle.groupBy("customer_id", "cohort_month")
            .agg(max(col("months_since_signup")).as("_last"))
            .where(target.gt(col("_last")))
            .withColumn("months_since_signup", explode(sequence(col("_last").plus(1), target)))
            .withColumn("activity_month", add_months(col("cohort_month"), col("months_since_signup")))
            .withColumn("is_active", lit(false))
            .withColumn("lifecycle", lit(Retention.DORMANT))
            .select(Journeys.fieldNames(Retention.LIFECYCLE));
    return added;
  }
}
