package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Two kinds of blind spot in the journeys.
 *
 * <ul>
 *   <li>{@code gold/journey_gaps}: long silences, consecutive steps of a customer at least
 *       {@code thresholdDays} apart, by the phases on either side.
 *   <li>{@code gold/touchpoint_coverage}: touchpoints interviewees mention
 *       ({@code silver/coded_segments.touchpoint_ids}) and whether any log covers them, through
 *       {@link #TOUCHPOINT_CHANNEL}. An uncovered touchpoint is part of the journey the logs cannot see
 *       (word of mouth, a retailer), so claims about it rest on interviews alone.
 * </ul>
 */
public final class Gaps {
  private Gaps() {}

  public static final int DEFAULT_GAP_DAYS = 30;

  /**
   * Codebook touchpoint id → log channel ({@code channel_events.channel}, {@code transactions.channel}).
   * Touchpoints absent here (sales_rep, retailer, advertising, word_of_mouth) have no log in the demo
   * world; an adapter for real data with, say, a retailer feed adds its channel here.
   */
  public static final Map<String, String> TOUCHPOINT_CHANNEL =
      Map.of(
          "website", "web",
          "app", "app",
          "store", "store",
          "email", "email",
          "phone", "phone",
          "chat", "chat",
          "social_media", "social",
          "device", "device");

  public static final StructType JOURNEY_GAPS =
      new StructType()
          .add("from_phase", DataTypes.StringType, false)
          .add("to_phase", DataTypes.StringType, false)
          .add("customer_count", DataTypes.LongType, false)
          .add("gap_count", DataTypes.LongType, false)
          .add("median_gap_days", DataTypes.DoubleType, false) // exact, interpolated
          .add("max_gap_days", DataTypes.DoubleType, false)
          .add("threshold_days", DataTypes.IntegerType, false);

  public static final StructType TOUCHPOINT_COVERAGE =
      new StructType()
          .add("touchpoint_id", DataTypes.StringType, false)
          .add("channel", DataTypes.StringType, true) // null: no mapping to any log
          .add("interview_count", DataTypes.LongType, false)
          .add("segment_count", DataTypes.LongType, false)
          .add("log_row_count", DataTypes.LongType, false) // channel events and transactions
          .add("is_covered", DataTypes.BooleanType, false);

  /**
   * Silences of at least {@code thresholdDays} between consecutive {@link Timelines#TIMELINES} steps.
   * Customers are counted through their first gap of each phase pair rather than a distinct count:
   * with a distinct count next to the exact median, Spark would keep a median buffer per customer.
   */
  public static Dataset<Row> journeyGaps(Dataset<Row> timelines, int thresholdDays) {
    return aggregateGaps(gapSteps(timelines, thresholdDays), thresholdDays);
  }

  /** One row per customer's gap of {@link #GAP_STEPS}: what {@link #journeyGaps} aggregates. */
  public static final StructType GAP_STEPS =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("from_phase", DataTypes.StringType, true)
          .add("to_phase", DataTypes.StringType, false)
          .add("gap_days", DataTypes.DoubleType, true)
          .add("_is_first", DataTypes.BooleanType, false); // the customer's first gap of this phase pair

  /** The per-customer half of {@link #journeyGaps}: each silence of at least {@code thresholdDays}. */
  public static Dataset<Row> gapSteps(Dataset<Row> timelines, int thresholdDays) {
    WindowSpec byStep = Window.partitionBy("customer_id").orderBy("step_index");
    Column gapDays =
        col("occurred_at").cast(DataTypes.DoubleType)
            .minus(lag(col("occurred_at"), 1).over(byStep).cast(DataTypes.DoubleType))
            .divide(86_400.0);
    WindowSpec byPair = Window.partitionBy("customer_id", "from_phase", "to_phase").orderBy("step_index");
    return timelines
        .select(
            col("customer_id"),
            col("step_index"),
            lag(col("phase"), 1).over(byStep).as("from_phase"),
            col("phase").as("to_phase"),
            gapDays.as("gap_days"))
        .where(col("gap_days").geq(thresholdDays))
        .withColumn("_is_first", row_number().over(byPair).equalTo(1))
        .select(Timelines.columns(GAP_STEPS));
  }

  /** The global half of {@link #journeyGaps}: {@link #GAP_STEPS} rows of all customers into {@link #JOURNEY_GAPS}. */
  public static Dataset<Row> aggregateGaps(Dataset<Row> gapSteps, int thresholdDays) {
    return gapSteps
        .groupBy("from_phase", "to_phase")
        .agg(
            sum(when(col("_is_first"), 1L).otherwise(0L)).as("customer_count"),
            count(lit(1)).as("gap_count"),
            percentile(col("gap_days"), lit(0.5)).as("median_gap_days"),
            max(col("gap_days")).as("max_gap_days"))
        .withColumn("threshold_days", lit(thresholdDays))
        .select(Timelines.columns(JOURNEY_GAPS));
  }

  /**
   * Touchpoints mentioned in respondent segments (negated mentions excluded: "I never called") and
   * how many log rows their channel has.
   */
  public static Dataset<Row> touchpointCoverage(
      Dataset<Row> codedSegments, Dataset<Row> channelEvents, Dataset<Row> transactions) {
    Dataset<Row> mentions =
        codedSegments
            .select(col("interview_id"), col("segment_id"), col("negated_code_ids"), explode(col("touchpoint_ids")).as("touchpoint_id"))
            .where(org.apache.spark.sql.functions.array_contains(col("negated_code_ids"), col("touchpoint_id")).unary_$bang())
            .groupBy("touchpoint_id")
            .agg(countDistinct(col("interview_id")).as("interview_count"), countDistinct(col("segment_id")).as("segment_count"))
            .withColumn("channel", element_at(channelLookup(), col("touchpoint_id")));
    Dataset<Row> logged =
        channelEvents.select("channel")
            .unionByName(transactions.select("channel"))
            .where(col("channel").isNotNull())
            .groupBy("channel")
            .agg(count(lit(1)).as("_rows"));
    return mentions.join(logged, "channel", "left")
        .withColumn("log_row_count", coalesce(col("_rows"), lit(0L)))
        .withColumn("is_covered", col("log_row_count").gt(0))
        .select(Timelines.columns(TOUCHPOINT_COVERAGE));
  }

  private static Column channelLookup() {
    List<Column> kv = new ArrayList<>();
    new TreeMap<>(TOUCHPOINT_CHANNEL).forEach((k, v) -> {
      kv.add(lit(k));
      kv.add(lit(v));
    });
    return map(kv.toArray(Column[]::new));
  }
}
