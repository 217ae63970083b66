package io.triangulate.pipelines.lake;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
    replacePartition(rows, path, column, value, Map.of());
  }

  /**
   * {@link #replacePartition(Dataset, String, String, String)} that, when it creates the table, gives
   * it {@code tableProperties} ({@code delta.*} names, e.g. {@code delta.dataSkippingNumIndexedCols});
   * an existing table keeps its own.
   */
  public static void replacePartition(
      Dataset<Row> rows, String path, String column, String value, Map<String, String> tableProperties) {
    rows.write()
        .format("delta")
        // Delta takes delta.* writer options as table properties of the table the write creates.
        .options(tableProperties)
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

  /** Most writes {@link #concurrently} keeps in flight; more only queue for the same cores. */
  static final int MAX_CONCURRENT_WRITES = 4;

  /**
   * Runs independent writes side by side and returns when all have ended. A stage that writes many
   * small tables spends most of each write in driver-side Delta commit work (log listing, checkpoint,
   * JSON) while the cores idle, so overlapping the writes shortens the stage; on big tables their
   * tasks share the cores as one job's would. Each write stays its own atomic commit, as when run one
   * after another. Every write runs to its end even when another fails; then the first failure is
   * rethrown as it was thrown, the others attached as suppressed.
   */
  public static void concurrently(List<Runnable> writes) {
    if (writes.size() <= 1) {
      writes.forEach(Runnable::run);
      return;
    }
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(writes.size(), MAX_CONCURRENT_WRITES),
            task -> {
              // Spark's active session is inherited from the creating (driver) thread.
              Thread thread = new Thread(task, "triangulate-write-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable write : writes) {
        futures.add(pool.submit(write));
      }
      RuntimeException first = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          RuntimeException failure = asRuntime(e.getCause());
          if (first == null) {
            first = failure;
          } else {
            first.addSuppressed(failure);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for table writes", e);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static RuntimeException asRuntime(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}
