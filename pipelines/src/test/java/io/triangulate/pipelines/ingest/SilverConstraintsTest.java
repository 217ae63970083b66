package io.triangulate.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.lake.DeltaWrites;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silver tables refuse rows that break their contract, whoever writes them. */
class SilverConstraintsTest extends SparkTestBase {
  @TempDir Path lake;

  private static final StructType SILVER = SourceContract.CHURN.silverSchema()
      .add("_source_file", DataTypes.StringType).add("landing_date", DataTypes.StringType);

  private static Dataset<Row> churn(String customerId, Timestamp churnedAt) {
    return spark.createDataFrame(List.of(RowFactory.create(customerId, churnedAt, "price", "too dear", "f.csv", "2026-06-30")),
        SILVER.asNullable());
  }

  @Test
  void aNewSilverTableIsCreatedWithNotNullAndNotBlankConstraints() {
    String path = lake.resolve("silver/churn").toString();
    SilverConstraints.ensure(spark, path, SourceContract.CHURN, SILVER.asNullable());

    StructType schema = DeltaTable.forPath(spark, path).toDF().schema();
    assertThat(schema.apply("customer_id").nullable()).as("required customer_id is NOT NULL").isFalse();
    assertThat(schema.apply("churned_at").nullable()).as("required churned_at is NOT NULL").isFalse();
    assertThat(schema.apply("reason_code").nullable()).as("optional reason_code stays nullable").isTrue();
    Map<String, String> properties = DeltaTable.forPath(spark, path).detail().select("properties").first().getJavaMap(0);
    assertThat(properties).as("CHECK constraint stored in the table")
        .containsKey("delta.constraints." + SilverConstraints.NOT_BLANK);

    Timestamp t = Timestamp.valueOf("2026-06-01 10:00:00");
    DeltaWrites.insertInto(churn("C1", t), path);
    assertThatThrownBy(() -> DeltaWrites.insertInto(churn("  ", t), path)).as("a blank key is refused by Delta")
        .hasStackTraceContaining(SilverConstraints.NOT_BLANK).hasStackTraceContaining("customer_id");
    assertThatThrownBy(() -> DeltaWrites.insertInto(churn("C2", null), path)).as("a null required timestamp is refused")
        .hasStackTraceContaining("churned_at");
    assertThat(spark.read().format("delta").load(path).count()).as("only the valid row landed").isEqualTo(1);
  }

  @Test
  void aTableWrittenBeforeConstraintsExistedGetsThem() {
    String path = lake.resolve("silver/old_churn").toString();
    DeltaWrites.insertInto(churn("C1", Timestamp.valueOf("2026-06-01 10:00:00")), path);
    long before = DeltaTable.forPath(spark, path).history().count();

    SilverConstraints.ensure(spark, path, SourceContract.CHURN, SILVER.asNullable());

    assertThat(DeltaTable.forPath(spark, path).detail().select("properties").first().<String, String>getJavaMap(0))
        .as("not-blank and not-null CHECKs added").containsKey("delta.constraints." + SilverConstraints.NOT_BLANK)
        .containsKey("delta.constraints." + SilverConstraints.NOT_NULL);
    assertThatThrownBy(() -> DeltaWrites.insertInto(churn("C2", null), path)).as("a null required timestamp is refused")
        .hasStackTraceContaining(SilverConstraints.NOT_NULL).hasStackTraceContaining("churned_at");
    long after = DeltaTable.forPath(spark, path).history().count();
    SilverConstraints.ensure(spark, path, SourceContract.CHURN, SILVER.asNullable());
    assertThat(DeltaTable.forPath(spark, path).history().count()).as("a second ensure changes nothing").isEqualTo(after);
    assertThat(after).as("constraints were added as commits").isGreaterThan(before);
  }
}
