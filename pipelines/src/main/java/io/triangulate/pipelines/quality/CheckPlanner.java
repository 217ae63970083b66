package io.triangulate.pipelines.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.triangulate.pipelines.quality.CheckOutcome.Status;
import io.triangulate.pipelines.quality.DataQualityTable.PreviousCount;
import io.triangulate.pipelines.quality.DeequVerifier.Assertion;
import io.triangulate.pipelines.quality.DeequVerifier.Constraint;
import io.triangulate.pipelines.quality.DeequVerifier.Measurement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Turns the checks of one table into Deequ constraints and Deequ's measurements back into
 * {@link CheckOutcome}s. Problems Deequ would only report vaguely (a missing table or column, a
 * range on text) become failed outcomes with a clear message instead of a Deequ error.
 */
final class CheckPlanner {
  private CheckPlanner() {}

  private static final double SECONDS_PER_DAY = 86_400.0;
  /** Prefix of the derived age columns freshness checks add; cannot clash with snake_case contract columns. */
  static final String AGE_COLUMN_PREFIX = "__age_days__";

  /**
   * One metric of one check: range checks have up to two (minimum, maximum), the others one.
   *
   * @param note extra words for the message, e.g. the previous row count
   */
  record Metric(QualityCheck check, String name, String threshold, Assertion assertion, double bound, String note) {
    String key() {
      return check.id() + "/" + name;
    }
  }

  /** The metrics a check measures; {@code previous} is the table's row count on the previous run, or null. */
  static List<Metric> metrics(QualityCheck check, PreviousCount previous) {
    double fraction = check.minFractionOrAll();
    return switch (check.kind()) {
      case COMPLETENESS -> List.of(new Metric(check, "completeness", "≥ " + num(fraction), Assertion.COMPLETENESS_AT_LEAST, fraction, ""));
      case UNIQUENESS -> List.of(new Metric(check, "uniqueness", "≥ " + num(fraction), Assertion.UNIQUENESS_AT_LEAST, fraction, ""));
      case ALLOWED_VALUES -> List.of(new Metric(check, "allowed_fraction", "≥ " + num(fraction) + " in " + check.allowedValues(),
          Assertion.CONTAINED_AT_LEAST, fraction, ""));
      case RANGE -> {
        List<Metric> range = new ArrayList<>();
        if (check.min() != null) {
          range.add(new Metric(check, "minimum", "≥ " + num(check.min()), Assertion.MINIMUM_AT_LEAST, check.min(), ""));
        }
        if (check.max() != null) {
          range.add(new Metric(check, "maximum", "≤ " + num(check.max()), Assertion.MAXIMUM_AT_MOST, check.max(), ""));
        }
        yield List.copyOf(range);
      }
      case FRESHNESS -> List.of(new Metric(check, "age_days", "≤ " + num(check.maxAgeDays()) + " days",
          Assertion.MINIMUM_AT_MOST, check.maxAgeDays(), ""));
      case ROW_COUNT_DROP -> {
        if (previous == null) {
          yield List.of(new Metric(check, DataQualityTable.ROW_COUNT_METRIC, "no previous run", Assertion.SIZE_AT_LEAST, 0,
              "first run: this count is the baseline"));
        }
        long minimum = (long) Math.ceil((1 - check.maxDropFraction()) * previous.rowCount() - 1e-9);
        yield List.of(new Metric(check, DataQualityTable.ROW_COUNT_METRIC,
            String.format(Locale.ROOT, "≥ %d (previous %d on %s, max drop %s)", minimum, previous.rowCount(),
                previous.asOfDate(), percent(check.maxDropFraction())),
            Assertion.SIZE_AT_LEAST, minimum, "previous run on " + previous.asOfDate() + " had " + previous.rowCount() + " rows"));
      }
    };
  }

  /** The Deequ constraint measuring a metric; freshness reads the derived age column {@link #withAgeColumns} adds. */
  static Constraint constraint(Metric metric) {
    QualityCheck check = metric.check();
    List<String> columns = switch (check.kind()) {
      case ROW_COUNT_DROP -> List.of();
      case FRESHNESS -> List.of(ageColumn(check));
      default -> check.columns();
    };
    return new Constraint(metric.key(), metric.assertion(), columns, metric.bound(), check.allowedValues());
  }

  /**
   * Adds, per freshness check, the age in days of each row's timestamp at the end of {@code date}
   * (UTC), so the freshest row has the smallest age and Deequ's minimum is the table's age.
   */
  static Dataset<Row> withAgeColumns(Dataset<Row> data, List<QualityCheck> checks, LocalDate date) {
    long endOfDay = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    Dataset<Row> result = data;
    for (QualityCheck check : checks) {
      if (check.kind() == QualityCheck.Kind.FRESHNESS && problem(check, data.schema()) == null) {
        result = result.withColumn(ageColumn(check),
            lit(endOfDay).minus(col(check.column()).cast("timestamp").cast("double")).divide(SECONDS_PER_DAY));
      }
    }
    return result;
  }

  private static String ageColumn(QualityCheck check) {
    return AGE_COLUMN_PREFIX + check.id();
  }

  /** Why a check cannot be measured on a table with this schema (missing column, wrong type), or null. */
  static String problem(QualityCheck check, StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    for (String column : check.columns()) {
      if (!names.contains(column)) {
        return "column " + column + " not found in " + check.table() + " (columns: " + String.join(", ", names) + ")";
      }
    }
    if (check.kind() == QualityCheck.Kind.RANGE && !(type(schema, check.column()) instanceof NumericType)) {
      return "column " + check.column() + " is " + type(schema, check.column()).simpleString() + "; a range check needs a numeric column";
    }
    if (check.kind() == QualityCheck.Kind.FRESHNESS) {
      DataType type = type(schema, check.column());
      if (!(type instanceof TimestampType || type instanceof TimestampNTZType || type instanceof DateType)) {
        return "column " + check.column() + " is " + type.simpleString() + "; a freshness check needs a timestamp or date column";
      }
    }
    return null;
  }

  private static DataType type(StructType schema, String column) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(column)) {
        return field.dataType();
      }
    }
    throw new IllegalArgumentException(column);
  }

  /** An outcome without measuring: skipped (optional table absent) or failed with the reason. */
  static CheckOutcome unmeasured(Metric metric, Status status, String reason) {
    return new CheckOutcome(metric.check(), metric.name(), null, metric.threshold(), status, reason);
  }

  /** The outcome of a metric Deequ measured. */
  static CheckOutcome outcome(Metric metric, Measurement measured) {
    QualityCheck check = metric.check();
    if (measured.value() == null) {
      return unmeasured(metric, Status.FAILED, metric.name() + " of " + subject(check) + " could not be measured: " + measured.error());
    }
    String value = num(measured.value());
    StringBuilder message = new StringBuilder(metric.name() + " of " + subject(check) + " is " + value);
    if (check.kind() == QualityCheck.Kind.FRESHNESS) {
      message.append(" (newest ").append(check.column()).append(" before the end of the run date)");
    }
    message.append(measured.passed() ? ", within " : ", expected ").append(metric.threshold());
    if (!metric.note().isEmpty()) {
      message.append("; ").append(metric.note());
    }
    return new CheckOutcome(check, metric.name(), measured.value(), metric.threshold(),
        measured.passed() ? Status.PASSED : Status.FAILED, message.toString());
  }

  private static String subject(QualityCheck check) {
    return switch (check.kind()) {
      case ROW_COUNT_DROP -> check.table().toString();
      case UNIQUENESS -> check.table() + " (" + String.join(", ", check.columns()) + ")";
      default -> check.table() + "." + check.column();
    };
  }

  private static String num(double value) {
    return CheckOutcome.format(value);
  }

  private static String percent(double fraction) {
    return num(fraction * 100) + "%";
  }
}
