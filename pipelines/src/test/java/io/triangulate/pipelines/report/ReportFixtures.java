package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.claims.ClaimFixtures.OBSERVED_UNTIL;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.claims.ClaimResultSchema;
import io.triangulate.pipelines.claims.Discoveries;
import io.triangulate.pipelines.ingest.Quarantine;
import io.triangulate.pipelines.journeys.Funnels;
import io.triangulate.pipelines.journeys.Gaps;
import io.triangulate.pipelines.journeys.Loops;
import io.triangulate.pipelines.journeys.SayDo;
import io.triangulate.pipelines.journeys.Transitions;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The report's other inputs next to ValidationWorld's claim results, small enough to check by hand
 * (k = 20 unless said otherwise):
 *
 * <ul>
 *   <li>{@link #PREVIOUS}: the day before, quick_churn was inconclusive at 30% (95% CI 25–35%), so
 *       today's 20% is a verdict flip and a move outside the interval; half_churn did not exist yet.
 *       {@link #EARLIER}, a day before that, quick_churn was inconclusive at 25% (95% CI 20–30%) and
 *       the other claims as today: three runs for the trend charts, one for half_churn.
 *   <li>Funnel awareness 120 → consideration 100 → purchase 90 → onboarding 12 → usage 10 (the last
 *       two below k). Transitions: 8 edges with ≥ 20 customers, 2 below; loops: support → usage 25,
 *       usage → consideration 4; gaps: purchase → usage 40 customers, usage → support 3.
 *   <li>say_do: 25 agree, 3 contradict (C0001–C0028). Touchpoint sales_rep is not covered.
 *   <li>Discoveries: web (60 customers) and store (15, below k). Quarantine: transactions, 2 type
 *       rejects on the run date and 1 required reject earlier. data_quality: one failed check, one passed.
 * </ul>
 */
final class ReportFixtures {
  private ReportFixtures() {}

  static final java.time.LocalDate PREVIOUS = OBSERVED_UNTIL.minusDays(1);
  static final java.time.LocalDate EARLIER = OBSERVED_UNTIL.minusDays(2);

  static void writeAll(SparkSession spark, Lake lake) {
    Dataset<Row> today = lake.read(spark, LakeTable.GOLD_CLAIM_RESULTS).where(col("run_date").equalTo(lit(OBSERVED_UNTIL.toString())));
    Column quick = col("claim_id").equalTo(lit("quick_churn"));
    for (java.time.LocalDate date : List.of(EARLIER, PREVIOUS)) {
      double rate = date.equals(PREVIOUS) ? 0.30 : 0.25;
      Dataset<Row> before = today.where(col("claim_id").notEqual(lit("half_churn")))
          .withColumn("run_date", lit(date.toString()))
          .withColumn("verdict", when(quick, lit("inconclusive")).otherwise(col("verdict")))
          .withColumn("base_rate", when(quick, lit(rate)).otherwise(col("base_rate")))
          .withColumn("base_ci_low", when(quick, lit(rate - 0.05)).otherwise(col("base_ci_low")))
          .withColumn("base_ci_high", when(quick, lit(rate + 0.05)).otherwise(col("base_ci_high")));
      DeltaWrites.replacePartition(select(before, ClaimResultSchema.CLAIM_RESULTS), lake.path(LakeTable.GOLD_CLAIM_RESULTS),
          "run_date", date.toString());
    }

    write(spark, lake, LakeTable.GOLD_FUNNEL, Funnels.FUNNEL, List.of(
        RowFactory.create(1, "awareness", 120L, 20L, null, 1.0, 365),
        RowFactory.create(2, "consideration", 100L, 10L, 100 / 120.0, 100 / 120.0, 365),
        RowFactory.create(3, "purchase", 90L, 78L, 0.9, 0.75, 365),
        RowFactory.create(4, "onboarding", 12L, 2L, 12 / 90.0, 0.1, 365),
        RowFactory.create(5, "usage", 10L, 0L, 10 / 12.0, 10 / 120.0, 365)));
    write(spark, lake, LakeTable.GOLD_TRANSITIONS, Transitions.TRANSITIONS, List.of(
        edge("start", "awareness", 120, null), edge("awareness", "consideration", 100, 12.0),
        edge("consideration", "purchase", 90, 30.0), edge("purchase", "usage", 80, 48.0),
        edge("usage", "support", 30, 200.0), edge("support", "usage", 25, 20.0), edge("usage", "end", 70, null),
        edge("awareness", "end", 20, null), edge("support", "end", 5, null), edge("consideration", "end", 10, null)));
    write(spark, lake, LakeTable.GOLD_LOOPS, Loops.LOOPS, List.of(
        RowFactory.create("support", "usage", 25L, 31L), RowFactory.create("usage", "consideration", 4L, 4L)));
    write(spark, lake, LakeTable.GOLD_JOURNEY_GAPS, Gaps.JOURNEY_GAPS, List.of(
        RowFactory.create("purchase", "usage", 40L, 44L, 41.5, 120.0, 30),
        RowFactory.create("usage", "support", 3L, 3L, 35.0, 60.0, 30)));
    write(spark, lake, LakeTable.GOLD_TOUCHPOINT_COVERAGE, Gaps.TOUCHPOINT_COVERAGE, List.of(
        RowFactory.create("website", "web", 4L, 6L, 500L, true), RowFactory.create("sales_rep", null, 3L, 3L, 0L, false)));
    List<Row> sayDo = new ArrayList<>();
    for (int i = 1; i <= 28; i++) {
      sayDo.add(RowFactory.create(String.format("C%04d", i), List.of("I" + i), 1L, 0L, "stopped", 60, null, null, 0L, null,
          i <= 25, i <= 25 ? "agrees" : "contradicts"));
    }
    write(spark, lake, LakeTable.GOLD_SAY_DO, SayDo.SAY_DO, sayDo);
    write(spark, lake, LakeTable.GOLD_DISCOVERIES, Discoveries.DISCOVERIES, List.of(
        discovery("quick_churn__acquisition_channel__web", "web", 60L, 0.001, 29L),
        discovery("quick_churn__acquisition_channel__store", "store", 15L, 0.01, 44L)));
    write(spark, lake, LakeTable.BRONZE_TRANSACTIONS.quarantine(), Quarantine.SCHEMA, List.of(
        RowFactory.create("{\"customer_id\":\"C0042\",\"amount\":\"x\"}", "type", "amount is not a number", "t.csv", "r1",
            OBSERVED_UNTIL.toString()),
        RowFactory.create("{\"customer_id\":\"C0043\",\"amount\":\"y\"}", "type", "amount is not a number", "t.csv", "r1",
            OBSERVED_UNTIL.toString()),
        RowFactory.create("{\"amount\":\"3\"}", "required", "customer_id is empty", "t.csv", "r0", PREVIOUS.toString())));
    StructType checks = new StructType().add("run_id", DataTypes.StringType).add("as_of_date", DataTypes.DateType)
        .add("table_name", DataTypes.StringType).add("check_id", DataTypes.StringType).add("check_kind", DataTypes.StringType)
        .add("severity", DataTypes.StringType).add("status", DataTypes.StringType).add("metric_name", DataTypes.StringType)
        .add("metric_value", DataTypes.DoubleType).add("threshold", DataTypes.DoubleType).add("message", DataTypes.StringType)
        .add("checked_at", DataTypes.TimestampType);
    Date asOf = Date.valueOf(OBSERVED_UNTIL);
    Timestamp at = Timestamp.valueOf("2026-07-01 02:00:00");
    write(spark, lake, ReportInputs.GOLD_DATA_QUALITY, checks, List.of(
        RowFactory.create("r1", asOf, "silver/transactions", "amount_not_negative", "range", "error", "failed",
            "negative_share", 0.02, 0.0, "2% of amounts are negative", at),
        RowFactory.create("r1", asOf, "silver/customers", "customer_id_unique", "uniqueness", "error", "passed",
            "duplicate_share", 0.0, 0.0, "no duplicates", at)));
  }

  private static Row edge(String from, String to, long customers, Double hours) {
    return RowFactory.create(from, to, customers, customers + 2, hours, hours == null ? null : hours * 3);
  }

  private static Row discovery(String id, String value, long n, double q, long needed) {
    return RowFactory.create(OBSERVED_UNTIL.toString(), id, "acquisition_channel", value, "churn_90d", n, n / 2, 0.5, 40L, 0.1,
        3.1, q / 2, q, 0.1, needed, 0L);
  }

  private static void write(SparkSession spark, Lake lake, LakeTable table, StructType schema, List<Row> rows) {
    DeltaWrites.overwrite(select(spark.createDataFrame(rows, schema), schema), lake.path(table));
  }

  private static Dataset<Row> select(Dataset<Row> rows, StructType schema) {
    return rows.select(Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }
}
