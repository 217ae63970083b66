package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The directly-follows graph over phases ({@code gold/transitions}).
 *
 * <p>An edge A → B counts a customer whose visit to A is directly followed by a visit to B (repeated
 * same-phase steps are one visit, see {@link Timelines#visits}). Every customer with a step also
 * contributes {@code start} → first phase and last phase → {@code end}, so for every phase the
 * occurrences flowing in equal those flowing out. Hours between is the silence from the last step
 * of A to the first step of B; it is null on start and end edges.
 */
public final class Transitions {
  private Transitions() {}

  public static final String START = "start";
  public static final String END = "end";

  public static final StructType TRANSITIONS =
      new StructType()
          .add("from_phase", DataTypes.StringType, false)
          .add("to_phase", DataTypes.StringType, false)
          .add("customer_count", DataTypes.LongType, false)
          .add("occurrence_count", DataTypes.LongType, false)
          .add("median_hours_between", DataTypes.DoubleType, true) // exact, interpolated
          .add("p90_hours_between", DataTypes.DoubleType, true);

  /** One row per consecutive pair of visits, plus start and end pseudo-visits. */
  public static final StructType EDGES =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("from_phase", DataTypes.StringType, false)
          .add("from_rank", DataTypes.IntegerType, false) // 0 for start
          .add("to_phase", DataTypes.StringType, false)
          .add("to_rank", DataTypes.IntegerType, false) // Integer.MAX_VALUE for end
          .add("hours_between", DataTypes.DoubleType, true);

  /** Per-customer edges of the directly-follows graph from {@link Timelines#VISITS} rows. */
  public static Dataset<Row> edges(Dataset<Row> visits) {
    WindowSpec byVisit = Window.partitionBy("customer_id").orderBy("visit_index");
    Column nextPhase = lead(col("phase"), 1).over(byVisit);
    Column nextRank = lead(col("phase_rank"), 1).over(byVisit);
    Column nextEnteredAt = lead(col("entered_at"), 1).over(byVisit);
    Dataset<Row> follows =
        visits.select(
            col("customer_id"),
            col("phase").as("from_phase"),
            col("phase_rank").as("from_rank"),
            when(nextPhase.isNull(), lit(END)).otherwise(nextPhase).as("to_phase"),
            when(nextPhase.isNull(), lit(Integer.MAX_VALUE)).otherwise(nextRank).as("to_rank"),
            nextEnteredAt.cast(DataTypes.DoubleType).minus(col("left_at").cast(DataTypes.DoubleType)).divide(3600.0).as("hours_between"));
    Dataset<Row> starts =
        visits.where(col("visit_index").equalTo(1))
            .select(
                col("customer_id"),
                lit(START).as("from_phase"),
                lit(0).as("from_rank"),
                col("phase").as("to_phase"),
                col("phase_rank").as("to_rank"),
                lit(null).cast(DataTypes.DoubleType).as("hours_between"));
    return starts.unionByName(follows).select(Timelines.columns(EDGES));
  }

  /**
   * Aggregates {@link #EDGES} into {@link #TRANSITIONS}. The distinct customer count is aggregated
   * apart from the percentiles and joined back (one small row per edge type): in one aggregation
   * Spark would group by customer first and carry an exact-percentile buffer per customer and
   * edge, which falls back to sorting every edge. Both percentiles share one buffer.
   */
  public static Dataset<Row> transitions(Dataset<Row> edges) {
    Dataset<Row> customers =
        edges.groupBy("from_phase", "to_phase").agg(countDistinct(col("customer_id")).as("customer_count"));
    return edges.groupBy("from_phase", "to_phase")
        .agg(count(lit(1)).as("occurrence_count"), percentile(col("hours_between"), array(lit(0.5), lit(0.9))).as("_hours"))
        .join(customers, new String[] {"from_phase", "to_phase"})
        .withColumn("median_hours_between", element_at(col("_hours"), 1))
        .withColumn("p90_hours_between", element_at(col("_hours"), 2))
        .select(Timelines.columns(TRANSITIONS));
  }
}
