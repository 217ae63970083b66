package io.triangulate.pipelines.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsTableTest extends SparkTestBase {
  @TempDir Path lakeDir;

  private static final Instant T0 = Instant.parse("2026-07-01T00:05:00Z");

  @Test
  void appendsAndKeepsEveryRunIncludingRepeats() {
    Lake lake = new Lake(lakeDir.toString());
    RunRecord ingest =
        new RunRecord("r1", LocalDate.parse("2026-06-30"), "ingest", 120L, 110L, 7L, 1500, "local-1",
            RunRecord.SUCCEEDED, T0, T0.plusMillis(1500), null);
    RunRecord codeFailed =
        new RunRecord("r1", null, "code_interviews", null, null, null, 40, "local-1",
            RunRecord.FAILED, T0.plusSeconds(2), T0.plusSeconds(2).plusMillis(40), "codebook not found");
    RunsTable.append(spark, lake, List.of(ingest, codeFailed));
    RunsTable.append(spark, lake, List.of(ingest));

    List<Row> rows = lake.read(spark, LakeTable.GOLD_RUNS).orderBy("stage", "started_at").collectAsList();
    assertThat(lake.read(spark, LakeTable.GOLD_RUNS).columns()).as("columns of gold/runs")
        .containsExactly(RunsTable.SCHEMA.fieldNames());
    assertThat(rows).as("an append log keeps a repeated record").hasSize(3);
    Row code = rows.get(0);
    assertThat(code.<String>getAs("stage")).isEqualTo("code_interviews");
    assertThat(code.<String>getAs("status")).as("status").isEqualTo("failed");
    assertThat(code.<String>getAs("error")).as("error").isEqualTo("codebook not found");
    assertThat(code.isNullAt(code.fieldIndex("run_date"))).as("code_interviews has no run date").isTrue();
    assertThat(code.isNullAt(code.fieldIndex("rows_out"))).as("unknown counts stay null, not 0").isTrue();
    Row first = rows.get(1);
    assertThat(first.<Long>getAs("rows_in")).as("rows_in").isEqualTo(120L);
    assertThat(first.<Long>getAs("quarantined")).as("quarantined").isEqualTo(7L);
    assertThat(first.<Long>getAs("duration_ms")).as("duration_ms").isEqualTo(1500L);
    assertThat(first.<java.sql.Timestamp>getAs("finished_at").toInstant()).as("finished_at").isEqualTo(T0.plusMillis(1500));
    assertThat(first.getAs("run_date").toString()).as("run_date").isEqualTo("2026-06-30");
  }

  @Test
  void summaryLineSaysStageStatusAndCounts() {
    RunRecord run =
        new RunRecord("r9", LocalDate.parse("2026-06-30"), "journeys", null, 2000L, null, 1234, "app-1",
            RunRecord.SUCCEEDED, T0, T0.plusMillis(1234), null);
    assertThat(run.summaryLine()).as("summary line")
        .isEqualTo("run r9 journeys 2026-06-30 succeeded in 1.2 s: in=- out=2000 quarantined=- app=app-1");
  }
}
