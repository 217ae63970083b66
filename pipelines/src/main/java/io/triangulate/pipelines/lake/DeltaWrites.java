package io.triangulate.pipelines.lake;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

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
   * Inserts rows into a table that holds none yet (creating it when absent): what {@link #mergeOnKeys}
   * does there, without its join. The caller must know the table is empty.
   */
  public static void insertInto(Dataset<Row> rows, String path) {
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
        // Additive columns (a new result field) must not break a lake written by an older release.
        .option("mergeSchema", "true")
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
    Column on = lit(true);
    for (String key : keys) {
      on = on.and(col("t." + key).equalTo(col("s." + key)));
    }
    Column changed = lit(false);
    for (StructField field : rows.schema().fields()) {
      if (!keys.contains(field.name())) {
        Column target = comparable(col("t." + field.name()), field.dataType());
        Column source = comparable(col("s." + field.name()), field.dataType());
        changed = changed.or(not(target.eqNullSafe(source)));
      }
    }
    DeltaTable.forPath(rows.sparkSession(), path).as("t")
        .merge(rows.as("s"), on)
        .whenMatched(changed).updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  /** Spark cannot compare maps with {@code <=>}; their sorted entries compare the same way. */
  private static Column comparable(Column value, DataType type) {
    return type instanceof MapType ? array_sort(map_entries(value)) : value;
  }
}
