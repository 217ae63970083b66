package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Ordered per-customer timelines ({@code gold/timelines}) and their phase visits.
 *
 * <p>A visit is a run of consecutive steps in the same phase: ten watch syncs in a row are one
 * visit to {@code usage}. Transitions, variants and loops are all defined over visits, so repeated
 * steps do not swamp the process graph.
 */
public final class Timelines {
  private Timelines() {}

  /** {@link Journeys#STEPS} plus a 1-based, deterministic {@code step_index} per customer. */
  public static final StructType TIMELINES =
      Journeys.STEPS.add("step_index", DataTypes.IntegerType, false);

  /** One row per visit: a maximal run of consecutive same-phase steps of a customer. */
  public static final StructType VISITS =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("visit_index", DataTypes.IntegerType, false)
          .add("phase", DataTypes.StringType, false)
          .add("phase_rank", DataTypes.IntegerType, false)
          .add("entered_at", DataTypes.TimestampType, false) // first step of the run
          .add("left_at", DataTypes.TimestampType, false) // last step of the run
          .add("step_count", DataTypes.LongType, false);

  /**
   * Numbers each customer's steps. Ties at the same instant are broken by phase rank, source table
   * and touchpoint (then product and channel), so reruns give the same order.
   */
  public static Dataset<Row> timelines(Dataset<Row> steps) {
    WindowSpec order =
        Window.partitionBy("customer_id")
            .orderBy(
                col("occurred_at"),
                col("phase_rank"),
                col("source_table"),
                col("touchpoint"),
                col("product_id").asc_nulls_first(),
                col("channel").asc_nulls_first());
    return steps.withColumn("step_index", row_number().over(order)).select(columns(TIMELINES));
  }

  /**
   * {@link #TIMELINES} rows hash-partitioned by customer and sorted by {@code step_index} within each
   * partition: the layout every per-customer window of the journey stage asks for (visits, gaps, the
   * funnel walk, lifecycle months). Cached in this layout, the timelines feed all of them with no
   * further shuffle or sort. On the output of {@link #timelines} the repartition costs nothing: Spark
   * drops a repartition whose input is already partitioned the same way.
   */
  public static Dataset<Row> clustered(Dataset<Row> timelines) {
    return timelines.repartition(col("customer_id")).sortWithinPartitions(col("customer_id"), col("step_index"));
  }

  /** Collapses consecutive same-phase steps of {@link #TIMELINES} rows into {@link #VISITS}. */
  public static Dataset<Row> visits(Dataset<Row> timelines) {
    WindowSpec byStep = Window.partitionBy("customer_id").orderBy("step_index");
    Column isNewVisit =
        lag(col("phase"), 1).over(byStep).isNull().or(lag(col("phase"), 1).over(byStep).notEqual(col("phase")));
    Dataset<Row> numbered =
        timelines
            .withColumn("_new", when(isNewVisit, 1).otherwise(0))
            .withColumn("visit_index", sum(col("_new")).over(byStep.rowsBetween(Window.unboundedPreceding(), Window.currentRow())).cast(DataTypes.IntegerType));
    return numbered
        .groupBy("customer_id", "visit_index")
        .agg(
            first(col("phase")).as("phase"),
            first(col("phase_rank")).as("phase_rank"),
            min(col("occurred_at")).as("entered_at"),
            max(col("occurred_at")).as("left_at"),
            org.apache.spark.sql.functions.count(col("step_index")).as("step_count"))
        .select(columns(VISITS));
  }

  static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
