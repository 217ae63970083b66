package io.triangulate.pipelines.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.pipelines.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaWritesTest extends SparkTestBase {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.StringType, false).add("value", DataTypes.IntegerType, true);

  @TempDir Path lakeDir;

  private Dataset<Row> rows(Object[]... values) {
    return spark.createDataFrame(
        java.util.Arrays.stream(values).map(RowFactory::create).toList(), SCHEMA);
  }

  @Test
  void mergeOnKeysInsertsUpdatesAndIsIdempotent() {
    String path = lakeDir.resolve("silver/t").toString();
    DeltaWrites.mergeOnKeys(rows(new Object[] {"a", 1}, new Object[] {"b", 2}), path, List.of("id"));
    DeltaWrites.mergeOnKeys(rows(new Object[] {"b", 3}, new Object[] {"c", 4}), path, List.of("id"));
    Dataset<Row> expected = rows(new Object[] {"a", 1}, new Object[] {"b", 3}, new Object[] {"c", 4});
    assertSameRows(expected, spark.read().format("delta").load(path));

    long versionBefore = io.delta.tables.DeltaTable.forPath(spark, path).history(1).first().getLong(0);
    DeltaWrites.mergeOnKeys(rows(new Object[] {"b", 3}, new Object[] {"c", 4}), path, List.of("id"));
    assertSameRows(expected, spark.read().format("delta").load(path));
    Row last = io.delta.tables.DeltaTable.forPath(spark, path).history(1).first();
    assertThat(last.getLong(0)).as("a repeated merge still commits a version").isEqualTo(versionBefore + 1);
    assertThat(last.getMap(last.fieldIndex("operationMetrics")).get("numTargetRowsUpdated").get())
        .as("a repeated merge with unchanged values updates no row")
        .isEqualTo("0");
  }

  @Test
  void mergeOnKeysComparesMapColumnsByContent() {
    String path = lakeDir.resolve("silver/m").toString();
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType, false)
            .add("attributes", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true);
    Dataset<Row> first =
        spark.createDataFrame(List.of(RowFactory.create("a", scala.collection.immutable.Map$.MODULE$.<String, String>empty()
            .updated("x", "1").updated("y", "2"))), schema);
    DeltaWrites.mergeOnKeys(first, path, List.of("id"));
    DeltaWrites.mergeOnKeys(first, path, List.of("id"));
    Row last = io.delta.tables.DeltaTable.forPath(spark, path).history(1).first();
    assertThat(last.getMap(last.fieldIndex("operationMetrics")).get("numTargetRowsUpdated").get())
        .as("the same map merged again is not an update")
        .isEqualTo("0");
  }

  @Test
  void replacePartitionLeavesOtherPartitionsAlone() {
    String path = lakeDir.resolve("gold/p").toString();
    StructType schema = SCHEMA.add("run_date", DataTypes.StringType, false);
    Dataset<Row> day1 = spark.createDataFrame(List.of(RowFactory.create("a", 1, "2026-01-01")), schema);
    Dataset<Row> day2 = spark.createDataFrame(List.of(RowFactory.create("a", 2, "2026-01-02")), schema);
    Dataset<Row> day2Again = spark.createDataFrame(List.of(RowFactory.create("a", 5, "2026-01-02")), schema);
    DeltaWrites.replacePartition(day1, path, "run_date", "2026-01-01");
    DeltaWrites.replacePartition(day2, path, "run_date", "2026-01-02");
    DeltaWrites.replacePartition(day2Again, path, "run_date", "2026-01-02");
    Dataset<Row> actual = spark.read().format("delta").load(path).select("id", "value", "run_date");
    assertSameRows(day1.union(day2Again), actual);
  }

  @Test
  void concurrentWritesAllCommitAndTheFirstFailureIsRethrownAfterTheOthersEnded() {
    List<Runnable> writes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String path = lakeDir.resolve("gold/c" + i).toString();
      Dataset<Row> table = rows(new Object[] {"t" + i, i});
      writes.add(() -> DeltaWrites.overwrite(table, path));
    }
    DeltaWrites.concurrently(writes);
    for (int i = 0; i < 5; i++) {
      assertSameRows(rows(new Object[] {"t" + i, i}), spark.read().format("delta").load(lakeDir.resolve("gold/c" + i).toString()));
    }

    String late = lakeDir.resolve("gold/late").toString();
    List<Runnable> failing = List.of(
        () -> {
          throw new IllegalArgumentException("first");
        },
        () -> {
          throw new IllegalStateException("second");
        },
        () -> DeltaWrites.overwrite(rows(new Object[] {"x", 9}), late));
    assertThatThrownBy(() -> DeltaWrites.concurrently(failing))
        .as("the first failure, unwrapped, with the other attached")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("first")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("second"));
    assertSameRows(rows(new Object[] {"x", 9}), spark.read().format("delta").load(late));
  }
}
