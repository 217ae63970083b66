package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What interviewees said about using the product vs what their own logs show ({@code gold/say_do}).
 *
 * <p>Only interviewees who consented to link their customer id. A respondent segment coded
 * {@code product_abandonment} (not negated) says "I stopped"; a {@code usage} segment without it, or
 * a negated abandonment ("I never stopped"), says "I kept using it". Stopping wins when both occur.
 * The logs say "stopped" when the journey {@code is_abandoned}. The verdict compares the two as of the
 * run date, so a respondent who stopped and later came back shows as a contradiction.
 */
public final class SayDo {
  private SayDo() {}

  public static final String ABANDONMENT = "product_abandonment";
  public static final String USAGE = "usage";

  public static final String SAID_STOPPED = "stopped";
  public static final String SAID_KEPT_USING = "kept_using";
  public static final String SAID_NOTHING = "none";

  public static final String AGREES = "agrees";
  public static final String CONTRADICTS = "contradicts";
  public static final String NO_STATEMENT = "no_statement";
  public static final String NO_LOGS = "no_logs";

  public static final StructType SAY_DO =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("interview_ids", DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add("abandonment_segment_count", DataTypes.LongType, false)
          .add("usage_segment_count", DataTypes.LongType, false)
          .add("said", DataTypes.StringType, false) // stopped | kept_using | none
          .add("said_after_days", DataTypes.IntegerType, true) // shortest duration on a stopping segment
          .add("first_purchase_at", DataTypes.TimestampType, true)
          .add("last_usage_at", DataTypes.TimestampType, true)
          .add("usage_event_count", DataTypes.LongType, false)
          .add("used_days", DataTypes.IntegerType, true) // first purchase to last usage
          .add("is_abandoned", DataTypes.BooleanType, false)
          .add("verdict", DataTypes.StringType, false); // agrees | contradicts | no_statement | no_logs

  /**
   * @param interviews {@code silver/interviews} ({@code CodedSegmentSchema.INTERVIEWS})
   * @param codedSegments {@code silver/coded_segments}
   * @param journeys {@code gold/journeys}
   */
  public static Dataset<Row> sayDo(Dataset<Row> interviews, Dataset<Row> codedSegments, Dataset<Row> journeys) {
    Column codes = array_except(array_union(col("theme_ids"), col("phase_ids")), col("negated_code_ids"));
    Column stopped = array_contains(codes, ABANDONMENT);
    Column keptUsing =
        stopped.unary_$bang()
            .and(array_contains(codes, USAGE).or(array_contains(col("negated_code_ids"), ABANDONMENT)));
    Dataset<Row> linked =
        interviews.where(col("customer_id").isNotNull()).select(col("interview_id"), col("customer_id"));
    Dataset<Row> statements =
        linked
            .join(codedSegments.drop("customer_id"), "interview_id", "left")
            .groupBy("customer_id")
            .agg(
                sort_array(collect_set(col("interview_id"))).as("interview_ids"),
                sum(when(stopped, 1L).otherwise(0L)).as("abandonment_segment_count"),
                sum(when(keptUsing, 1L).otherwise(0L)).as("usage_segment_count"),
                min(when(stopped, col("duration_days"))).as("said_after_days"));
    Column said =
        when(col("abandonment_segment_count").gt(0), lit(SAID_STOPPED))
            .when(col("usage_segment_count").gt(0), lit(SAID_KEPT_USING))
            .otherwise(lit(SAID_NOTHING));
    Column hasLogs = col("first_purchase_at").isNotNull().or(col("last_usage_at").isNotNull());
    Column isAbandoned = coalesce(col("is_abandoned"), lit(false));
    Column verdict =
        when(col("said").equalTo(SAID_NOTHING), lit(NO_STATEMENT))
            .when(hasLogs.unary_$bang(), lit(NO_LOGS))
            .when(col("said").equalTo(SAID_STOPPED).equalTo(isAbandoned), lit(AGREES))
            .otherwise(lit(CONTRADICTS));
    return statements
        .join(
            journeys.select("customer_id", "first_purchase_at", "last_usage_at", "usage_event_count", "is_abandoned"),
            "customer_id",
            "left")
        .withColumn("said", said)
        .withColumn("usage_event_count", coalesce(col("usage_event_count"), lit(0L)))
        .withColumn("used_days", datediff(to_date(col("last_usage_at")), to_date(col("first_purchase_at"))))
        .withColumn("verdict", verdict)
        .withColumn("is_abandoned", isAbandoned)
        .select(Timelines.columns(SAY_DO));
  }
}
