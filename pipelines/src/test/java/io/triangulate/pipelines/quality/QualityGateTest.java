package io.triangulate.pipelines.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.lake.Layer;
import io.triangulate.pipelines.quality.CheckOutcome.Status;
import io.triangulate.pipelines.quality.QualityGate.QualityGateException;
import io.triangulate.pipelines.quality.QualityGate.Result;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on hand-built tables: every kind of check passes and fails with hand-checkable metrics,
 * results land in gold/data_quality once per date, row-count drops are measured against the
 * previous run, and only error-level failures block. One lake for the class.
 */
class QualityGateTest extends SparkTestBase {
  @TempDir static Path lakeDir;
  private static Lake lake;

  private static final LakeTable PEOPLE = new LakeTable(Layer.SILVER, "people");
  private static final LakeTable SHRINKING = new LakeTable(Layer.SILVER, "shrinking");
  private static final StructType PEOPLE_SCHEMA =
      new StructType()
          .add("person_id", DataTypes.StringType)
          .add("order_id", DataTypes.StringType)
          .add("region", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("score", DataTypes.IntegerType)
          .add("seen_at", DataTypes.TimestampType);

  /** The checks of the first test; "_ok" ones pass, "_bad" ones fail, all warn but one error that passes. */
  private static final String KINDS =
      """
      optional_tables: [silver/not_yet]
      checks:
        - {id: seen_complete_ok, table: silver/people, kind: completeness, column: seen_at, severity: error, description: d}
        - {id: region_complete_bad, table: silver/people, kind: completeness, column: region, min_fraction: 0.9, severity: warn, description: d}
        - {id: region_complete_ok, table: silver/people, kind: completeness, column: region, min_fraction: 0.7, severity: warn, description: d}
        - {id: order_unique_ok, table: silver/people, kind: uniqueness, columns: [order_id], severity: warn, description: d}
        - {id: person_unique_bad, table: silver/people, kind: uniqueness, columns: [person_id], severity: warn, description: d}
        - {id: pair_unique_ok, table: silver/people, kind: uniqueness, columns: [person_id, order_id], severity: warn, description: d}
        - {id: score_range_ok, table: silver/people, kind: range, column: score, min: 0, max: 10, severity: warn, description: d}
        - {id: score_range_bad, table: silver/people, kind: range, column: score, min: 2, max: 9, severity: warn, description: d}
        - {id: channel_allowed_ok, table: silver/people, kind: allowed_values, column: channel, values: [web, app, fax], severity: warn, description: d}
        - {id: channel_allowed_bad, table: silver/people, kind: allowed_values, column: channel, values: [web, app], severity: warn, description: d}
        - {id: seen_fresh_ok, table: silver/people, kind: freshness, column: seen_at, max_age_days: 2, severity: warn, description: d}
        - {id: seen_fresh_bad, table: silver/people, kind: freshness, column: seen_at, max_age_days: 1, severity: warn, description: d}
        - {id: people_count_ok, table: silver/people, kind: row_count_drop, max_drop_fraction: 0.1, severity: warn, description: d}
        - {id: missing_column_bad, table: silver/people, kind: completeness, column: email, severity: warn, description: d}
        - {id: text_range_bad, table: silver/people, kind: range, column: channel, min: 0, severity: warn, description: d}
        - {id: optional_skipped, table: silver/not_yet, kind: row_count_drop, max_drop_fraction: 0.1, severity: error, description: d}
        - {id: required_missing_bad, table: silver/never_written, kind: completeness, column: x, severity: warn, description: d}
      """;

  @BeforeAll
  static void writeTables() {
    lake = new Lake(lakeDir.toString());
    // 4 rows: person P3 twice, one null region, channel fax once, scores 1..10, newest seen_at 1.5 days before 2026-07-01.
    List<Row> people = List.of(
        RowFactory.create("P1", "O1", "north", "web", 1, ts("2026-06-20T00:00:00Z")),
        RowFactory.create("P2", "O2", "south", "app", 5, ts("2026-06-25T08:00:00Z")),
        RowFactory.create("P3", "O3", null, "fax", 7, ts("2026-06-29T12:00:00Z")),
        RowFactory.create("P3", "O4", "east", "web", 10, ts("2026-06-28T00:00:00Z")));
    DeltaWrites.overwrite(spark.createDataFrame(people, PEOPLE_SCHEMA), lake.path(PEOPLE));
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static QualityChecks checks(String yaml) {
    return QualityChecksReader.parse("test.yaml", yaml);
  }

  private static Map<String, CheckOutcome> byKey(Result result) {
    return result.outcomes().stream().collect(Collectors.toMap(o -> o.check().id() + "/" + o.metricName(), Function.identity()));
  }

  @Test
  void everyKindPassesAndFailsOnAHandBuiltTable() {
    Result result = QualityGate.run(spark, lake, LocalDate.parse("2026-06-30"), checks(KINDS));
    Map<String, CheckOutcome> outcomes = byKey(result);
    for (CheckOutcome outcome : result.outcomes()) {
      String id = outcome.check().id();
      Status expected = id.endsWith("_ok") ? Status.PASSED : id.endsWith("_bad") ? Status.FAILED : Status.SKIPPED;
      if (!id.equals("score_range_bad") || outcome.metricName().equals("maximum")) {
        assertThat(outcome.status()).as("%s %s: %s", id, outcome.metricName(), outcome.message()).isEqualTo(expected);
      }
    }
    assertThat(outcomes.get("region_complete_bad/completeness").metricValue()).as("3 of 4 regions").isEqualTo(0.75);
    assertThat(outcomes.get("person_unique_bad/uniqueness").metricValue()).as("P1, P2 occur once in 4 rows").isEqualTo(0.5);
    assertThat(outcomes.get("score_range_bad/minimum").status()).as("minimum 1 < 2").isEqualTo(Status.FAILED);
    assertThat(outcomes.get("score_range_bad/minimum").metricValue()).as("minimum score").isEqualTo(1.0);
    assertThat(outcomes.get("score_range_bad/maximum").metricValue()).as("maximum score").isEqualTo(10.0);
    assertThat(outcomes.get("channel_allowed_bad/allowed_fraction").metricValue()).as("fax is not allowed").isEqualTo(0.75);
    assertThat(outcomes.get("seen_fresh_bad/age_days").metricValue()).as("newest 2026-06-29 12:00 vs end of 2026-06-30").isEqualTo(1.5);
    assertThat(outcomes.get("seen_fresh_bad/age_days").message()).as("message").contains("expected ≤ 1 days");
    assertThat(outcomes.get("people_count_ok/row_count").metricValue()).as("row count").isEqualTo(4.0);
    assertThat(outcomes.get("missing_column_bad/completeness").message()).as("missing column")
        .contains("column email not found in silver/people");
    assertThat(outcomes.get("missing_column_bad/completeness").metricValue()).as("nothing measured").isNull();
    assertThat(outcomes.get("text_range_bad/minimum").message()).as("range on text").contains("needs a numeric column");
    assertThat(outcomes.get("required_missing_bad/completeness").message()).as("required table").contains("does not exist");
    assertThat(result.passed()).as("only warn checks failed: the gate passes").isTrue();
    assertThat(result.warnings()).as("failed warn checks").hasSize(9);

    Dataset<Row> written = lake.read(spark, LakeTable.GOLD_DATA_QUALITY);
    assertThat(written.columns()).as("columns of gold/data_quality").containsExactly(DataQualityTable.SCHEMA.fieldNames());
    assertThat(written.where("as_of_date = '2026-06-30'").count()).as("one row per check and metric").isEqualTo(result.outcomes().size());
    Row row = written.where("as_of_date = '2026-06-30' AND check_id = 'region_complete_bad'").first();
    assertThat(List.of(row.getAs("table_name"), row.getAs("check_kind"), row.getAs("severity"), row.getAs("status"),
            row.getAs("metric_name"), row.getAs("threshold"), row.getAs("run_id")))
        .as("a written row").containsExactly("silver/people", "completeness", "warn", "failed", "completeness", "≥ 0.9", result.runId());
  }

  @Test
  void rerunningADateReplacesItsRows() {
    LocalDate date = LocalDate.parse("2026-05-01");
    QualityChecks checks = checks(
        """
        checks:
          - {id: region_complete, table: silver/people, kind: completeness, column: region, min_fraction: 0.9, severity: warn, description: d}
          - {id: people_count, table: silver/people, kind: row_count_drop, max_drop_fraction: 0.1, severity: error, description: d}
        """);
    Result first = QualityGate.run(spark, lake, date, checks);
    Result second = QualityGate.run(spark, lake, date, checks);
    Dataset<Row> rows = lake.read(spark, LakeTable.GOLD_DATA_QUALITY).where("as_of_date = '2026-05-01'");
    assertThat(rows.count()).as("one set of rows for the date after a rerun").isEqualTo(second.outcomes().size());
    assertThat(rows.select("run_id").distinct().collectAsList()).as("rows of the latest run")
        .extracting(r -> r.getString(0)).containsExactly(second.runId());
    assertThat(first.outcomes()).as("same outcomes on rerun").isEqualTo(second.outcomes());
  }

  @Test
  void rowCountDropAgainstThePreviousRunBlocksWhenError() {
    String yaml =
        """
        checks:
          - {id: shrinking_count, table: silver/shrinking, kind: row_count_drop, max_drop_fraction: 0.2, severity: error, description: d}
          - {id: shrinking_ids, table: silver/shrinking, kind: completeness, column: id, severity: warn, description: d}
        """;
    writeIds(10);
    Result baseline = QualityGate.run(spark, lake, LocalDate.parse("2026-04-01"), checks(yaml));
    assertThat(baseline.passed()).as("first run records the baseline: %s", baseline.outcomes()).isTrue();
    assertThat(baseline.outcomes().get(0).threshold()).as("no history yet").isEqualTo("no previous run");

    writeIds(7);
    Result dropped = QualityGate.run(spark, lake, LocalDate.parse("2026-04-02"), checks(yaml));
    CheckOutcome count = dropped.outcomes().get(0);
    assertThat(count.status()).as("7 rows after 10: a 30%% drop > 20%%").isEqualTo(Status.FAILED);
    assertThat(count.threshold()).as("threshold names the previous run").isEqualTo("≥ 8 (previous 10 on 2026-04-01, max drop 20%)");
    assertThat(dropped.passed()).as("an error-level failure fails the gate").isFalse();
    assertThat(lake.read(spark, LakeTable.GOLD_DATA_QUALITY).where("as_of_date = '2026-04-02' AND status = 'failed'").count())
        .as("the failure is written before the gate fails").isEqualTo(1);
    assertThatThrownBy(dropped::requirePassed)
        .isInstanceOf(QualityGateException.class)
        .hasMessageContaining("1 error-level check(s) failed")
        .hasMessageContaining("silver/shrinking shrinking_count: row_count 7 vs ≥ 8 (previous 10 on 2026-04-01, max drop 20%)");
  }

  private static void writeIds(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create("id" + i));
    }
    DeltaWrites.overwrite(spark.createDataFrame(rows, new StructType().add("id", DataTypes.StringType)), lake.path(SHRINKING));
  }
}
