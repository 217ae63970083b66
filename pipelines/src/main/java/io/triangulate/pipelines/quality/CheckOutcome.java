package io.triangulate.pipelines.quality;

import io.triangulate.pipelines.quality.QualityCheck.Severity;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What one check measured on one metric: a row of {@code gold/data_quality} without the run's
 * id, date and time. A range check with both bounds has two outcomes (minimum and maximum).
 *
 * @param check the check
 * @param metricName what was measured, e.g. {@code completeness}, {@code row_count}
 * @param metricValue the measured value, or null when it could not be measured (missing table or column)
 * @param threshold the acceptable values in words, e.g. {@code ≥ 0.99}
 * @param status passed, failed or skipped (an optional table that does not exist yet)
 * @param message one sentence on the result, naming the metric and threshold when failed
 */
public record CheckOutcome(
    QualityCheck check, String metricName, Double metricValue, String threshold, Status status, String message) {

  /** {@code status} in {@code gold/data_quality}. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED;

    public String tableName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public CheckOutcome {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  public boolean isFailed() {
    return status == Status.FAILED;
  }

  /** Failed and of severity error: stops the nightly. */
  public boolean isBlocking() {
    return isFailed() && check.severity() == Severity.ERROR;
  }

  /** The row in {@link DataQualityTable#SCHEMA} column order. */
  public Row toRow(String runId, LocalDate asOfDate, Instant checkedAt) {
    return RowFactory.create(
        runId,
        Date.valueOf(asOfDate),
        check.table().toString(),
        check.id(),
        check.kind().yamlName(),
        check.severity().yamlName(),
        status.tableName(),
        metricName,
        metricValue,
        threshold,
        message,
        Timestamp.from(checkedAt));
  }

  /** One line for logs: status, severity, table, check, metric vs threshold. */
  public String summaryLine() {
    return String.format(Locale.ROOT, "%s %s %s %s: %s %s vs %s%s",
        status.tableName(), check.severity().yamlName(), check.table(), check.id(), metricName,
        metricValue == null ? "n/a" : format(metricValue), threshold, isFailed() ? " (" + message + ")" : "");
  }

  /** Numbers as people write them: no trailing zeros, at most 4 decimals. */
  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.valueOf((long) value);
    }
    return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "");
  }
}
