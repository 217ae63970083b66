package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Back-steps ({@code gold/loops}): a customer's visit directly followed by a visit to an earlier
 * phase in {@link PhaseMap} order, e.g. {@code usage → onboarding} (set up again) or
 * {@code loyalty → usage}. These are the {@link Transitions} edges that run against the phase order.
 */
public final class Loops {
  private Loops() {}

  public static final StructType LOOPS =
      new StructType()
          .add("from_phase", DataTypes.StringType, false)
          .add("to_phase", DataTypes.StringType, false)
          .add("customer_count", DataTypes.LongType, false)
          .add("occurrence_count", DataTypes.LongType, false);

  /** Aggregates the backward {@link Transitions#EDGES}. */
  public static Dataset<Row> loops(Dataset<Row> edges) {
    return edges.where(col("to_rank").lt(col("from_rank")))
        .groupBy("from_phase", "to_phase")
        .agg(countDistinct(col("customer_id")).as("customer_count"), count(lit(1)).as("occurrence_count"))
        .select(Timelines.columns(LOOPS));
  }
}
