package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaTable;
import io.triangulate.pipelines.lake.DeltaWrites;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Merges validated rows into a silver table on the natural key. Delegates to
 * {@link DeltaWrites#mergeOnKeys}, except for tables with a map column: Spark cannot compare maps
 * with {@code <=>}, so there the "value changed" test compares the maps' sorted entries instead.
 * Same semantics: new keys inserted, existing keys updated only when a value changed.
 */
public final class SilverMerge {
  private SilverMerge() {}

  public static void mergeOnKeys(Dataset<Row> rows, String path, List<String> keys) {
    boolean hasMap = Arrays.stream(rows.schema().fields()).anyMatch(f -> f.dataType() instanceof MapType);
    if (!hasMap) {
      DeltaWrites.mergeOnKeys(rows, path, keys);
      return;
    }
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
        changed = changed.or(not(comparable(col("t." + field.name()), field.dataType())
            .eqNullSafe(comparable(col("s." + field.name()), field.dataType()))));
      }
    }
    DeltaTable.forPath(rows.sparkSession(), path).as("t")
        .merge(rows.as("s"), on)
        .whenMatched(changed).updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  private static Column comparable(Column value, DataType type) {
    return type instanceof MapType ? array_sort(map_entries(value)) : value;
  }
}
