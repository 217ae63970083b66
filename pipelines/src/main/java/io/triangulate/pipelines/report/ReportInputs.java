package io.triangulate.pipelines.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.triangulate.pipelines.ingest.BronzeSchema;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.lake.Layer;
import io.triangulate.pipelines.spark.SideBySide;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Everything the report shows, read once from the lake: gold result tables of the run date, the
 * claim history of earlier run dates, journey tables, discoveries and data-quality signals.
 *
 * <p>Each Delta table is read at the version that was current when the report started and that
 * version is kept in {@link #versions()}, so the method note can name exactly which commits the
 * numbers come from (and {@code versionAsOf} reproduces them). Only aggregates reach the driver:
 * customer-level tables (say_do) are reduced to counts in Spark.
 */
record ReportInputs(
    List<Row> claims,
    List<Row> segments,
    List<Row> history,
    List<Row> survival,
    List<Row> funnel,
    List<Row> transitions,
    List<Row> loops,
    List<Row> gaps,
    List<Row> sayDo,
    List<Row> coverage,
    List<Row> discoveries,
    List<Row> quarantine,
    List<Row> dataQuality,
    Map<String, Long> versions) {

  /** Written by the data-quality checks (another stage); read only when present. */
  static final LakeTable GOLD_DATA_QUALITY = new LakeTable(Layer.GOLD, "data_quality");

  /** The bronze tables whose rejected rows land in {@code quarantine/<name>}. */
  static final List<LakeTable> QUARANTINED = List.of(LakeTable.BRONZE_CUSTOMERS, LakeTable.BRONZE_TRANSACTIONS,
      LakeTable.BRONZE_CHANNEL_EVENTS, LakeTable.BRONZE_CHURN);

  /** Claim results of the run date only; the caller checks for emptiness before anything else is read. */
  static List<Row> claimsOf(SparkSession spark, Lake lake, LocalDate runDate) {
    return onDate(new Reader(spark, lake, new LinkedHashMap<>()).table(LakeTable.GOLD_CLAIM_RESULTS), runDate);
  }

  /** The tables {@link #read} reads, in the order {@link #versions()} lists them. */
  private static final List<LakeTable> TABLES = Stream.of(
          Stream.of(LakeTable.GOLD_CLAIM_RESULTS, LakeTable.GOLD_SAY_DO, LakeTable.GOLD_SEGMENT_RESULTS,
              LakeTable.GOLD_SURVIVAL_CURVES, LakeTable.GOLD_FUNNEL, LakeTable.GOLD_TRANSITIONS, LakeTable.GOLD_LOOPS,
              LakeTable.GOLD_JOURNEY_GAPS, LakeTable.GOLD_TOUCHPOINT_COVERAGE, LakeTable.GOLD_DISCOVERIES),
          QUARANTINED.stream().map(LakeTable::quarantine),
          Stream.of(GOLD_DATA_QUALITY))
      .flatMap(s -> s)
      .toList();

  static ReportInputs read(SparkSession spark, Lake lake, LocalDate runDate) {
    // 15 small tables: each open (a Delta log replay and a history query) and each collect is
    // mostly driver-side latency, so both rounds run side by side (SideBySide).
    Map<String, Long> found = new ConcurrentHashMap<>();
    Reader reader = new Reader(spark, lake, found);
    List<Dataset<Row>> opened =
        SideBySide.supply(TABLES.stream().map(t -> (Supplier<Dataset<Row>>) () -> reader.table(t)).toList());
    Map<LakeTable, Dataset<Row>> tables = new HashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    for (int i = 0; i < TABLES.size(); i++) {
      LakeTable table = TABLES.get(i);
      if (opened.get(i) != null) {
        tables.put(table, opened.get(i));
        versions.put(table.toString(), found.get(table.toString()));
      }
    }
    Dataset<Row> claimResults = tables.get(LakeTable.GOLD_CLAIM_RESULTS);
    Dataset<Row> sayDo = tables.get(LakeTable.GOLD_SAY_DO);
    List<Supplier<List<Row>>> parts = List.of(
        () -> onDate(claimResults, runDate),
        () -> onDate(tables.get(LakeTable.GOLD_SEGMENT_RESULTS), runDate),
        // One small row per claim and earlier run date: the nightly history lives in the partitions.
        () -> claimResults.where(col("run_date").leq(lit(runDate.toString())))
            .select("run_date", "claim_id", "verdict", "base_rate", "base_ci_low", "base_ci_high", "observed_n",
                "compare_group_n", "compare_versus_n", "compare_risk_difference", "compare_rd_ci_low", "compare_rd_ci_high")
            .orderBy("claim_id", "run_date").collectAsList(),
        () -> onDate(tables.get(LakeTable.GOLD_SURVIVAL_CURVES), runDate),
        () -> collect(tables.get(LakeTable.GOLD_FUNNEL)),
        () -> collect(tables.get(LakeTable.GOLD_TRANSITIONS)),
        () -> collect(tables.get(LakeTable.GOLD_LOOPS)),
        () -> collect(tables.get(LakeTable.GOLD_JOURNEY_GAPS)),
        () -> sayDo == null ? List.of() : sayDo.groupBy("verdict").agg(count(lit(1)).as("customer_count"))
            .orderBy("verdict").collectAsList(),
        () -> collect(tables.get(LakeTable.GOLD_TOUCHPOINT_COVERAGE)),
        () -> onDate(tables.get(LakeTable.GOLD_DISCOVERIES), runDate),
        () -> quarantine(tables, runDate),
        () -> dataQuality(tables.get(GOLD_DATA_QUALITY), runDate));
    List<List<Row>> rows = SideBySide.supply(parts);
    return new ReportInputs(rows.get(0), rows.get(1), rows.get(2), rows.get(3), rows.get(4), rows.get(5), rows.get(6),
        rows.get(7), rows.get(8), rows.get(9), rows.get(10), rows.get(11), rows.get(12), versions);
  }

  /** Rejected rows per source table and rule: landed on the run date, and in all landings up to it. */
  private static List<Row> quarantine(Map<LakeTable, Dataset<Row>> tables, LocalDate runDate) {
    List<Row> out = new ArrayList<>();
    for (LakeTable bronze : QUARANTINED) {
      Dataset<Row> rejects = tables.get(bronze.quarantine());
      if (rejects == null) {
        continue;
      }
      Dataset<Row> upTo = rejects.where(col(BronzeSchema.LANDING_DATE).leq(lit(runDate.toString())));
      for (Row r : upTo.groupBy(col("rule"))
          .agg(count(lit(1)).as("total"),
              count(org.apache.spark.sql.functions.when(col(BronzeSchema.LANDING_DATE).equalTo(lit(runDate.toString())), lit(1)))
                  .as("on_date"))
          .orderBy("rule").collectAsList()) {
        out.add(org.apache.spark.sql.RowFactory.create(bronze.name(), r.getString(0), r.getLong(2), r.getLong(1)));
      }
    }
    return out;
  }

  /** Failed checks of the run date from {@code gold/data_quality}, every column as text (its types may still move). */
  private static List<Row> dataQuality(Dataset<Row> checks, LocalDate runDate) {
    if (checks == null) {
      return null;
    }
    List<String> wanted = List.of("table_name", "check_id", "severity", "metric_name", "metric_value", "threshold", "message");
    for (String c : List.of("as_of_date", "status")) {
      if (!List.of(checks.columns()).contains(c)) {
        return null;
      }
    }
    org.apache.spark.sql.Column[] select = wanted.stream()
        .map(c -> List.of(checks.columns()).contains(c) ? col(c).cast("string").as(c) : lit(null).cast("string").as(c))
        .toArray(org.apache.spark.sql.Column[]::new);
    return checks.where(col("as_of_date").cast("string").equalTo(lit(runDate.toString())).and(col("status").equalTo(lit("failed"))))
        .select(select).orderBy("table_name", "check_id").collectAsList();
  }

  private static List<Row> onDate(Dataset<Row> table, LocalDate runDate) {
    return table == null ? List.of() : table.where(col("run_date").equalTo(lit(runDate.toString()))).collectAsList();
  }

  private static List<Row> collect(Dataset<Row> table) {
    return table == null ? List.of() : table.collectAsList();
  }

  /** Reads a table at its current version and remembers that version; null when the table does not exist. */
  private record Reader(SparkSession spark, Lake lake, Map<String, Long> versions) {
    Dataset<Row> table(LakeTable table) {
      String path = lake.path(table);
      if (!DeltaTable.isDeltaTable(spark, path)) {
        return null;
      }
      long version = DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
      versions.put(table.toString(), version);
      return spark.read().format("delta").option("versionAsOf", version).load(path);
    }
  }
}
