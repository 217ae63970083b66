package io.triangulate.pipelines.lake;

import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The ways Triangulate writes a Delta table. Each is a single Delta commit, so a crash leaves the
 * previous version readable. All but {@link #append} give the same table when repeated with the same
 * input; append is only for logs such as {@code gold/runs}, where a repeat is a new event.
 */
public final class DeltaWrites {
  private DeltaWrites() {}

  /** Replaces the whole table. For derived tables recomputed from their inputs. */
  public static void overwrite(Dataset<Row> rows, String path) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .save(path);
  }

  /** Adds rows (creating the table on first write). Only for append-only logs: repeating it adds them again. */
  public static void append(Dataset<Row> rows, String path) {
    rows.write().format("delta").mode(SaveMode.Append).save(path);
  }

  /**
   * Replaces the rows of one partition value (a run or landing date), leaving other partitions
   * untouched; creates the table partitioned by {@code column} on first write.
   */
  public static void replacePartition(Dataset<Row> rows, String path, String column, String value) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .partitionBy(column)
        .option("replaceWhere", column + " = '" + value.replace("'", "''") + "'")
        .save(path);
  }

  /**
   * Upserts on natural keys: new keys are inserted, existing keys updated only when a value
   * changed, so repeating a merge with the same rows changes no row.
   */
  public static void mergeOnKeys(Dataset<Row> rows, String path, List<String> keys) {
    if (!DeltaTable.isDeltaTable(rows.sparkSession(), path)) {
      rows.write().format("delta").mode(SaveMode.ErrorIfExists).save(path);
      return;
    }
    String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String changed =
        Arrays.stream(rows.columns())
            .filter(c -> !keys.contains(c))
            .map(c -> "NOT (t." + c + " <=> s." + c + ")")
            .collect(Collectors.joining(" OR "));
    var merge = DeltaTable.forPath(rows.sparkSession(), path).as("t").merge(rows.as("s"), on);
    (changed.isEmpty() ? merge : merge.whenMatched(changed).updateAll())
        .whenNotMatched()
        .insertAll()
        .execute();
  }
}
