package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns silver logs into per-customer journeys ({@code gold/journeys}, {@link JourneySchema}).
 *
 * <p>Two steps: {@link #steps} puts transactions, channel events and churn on one timeline with a
 * phase each; {@link #journeys} aggregates that timeline per customer. Only facts up to the end of
 * the run date are used, so recomputing an old date gives the journeys as they were known then.
 */
public final class Journeys {
  private Journeys() {}

  public static final int DEFAULT_ABANDONMENT_DAYS = 60;

  /** One row per logged step of a customer. */
  public static final StructType STEPS =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("occurred_at", DataTypes.TimestampType, false)
          .add("channel", DataTypes.StringType, true)
          .add("touchpoint", DataTypes.StringType, false) // event type, "purchase", "return" or "churn"
          .add("product_id", DataTypes.StringType, true)
          .add("phase", DataTypes.StringType, false)
          .add("phase_rank", DataTypes.IntegerType, false)
          .add("source_table", DataTypes.StringType, false)
          .add("is_purchase", DataTypes.BooleanType, false)
          .add("is_usage", DataTypes.BooleanType, false);

  /** Steps from silver transactions, channel events and churn, up to the end of {@code observedUntil}. */
  public static Dataset<Row> steps(
      Dataset<Row> transactions,
      Dataset<Row> channelEvents,
      Dataset<Row> churn,
      PhaseMap phases,
      LocalDate observedUntil) {
    Column cutoff = lit(endOf(observedUntil));

    // First purchase is the purchase phase; later ones are repeat business (loyalty).
    Column order = row_number().over(Window.partitionBy("customer_id").orderBy("occurred_at", "transaction_id"));
    Dataset<Row> purchases =
        transactions
            .where(col("occurred_at").lt(cutoff))
            .withColumn("is_purchase", col("quantity").gt(0))
            .withColumn("_n", when(col("is_purchase"), order))
            .select(
                col("customer_id"),
                col("occurred_at"),
                col("channel"),
                when(col("is_purchase"), lit(PhaseMap.PURCHASE_TOUCHPOINT)).otherwise(lit("return")).as("touchpoint"),
                col("product_id"),
                when(col("is_purchase").and(col("_n").equalTo(1)), lit(PhaseMap.PURCHASE))
                    .when(col("is_purchase"), lit(PhaseMap.LOYALTY))
                    .otherwise(lit("support"))
                    .as("phase"),
                lit("transactions").as("source_table"),
                col("is_purchase"),
                col("is_purchase").and(lit(phases.usageEventTypes().contains(PhaseMap.PURCHASE_TOUCHPOINT))).as("is_usage"));

    // An event type mapped to the purchase phase (Olist's deal_won) is a purchase without a transaction.
    Column eventPhase = coalesce(element_at(phaseLookup(phases), col("event_type")), lit(phases.defaultPhase()));
    Dataset<Row> events =
        channelEvents
            .where(col("occurred_at").lt(cutoff))
            .select(
                col("customer_id"),
                col("occurred_at"),
                col("channel"),
                col("event_type").as("touchpoint"),
                col("product_id"),
                eventPhase.as("phase"),
                lit("channel_events").as("source_table"),
                eventPhase.equalTo(PhaseMap.PURCHASE).as("is_purchase"),
                col("event_type").isin(phases.usageEventTypes().toArray()).as("is_usage"));

    Dataset<Row> exits =
        churn
            .where(col("churned_at").lt(cutoff))
            .select(
                col("customer_id"),
                col("churned_at").as("occurred_at"),
                lit(null).cast(DataTypes.StringType).as("channel"),
                lit("churn").as("touchpoint"),
                lit(null).cast(DataTypes.StringType).as("product_id"),
                lit(PhaseMap.EXIT).as("phase"),
                lit("churn").as("source_table"),
                lit(false).as("is_purchase"),
                lit(false).as("is_usage"));

    Dataset<Row> all = purchases.unionByName(events).unionByName(exits);
    return all.withColumn("phase_rank", element_at(rankLookup(phases), col("phase")))
        .select(fieldNames(STEPS));
  }

  /**
   * One row per customer of {@code customers}, also those with no logged step yet, and one per
   * customer who has steps but no {@code customers} row (signed up = first step, no attributes).
   *
   * @param interviews {@code silver/interviews}, or null when no interview has been coded
   */
  public static Dataset<Row> journeys(
      Dataset<Row> customers,
      Dataset<Row> steps,
      Dataset<Row> churn,
      Dataset<Row> interviews,
      PhaseMap phases,
      LocalDate observedUntil,
      int abandonmentDays) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(min("occurred_at").as("_first_step_at"));
    aggregates.add(max("occurred_at").as("_last_step_at"));
    aggregates.add(count(lit(1)).as("step_count"));
    // Ties at the same instant go to the later phase, then the touchpoint name: deterministic.
    aggregates.add(max_by(col("phase"), struct(col("occurred_at"), col("phase_rank"), col("touchpoint"))).as("_current_phase"));
    aggregates.add(min(when(col("is_purchase"), col("occurred_at"))).as("first_purchase_at"));
    aggregates.add(sum(when(col("is_purchase"), 1L).otherwise(0L)).as("purchase_count"));
    aggregates.add(min(when(col("is_usage"), col("occurred_at"))).as("first_usage_at"));
    aggregates.add(max(when(col("is_usage"), col("occurred_at"))).as("last_usage_at"));
    aggregates.add(sum(when(col("is_usage"), 1L).otherwise(0L)).as("usage_event_count"));
    aggregates.add(max(col("touchpoint").equalTo("setup_completed")).as("_setup_completed"));
    List<Column> reached = new ArrayList<>();
    for (String phase : phases.phases()) {
      String name = "_reached_" + phase;
      aggregates.add(max(when(col("phase").equalTo(phase), lit(phase))).as(name));
      reached.add(col(name));
    }
    Dataset<Row> perCustomer =
        steps.groupBy("customer_id")
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));

    Timestamp end = endOf(observedUntil);
    Dataset<Row> churned =
        churn.where(col("churned_at").lt(lit(end)))
            .select(col("customer_id"), col("churned_at"), col("reason_code").as("churn_reason_code"));
    Dataset<Row> interviewed =
        interviews == null
            ? customers.sparkSession().emptyDataFrame().withColumn("customer_id", lit(null).cast(DataTypes.StringType))
            : interviews.where(col("customer_id").isNotNull()).select("customer_id").distinct();

    Column lastActivity = lastActivity();
    Column isAbandoned = isAbandoned(observedUntil, abandonmentDays);
    Dataset<Row> known =
        customers
            .where(col("signed_up_at").lt(lit(end)))
            .select("customer_id", "signed_up_at", "age_band", "region", "acquisition_channel");
    // Real data sets often have logs but no customer master (CDNOW) or one for buyers only (Olist):
    // a customer seen only in the logs still has a journey, and signed up when first seen. One in the
    // master who signs up after the run date has no journey yet, even with earlier marketing steps.
    Dataset<Row> seenOnly =
        perCustomer
            .join(customers.select("customer_id"), "customer_id", "left_anti")
            .select(
                col("customer_id"),
                col("_first_step_at").as("signed_up_at"),
                lit(null).cast(DataTypes.StringType).as("age_band"),
                lit(null).cast(DataTypes.StringType).as("region"),
                lit(null).cast(DataTypes.StringType).as("acquisition_channel"));
    Dataset<Row> joined =
        known
            .unionByName(seenOnly)
            .join(perCustomer, "customer_id", "left")
            .join(churned, "customer_id", "left")
            .join(interviewed.withColumn("_is_interviewee", lit(true)), "customer_id", "left");

    return joined.select(
        col("customer_id"),
        col("signed_up_at"),
        col("age_band"),
        col("region"),
        col("acquisition_channel"),
        least(col("signed_up_at"), coalesce(col("_first_step_at"), col("signed_up_at"))).as("first_seen_at"),
        greatest(col("signed_up_at"), coalesce(col("_last_step_at"), col("signed_up_at"))).as("last_seen_at"),
        coalesce(col("step_count"), lit(0L)).as("step_count"),
        array_compact(array(reached.toArray(Column[]::new))).as("phases_reached"),
        coalesce(col("_current_phase"), lit(phases.phases().get(0))).as("current_phase"),
        col("first_purchase_at"),
        coalesce(col("purchase_count"), lit(0L)).as("purchase_count"),
        col("first_usage_at"),
        col("last_usage_at"),
        coalesce(col("usage_event_count"), lit(0L)).as("usage_event_count"),
        coalesce(col("_setup_completed"), lit(false)).as("is_setup_completed"),
        isAbandoned.as("is_abandoned"),
        when(isAbandoned, lastActivity).as("abandoned_at"),
        col("churned_at").isNotNull().as("is_churned"),
        col("churned_at"),
        col("churn_reason_code"),
        coalesce(col("_is_interviewee"), lit(false)).as("is_interviewee"),
        lit(observedUntil.toString()).cast(DataTypes.DateType).as("observed_until"),
        tenureDays(observedUntil).as("tenure_days"));
  }

  /**
   * {@code gold/journeys} rows as of a later {@code observedUntil}, for customers none of whose facts
   * changed: only the columns that depend on the run date itself (abandonment, observed until,
   * tenure) are recomputed, from the row's own columns, with the same expressions as {@link #journeys}.
   */
  public static Dataset<Row> asOf(Dataset<Row> journeys, LocalDate observedUntil, int abandonmentDays) {
    Column isAbandoned = isAbandoned(observedUntil, abandonmentDays);
    return journeys
        .withColumn("abandoned_at", when(isAbandoned, lastActivity()))
        .withColumn("is_abandoned", isAbandoned)
        .withColumn("observed_until", lit(observedUntil.toString()).cast(DataTypes.DateType))
        .withColumn("tenure_days", tenureDays(observedUntil))
        .select(fieldNames(JourneySchema.JOURNEYS));
  }

  private static Column lastActivity() {
    return coalesce(col("last_usage_at"), col("first_purchase_at"));
  }

  private static Column isAbandoned(LocalDate observedUntil, int abandonmentDays) {
    Column lastActivity = lastActivity();
    return lastActivity.isNotNull()
        .and(datediff(lit(observedUntil.toString()).cast(DataTypes.DateType), to_date(lastActivity)).geq(abandonmentDays));
  }

  private static Column tenureDays(LocalDate observedUntil) {
    return datediff(
        coalesce(to_date(col("churned_at")), lit(observedUntil.toString()).cast(DataTypes.DateType)),
        to_date(col("signed_up_at")));
  }

  /**
   * Reads silver, builds {@code gold/timelines}, {@code gold/journeys} and the journey analytics
   * tables ({@link JourneyAnalytics#defaults}) for {@code runDate}; returns the journey count.
   */
  public static long run(SparkSession spark, Lake lake, LocalDate runDate, PhaseMap phases, int abandonmentDays) {
    return run(spark, lake, runDate, phases, abandonmentDays, JourneyAnalytics.defaults(phases));
  }

  /** {@link #run(SparkSession, Lake, LocalDate, PhaseMap, int)} with explicit analytics settings. */
  public static long run(
      SparkSession spark, Lake lake, LocalDate runDate, PhaseMap phases, int abandonmentDays, JourneyAnalytics analytics) {
    requireAnyLog(spark, lake);
    Dataset<Row> churn = readOrEmpty(spark, lake, LakeTable.SILVER_CHURN, SourceContract.CHURN);
    Dataset<Row> steps =
        steps(
            readOrEmpty(spark, lake, LakeTable.SILVER_TRANSACTIONS, SourceContract.TRANSACTIONS),
            readOrEmpty(spark, lake, LakeTable.SILVER_CHANNEL_EVENTS, SourceContract.CHANNEL_EVENTS),
            churn,
            phases,
            runDate);
    // The timelines are computed once and cached in the layout of every per-customer window that
    // follows (Timelines.clustered): the journeys aggregate, visits, gaps, the funnel walk and the
    // lifecycle months then read them with no further shuffle or sort.
    Dataset<Row> timelines = Timelines.clustered(Timelines.timelines(steps)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      DeltaWrites.overwrite(timelines, lake.path(LakeTable.GOLD_TIMELINES));
      Dataset<Row> interviews =
          lake.exists(spark, LakeTable.SILVER_INTERVIEWS) ? lake.read(spark, LakeTable.SILVER_INTERVIEWS) : null;
      Dataset<Row> journeys =
          journeys(
              readOrEmpty(spark, lake, LakeTable.SILVER_CUSTOMERS, SourceContract.CUSTOMERS),
              timelines.select(fieldNames(STEPS)),
              churn,
              interviews,
              phases,
              runDate,
              abandonmentDays);
      DeltaWrites.overwrite(journeys, lake.path(LakeTable.GOLD_JOURNEYS));
      analytics.write(spark, lake, runDate, timelines);
    } finally {
      timelines.unpersist();
    }
    return lake.read(spark, LakeTable.GOLD_JOURNEYS).count();
  }

  /** {@link #run} with a data set's preset: its phase map, analytics settings and abandonment days. */
  public static long run(SparkSession spark, Lake lake, LocalDate runDate, JourneyPreset preset) {
    return run(spark, lake, runDate, preset.phases(), preset.abandonmentDays(), preset.analytics());
  }

  /**
   * An adapter loads only the sources its data set has (CDNOW: transactions), so a missing silver
   * table is an empty log, not an error; with no log at all there is nothing to build journeys from.
   */
  private static void requireAnyLog(SparkSession spark, Lake lake) {
    for (LakeTable table : List.of(LakeTable.SILVER_TRANSACTIONS, LakeTable.SILVER_CHANNEL_EVENTS, LakeTable.SILVER_CUSTOMERS)) {
      if (lake.exists(spark, table)) {
        return;
      }
    }
    lake.read(spark, LakeTable.SILVER_TRANSACTIONS); // fails naming the stage to run first
  }

  /** A silver table, or an empty one with its contract's schema when the source was never loaded. */
  static Dataset<Row> readOrEmpty(SparkSession spark, Lake lake, LakeTable table, SourceContract contract) {
    if (lake.exists(spark, table)) {
      return lake.read(spark, table);
    }
    return spark.createDataFrame(List.of(), contract.silverSchema());
  }

  private static Column phaseLookup(PhaseMap phases) {
    List<Column> kv = new ArrayList<>();
    phases.eventTypePhase().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> {
          kv.add(lit(e.getKey()));
          kv.add(lit(e.getValue()));
        });
    return map(kv.toArray(Column[]::new));
  }

  private static Column rankLookup(PhaseMap phases) {
    List<Column> kv = new ArrayList<>();
    for (String phase : phases.phases()) {
      kv.add(lit(phase));
      kv.add(lit(phases.rank(phase)));
    }
    return map(kv.toArray(Column[]::new));
  }

  /** The exclusive end of the run date in UTC: facts at or after it are not yet known. */
  static Timestamp endOf(LocalDate date) {
    return Timestamp.from(date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  static Column[] fieldNames(StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
