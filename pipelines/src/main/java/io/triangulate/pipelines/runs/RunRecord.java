package io.triangulate.pipelines.runs;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One stage execution as recorded in {@code gold/runs}. Counts a stage does not have are null
 * (e.g. report has no rows in), never 0, so "nothing" and "not applicable" stay distinct.
 *
 * @param runId shared by every stage of one command invocation (a nightly's stages share one)
 * @param runDate the landing date the stage ran for; null for stages without a date (code-interviews)
 * @param stage stage name, e.g. {@code ingest}, {@code code_interviews}
 * @param rowsIn rows the stage read, or null
 * @param rowsOut rows the stage wrote (or results it produced), or null
 * @param quarantined rows rejected (ingest) or transcripts that failed to code, or null
 * @param sparkAppId {@code SparkContext.applicationId()}: finds the stage in the Spark history server
 * @param status {@link #SUCCEEDED} or {@link #FAILED}
 * @param error the failure's message when failed, else null
 */
public record RunRecord(
    String runId,
    LocalDate runDate,
    String stage,
    Long rowsIn,
    Long rowsOut,
    Long quarantined,
    long durationMs,
    String sparkAppId,
    String status,
    Instant startedAt,
    Instant finishedAt,
    String error) {
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** The row in {@link RunsTable#SCHEMA} column order. */
  public Row toRow() {
    return RowFactory.create(
        runId,
        runDate == null ? null : Date.valueOf(runDate),
        stage,
        rowsIn,
        rowsOut,
        quarantined,
        durationMs,
        sparkAppId,
        status,
        Timestamp.from(startedAt),
        Timestamp.from(finishedAt),
        error);
  }

  /** One line for logs, e.g. {@code run r1 journeys 2026-06-30 succeeded in 1.2 s: in=- out=2000 quarantined=- app=local-1}. */
  public String summaryLine() {
    return String.format(
        "run %s %s %s %s in %.1f s: in=%s out=%s quarantined=%s app=%s%s",
        runId,
        stage,
        runDate == null ? "-" : runDate,
        status,
        durationMs / 1000.0,
        dash(rowsIn),
        dash(rowsOut),
        dash(quarantined),
        dash(sparkAppId),
        error == null ? "" : " error=" + error.replace('\n', ' '));
  }

  private static String dash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
