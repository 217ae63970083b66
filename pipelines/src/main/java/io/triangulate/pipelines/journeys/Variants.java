package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Journey variants ({@code gold/variants}): distinct phase sequences with repeats collapsed, e.g.
 * {@code "consideration > purchase > usage > exit"}. The {@code topN} most common are kept; all others
 * are counted in one {@code other} row, and customers without any step in a {@code (no steps)} row,
 * so customer counts add up to the number of journeys.
 */
public final class Variants {
  private Variants() {}

  public static final String SEPARATOR = " > ";
  public static final String OTHER = "other";
  public static final String NO_STEPS = "(no steps)";
  public static final int DEFAULT_TOP_N = 20;
  /**
   * Longest variant spelled out. A longer journey's variant is its first MAX_PHASES phases, then
   * {@code " > … (N phases)"}: such journeys are unique anyway and land in {@code other}.
   */
  public static final int MAX_PHASES = 100;

  public static final StructType VARIANTS =
      new StructType()
          .add("variant_rank", DataTypes.IntegerType, false) // 1 = most common; other is last
          .add("variant", DataTypes.StringType, false)
          .add("phase_count", DataTypes.IntegerType, true) // null for other
          .add("customer_count", DataTypes.LongType, false)
          .add("share", DataTypes.DoubleType, false) // of all journeys
          .add("is_other", DataTypes.BooleanType, false);

  /** One row per customer of {@code journeys}: customer_id, variant, phase_count. */
  public static Dataset<Row> customerVariants(Dataset<Row> journeys, Dataset<Row> visits) {
    return customerVariantsOf(journeys, sequences(visits));
  }

  /**
   * One row per customer with a visit: customer_id, variant, phase_count (the per-customer half of
   * {@link #customerVariants}, which adds the customers without steps).
   */
  public static Dataset<Row> sequences(Dataset<Row> visits) {
    // Only the first MAX_PHASES visits are collected: a customer with a million alternating steps
    // would otherwise build a million-element array and a string to match.
    return visits.groupBy("customer_id")
            .agg(
                sort_array(collect_list(when(col("visit_index").leq(MAX_PHASES), struct(col("visit_index"), col("phase")))))
                    .as("_visits"),
                max(col("visit_index")).as("phase_count"))
            .select(
                col("customer_id"),
                when(
                        col("phase_count").gt(MAX_PHASES),
                        concat(
                            array_join(col("_visits").getField("phase"), SEPARATOR),
                            lit(SEPARATOR + "… ("),
                            col("phase_count").cast(DataTypes.StringType),
                            lit(" phases)")))
                    .otherwise(array_join(col("_visits").getField("phase"), SEPARATOR))
                    .as("variant"),
                col("phase_count"));
  }

  /** {@link #customerVariants} from {@link #sequences} rows. */
  public static Dataset<Row> customerVariantsOf(Dataset<Row> journeys, Dataset<Row> sequences) {
    return journeys.select("customer_id")
        .join(sequences, "customer_id", "left")
        .select(
            col("customer_id"),
            coalesce(col("variant"), lit(NO_STEPS)).as("variant"),
            coalesce(col("phase_count"), lit(0)).as("phase_count"));
  }

  /** Counts {@link #customerVariants} rows; ranks by count then name, so ties are deterministic. */
  public static Dataset<Row> variants(Dataset<Row> customerVariants, int topN) {
    Dataset<Row> counted =
        customerVariants.groupBy("variant", "phase_count").agg(count(lit(1)).as("customer_count"));
    Dataset<Row> ranked =
        counted
            .withColumn("_rank", row_number().over(Window.orderBy(col("customer_count").desc(), col("variant"))))
            .withColumn("is_other", col("_rank").gt(topN))
            .withColumn("_total", sum(col("customer_count")).over(Window.partitionBy()));
    return ranked
        .groupBy(
            when(col("is_other"), lit(topN + 1)).otherwise(col("_rank")).cast(DataTypes.IntegerType).as("variant_rank"),
            when(col("is_other"), lit(OTHER)).otherwise(col("variant")).as("variant"),
            when(col("is_other"), lit(null).cast(DataTypes.IntegerType)).otherwise(col("phase_count")).as("phase_count"),
            col("is_other"),
            col("_total"))
        .agg(sum(col("customer_count")).as("customer_count"))
        .withColumn("share", col("customer_count").divide(col("_total")))
        .select(Timelines.columns(VARIANTS));
  }
}
