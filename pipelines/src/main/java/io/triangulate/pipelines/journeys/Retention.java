package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Monthly signup cohorts ({@code gold/retention}) and each customer's monthly lifecycle bucket
 * ({@code gold/lifecycle}).
 *
 * <p>A customer is active in a calendar month (UTC) when they have any step in it other than the
 * churn record itself, which is a departure, not activity. Months run from the signup month to the
 * run date's month. Buckets: {@code new} the first active month; {@code returning} active and active
 * the month before; {@code resurrecting} active after at least one inactive month that followed
 * earlier activity; {@code dormant} inactive (also before the first activity and after churn).
 */
public final class Retention {
  private Retention() {}

  public static final String NEW = "new";
  public static final String RETURNING = "returning";
  public static final String RESURRECTING = "resurrecting";
  public static final String DORMANT = "dormant";

  public static final StructType LIFECYCLE =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("cohort_month", DataTypes.DateType, false) // first day of the signup month
          .add("activity_month", DataTypes.DateType, false) // first day of the month
          .add("months_since_signup", DataTypes.IntegerType, false)
          .add("is_active", DataTypes.BooleanType, false)
          .add("lifecycle", DataTypes.StringType, false);

  public static final StructType RETENTION =
      new StructType()
          .add("cohort_month", DataTypes.DateType, false)
          .add("months_since_signup", DataTypes.IntegerType, false)
          .add("cohort_size", DataTypes.LongType, false)
          .add("active_customers", DataTypes.LongType, false)
          .add("active_share", DataTypes.DoubleType, false)
          .add("new_count", DataTypes.LongType, false)
          .add("returning_count", DataTypes.LongType, false)
          .add("resurrecting_count", DataTypes.LongType, false)
          .add("dormant_count", DataTypes.LongType, false);

  /** One row per customer of {@code journeys} and month from signup to {@code observedUntil}. */
  public static Dataset<Row> lifecycle(Dataset<Row> journeys, Dataset<Row> timelines, LocalDate observedUntil) {
    Column lastMonth = trunc(lit(observedUntil.toString()).cast(DataTypes.DateType), "month");
    Dataset<Row> grid =
        journeys
            .select(col("customer_id"), trunc(col("signed_up_at"), "month").as("cohort_month"))
            .withColumn(
                "months_since_signup",
                explode(sequence(lit(0), months_between(lastMonth, col("cohort_month")).cast(DataTypes.IntegerType))))
            .withColumn("activity_month", add_months(col("cohort_month"), col("months_since_signup")));
    Dataset<Row> active =
        timelines.where(col("source_table").notEqual("churn"))
            .select(col("customer_id"), trunc(col("occurred_at"), "month").as("activity_month"))
            .distinct()
            .withColumn("_active", lit(true));
    WindowSpec byMonth = Window.partitionBy("customer_id").orderBy("months_since_signup");
    Column isActive = col("is_active");
    Column wasActive = coalesce(lag(isActive, 1).over(byMonth), lit(false));
    Column everBefore =
        coalesce(max(isActive).over(byMonth.rowsBetween(Window.unboundedPreceding(), -1)), lit(false));
    return grid.join(active, new String[] {"customer_id", "activity_month"}, "left")
        .withColumn("is_active", coalesce(col("_active"), lit(false)))
        .withColumn(
            "lifecycle",
            when(isActive.and(wasActive), lit(RETURNING))
                .when(isActive.and(everBefore), lit(RESURRECTING))
                .when(isActive, lit(NEW))
                .otherwise(lit(DORMANT)))
        .select(Timelines.columns(LIFECYCLE));
  }

  /** Aggregates {@link #LIFECYCLE} rows into cohort × month counts. */
  public static Dataset<Row> retention(Dataset<Row> lifecycle) {
    return lifecycle.groupBy("cohort_month", "months_since_signup")
        .agg(
            count(lit(1)).as("_customers"),
            sum(when(col("is_active"), 1L).otherwise(0L)).as("active_customers"),
            bucket(NEW),
            bucket(RETURNING),
            bucket(RESURRECTING),
            bucket(DORMANT))
        // Every customer of a cohort has a row for every month, so each month's count is the cohort size.
        .withColumnRenamed("_customers", "cohort_size")
        .withColumn("active_share", col("active_customers").divide(col("cohort_size")))
        .select(Timelines.columns(RETENTION));
  }

  private static Column bucket(String name) {
    return sum(when(col("lifecycle").equalTo(name), 1L).otherwise(0L)).as(name + "_count");
  }
}
