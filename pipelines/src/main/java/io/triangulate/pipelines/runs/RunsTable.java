package io.triangulate.pipelines.runs;

import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/runs}: an append-only log with one row per stage execution. Unlike every other table
 * it grows on rerun (a rerun is a new run worth recording), so rerun comparisons must skip it.
 */
public final class RunsTable {
  private RunsTable() {}

  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("run_date", DataTypes.DateType, true)
          .add("stage", DataTypes.StringType, false)
          .add("rows_in", DataTypes.LongType, true)
          .add("rows_out", DataTypes.LongType, true)
          .add("quarantined", DataTypes.LongType, true)
          .add("duration_ms", DataTypes.LongType, false)
          .add("spark_app_id", DataTypes.StringType, true)
          .add("status", DataTypes.StringType, false)
          .add("started_at", DataTypes.TimestampType, false)
          .add("finished_at", DataTypes.TimestampType, false)
          .add("error", DataTypes.StringType, true);

  /** Attempts per append: the Airflow DAG runs stages in parallel, and two first writers race to create the table. */
  static final int ATTEMPTS = 3;

  /** The records as a DataFrame in {@link #SCHEMA}. */
  public static Dataset<Row> rows(SparkSession spark, List<RunRecord> records) {
    return spark.createDataFrame(records.stream().map(RunRecord::toRow).toList(), SCHEMA);
  }

  /**
   * Appends the records (one Delta commit). Blind appends never conflict with each other in Delta;
   * only the creation of the table can, so a failed attempt is retried.
   */
  public static void append(SparkSession spark, Lake lake, List<RunRecord> records) {
    Dataset<Row> rows = rows(spark, records);
    String path = lake.path(LakeTable.GOLD_RUNS);
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        DeltaWrites.append(rows, path);
        return;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw last;
  }
}
