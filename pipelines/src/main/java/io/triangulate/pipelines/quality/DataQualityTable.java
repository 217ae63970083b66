package io.triangulate.pipelines.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/data_quality}: one row per check and metric per nightly date, partitioned by
 * {@code as_of_date} and replaced per date, so a rerun leaves one set of rows for its date (only
 * {@code run_id} and {@code checked_at} change). Earlier dates are the history that row-count drops
 * are measured against.
 */
public final class DataQualityTable {
  private DataQualityTable() {}

  public static final String PARTITION_COLUMN = "as_of_date";

  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add(PARTITION_COLUMN, DataTypes.DateType, false) // the nightly's date
          .add("table_name", DataTypes.StringType, false) // layer/name, e.g. silver/customers
          .add("check_id", DataTypes.StringType, false)
          .add("check_kind", DataTypes.StringType, false)
          .add("severity", DataTypes.StringType, false) // error | warn
          .add("status", DataTypes.StringType, false) // passed | failed | skipped
          .add("metric_name", DataTypes.StringType, false)
          .add("metric_value", DataTypes.DoubleType, true) // null when not measurable
          .add("threshold", DataTypes.StringType, false)
          .add("message", DataTypes.StringType, false)
          .add("checked_at", DataTypes.TimestampType, false);

  /** The metric of row-count checks; its value on earlier dates is the baseline of a drop. */
  static final String ROW_COUNT_METRIC = "row_count";

  /** A row count recorded by an earlier nightly. */
  public record PreviousCount(LocalDate asOfDate, long rowCount) {}

  /** Replaces the rows of {@code asOfDate} with {@code rows} (one Delta commit). */
  public static void write(SparkSession spark, Lake lake, LocalDate asOfDate, List<Row> rows) {
    // A few dozen rows per date: one file, not one per local partition.
    DeltaWrites.replacePartition(spark.createDataFrame(rows, SCHEMA).coalesce(1), lake.path(LakeTable.GOLD_DATA_QUALITY),
        PARTITION_COLUMN, asOfDate.toString());
  }

  /**
   * The latest row count recorded before {@code date}, per table name ({@code silver/customers}).
   * Only earlier dates count, so rerunning a date never compares it with itself.
   */
  public static Map<String, PreviousCount> previousRowCounts(SparkSession spark, Lake lake, LocalDate date) {
    Map<String, PreviousCount> latest = new HashMap<>();
    if (!lake.exists(spark, LakeTable.GOLD_DATA_QUALITY)) {
      return latest;
    }
    List<Row> rows =
        lake.read(spark, LakeTable.GOLD_DATA_QUALITY)
            .where(col("metric_name").equalTo(lit(ROW_COUNT_METRIC))
                .and(col(PARTITION_COLUMN).lt(lit(Date.valueOf(date))))
                .and(col("metric_value").isNotNull()))
            .select("table_name", PARTITION_COLUMN, "metric_value")
            .collectAsList();
    for (Row row : rows) {
      PreviousCount candidate = new PreviousCount(row.getDate(1).toLocalDate(), Math.round(row.getDouble(2)));
      latest.merge(row.getString(0), candidate, (a, b) -> a.asOfDate().isAfter(b.asOfDate()) ? a : b);
    }
    return latest;
  }
}
