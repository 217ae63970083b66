package io.triangulate.pipelines.quality;

import io.triangulate.pipelines.lake.LakeTable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One declarative data-quality check on one lake table, as read from a quality YAML file
 * (docs/quality.md). Which parameters are set depends on the {@link Kind}; the others are null.
 *
 * @param id unique snake_case id; the key of the check's rows in {@code gold/data_quality}
 * @param table the table checked
 * @param kind what is measured
 * @param severity {@link Severity#ERROR} stops the nightly when the check fails, {@link Severity#WARN} is only reported
 * @param description one sentence on why the check exists, for the report
 * @param columns the column (one) or, for uniqueness, the columns that together must be unique
 * @param minFraction completeness, uniqueness, allowed values: lowest acceptable fraction (0..1)
 * @param min range: lowest allowed value, or null
 * @param max range: highest allowed value, or null
 * @param allowedValues allowed values: the values a non-null cell may take
 * @param maxAgeDays freshness: most days the newest timestamp may lie before the end of the run date
 * @param maxDropFraction row-count drop: largest acceptable drop vs the previous run's row count (0..1)
 */
public record QualityCheck(
    String id,
    LakeTable table,
    Kind kind,
    Severity severity,
    String description,
    List<String> columns,
    Double minFraction,
    Double min,
    Double max,
    List<String> allowedValues,
    Double maxAgeDays,
    Double maxDropFraction) {

  /** What a check measures; {@link #yamlName()} is its {@code kind:} in YAML and {@code check_kind} in the table. */
  public enum Kind {
    COMPLETENESS,
    UNIQUENESS,
    RANGE,
    ALLOWED_VALUES,
    FRESHNESS,
    ROW_COUNT_DROP;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a failure is treated: an error stops the nightly after the results are written, a warning is printed. */
  public enum Severity {
    ERROR,
    WARN;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public QualityCheck {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    description = description == null ? "" : description;
    columns = columns == null ? List.of() : List.copyOf(columns);
    allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
  }

  /** The single column of a one-column check. */
  public String column() {
    return columns.get(0);
  }

  /** Default threshold of completeness, uniqueness and allowed values: every row. */
  public double minFractionOrAll() {
    return minFraction == null ? 1.0 : minFraction;
  }
}
