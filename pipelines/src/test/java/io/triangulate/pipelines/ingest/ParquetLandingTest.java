package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.IngestSummary.SourceResult;
import io.triangulate.pipelines.ingest.IngestSummary.Status;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet landing files, written here with Spark: typed columns become bronze strings and go
 * through the same row checks as CSV; a wrong column type or a missing required column stops only
 * that source, naming file, column, expected and found.
 */
class ParquetLandingTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 6, 1);

  @TempDir static Path root;
  private static Lake lake;
  private static IngestSummary first;
  private static IngestSummary rerun;

  @BeforeAll
  static void ingest() throws IOException {
    lake = new Lake(root.resolve("lake").toString());
    // transactions: native types; T2 lacks its required customer_id, T3's amount has 3 decimals.
    StructType transactions =
        new StructType()
            .add("transaction_id", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType)
            .add("occurred_at", DataTypes.TimestampType)
            .add("product_id", DataTypes.StringType)
            .add("quantity", DataTypes.IntegerType)
            .add("amount", DataTypes.createDecimalType(12, 3))
            .add("currency", DataTypes.StringType)
            .add("extra", DataTypes.LongType); // beyond the contract: ignored
    Timestamp at = Timestamp.from(Instant.parse("2025-04-02T14:03:11Z"));
    writeParquet("transactions", transactions, List.of(
        RowFactory.create("T1", "C001", at, "sports_watch", 2, new BigDecimal("199.000"), "EUR", 7L),
        RowFactory.create("T2", null, at, "sports_watch", 1, new BigDecimal("5.000"), "EUR", 8L),
        RowFactory.create("T3", "C002", at, "sports_watch", 1, new BigDecimal("5.125"), "EUR", 9L)));
    // channel_events: attributes as a Parquet map.
    StructType events =
        new StructType()
            .add("event_id", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType)
            .add("occurred_at", DataTypes.TimestampType)
            .add("channel", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("attributes", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    writeParquet("channel_events", events, List.of(
        RowFactory.create("E1", "C001", at, "web", "page_view",
            scala.collection.immutable.Map$.MODULE$.<String, String>empty().updated("page", "/setup"))));
    // customers: signed_up_at delivered as a double (epoch seconds): a changed type.
    writeParquet("customers",
        new StructType().add("customer_id", DataTypes.StringType).add("signed_up_at", DataTypes.DoubleType),
        List.of(RowFactory.create("C001", 1.74e9)));
    // churn: the required churned_at column is missing.
    writeParquet("churn",
        new StructType().add("customer_id", DataTypes.StringType).add("reason_code", DataTypes.StringType),
        List.of(RowFactory.create("C001", "price")));
    // customer_texts: a valid schema without rows.
    writeParquet("customer_texts",
        new StructType().add("text_id", DataTypes.StringType).add("text_type", DataTypes.StringType)
            .add("text", DataTypes.StringType),
        List.of());
    List<String> sources = SourceContract.ALL.stream().map(SourceContract::source).toList();
    first = Ingest.run(spark, lake, DAY, sources, "run-p1");
    System.out.println(first);
    rerun = Ingest.run(spark, lake, DAY, sources, "run-p2");
  }

  @Test
  void typedParquetColumnsReachSilverAndRejectsKeepTheirRawRow() {
    SourceResult result = first.source("transactions");
    assertThat(result.status()).as("status").isEqualTo(Status.INGESTED);
    assertThat(List.of(result.rowsIn(), result.validRows(), result.duplicates()))
        .as("rows in, valid, duplicates").containsExactly(3L, 1L, 0L);
    assertThat(result.quarantinedByRule()).as("quarantined per rule").isEqualTo(Map.of("required", 1L, "type", 1L));

    Row t1 = lake.read(spark, LakeTable.SILVER_TRANSACTIONS).collectAsList().get(0);
    assertThat(t1.<String>getAs("transaction_id")).as("the one valid row").isEqualTo("T1");
    assertThat(t1.<Timestamp>getAs("occurred_at").toInstant()).as("timestamp kept")
        .isEqualTo(Instant.parse("2025-04-02T14:03:11Z"));
    assertThat(t1.<Integer>getAs("quantity")).as("quantity").isEqualTo(2);
    assertThat(t1.<BigDecimal>getAs("amount")).as("decimal(12,3) 199.000 fits decimal(12,2)")
        .isEqualByComparingTo("199.00");
    assertThat(t1.<String>getAs("product_category")).as("absent optional column").isNull();
    assertThat(t1.<String>getAs("_source_file")).as("lineage").endsWith("/transactions.parquet");

    List<Row> rejects = lake.read(spark, LakeTable.BRONZE_TRANSACTIONS.quarantine())
        .orderBy("rule").collectAsList();
    assertThat(rejects).as("quarantine rows").hasSize(2);
    assertThat(rejects.get(0).<String>getAs("rule")).isEqualTo("required");
    assertThat(rejects.get(0).<String>getAs("raw")).as("raw row of the reject")
        .contains("\"transaction_id\":\"T2\"").contains("\"occurred_at\":\"2025-04-02T14:03:11")
        .doesNotContain("customer_id");
    assertThat(rejects.get(1).<String>getAs("reason")).as("type reason")
        .contains("column amount").contains("'5.125'");

    Row bronze = BronzeLoader.rows(spark, lake, SourceContract.TRANSACTIONS).where(col("transaction_id").equalTo("T1")).first();
    assertThat(bronze.<String>getAs("_source_encoding")).as("no text encoding for Parquet").isNull();
    assertThat(bronze.<String>getAs("amount")).as("bronze: the decimal as text, trailing zeros dropped").isEqualTo("199");
  }

  @Test
  void parquetMapsBecomeSilverMaps() {
    Row e1 = lake.read(spark, LakeTable.SILVER_CHANNEL_EVENTS).first();
    assertThat(e1.<scala.collection.Map<String, String>>getAs("attributes").get("page").get())
        .as("attributes.page").isEqualTo("/setup");
    assertThat(first.source("customer_texts").rowsIn()).as("a Parquet file without rows").isZero();
    assertThat(first.source("customer_texts").status()).isEqualTo(Status.INGESTED);
  }

  @Test
  void wrongTypeNamesFileColumnExpectedAndFound() {
    SourceResult customers = first.source("customers");
    assertThat(customers.status()).as("customers stopped").isEqualTo(Status.FAILED);
    assertThat(customers.error())
        .as("message names file, column, expected and found")
        .contains("customers.parquet")
        .contains("column signed_up_at")
        .contains("expected timestamp")
        .contains("found 'double'");
    assertThat(lake.exists(spark, LakeTable.SILVER_CUSTOMERS)).as("nothing of customers loaded").isFalse();
  }

  @Test
  void missingRequiredColumnStopsOnlyThatSource() {
    SourceResult churn = first.source("churn");
    assertThat(churn.status()).as("churn stopped").isEqualTo(Status.FAILED);
    assertThat(churn.error()).as("message").contains("churn.parquet").contains("churned_at").contains("reason_code");
    assertThat(first.source("transactions").status()).as("other sources load").isEqualTo(Status.INGESTED);
  }

  @Test
  void rerunFindsTheSameFilesAndChangesNothing() {
    SourceResult again = rerun.source("transactions");
    assertThat(again.bronzeUnchanged()).as("same Parquet file recognised").isTrue();
    assertThat(List.of(again.rowsIn(), again.validRows(), again.quarantined()))
        .as("same counts").containsExactly(3L, 1L, 2L);
    assertThat(lake.read(spark, LakeTable.SILVER_TRANSACTIONS).count()).as("silver rows").isEqualTo(1);
  }

  private static void writeParquet(String source, StructType schema, List<Row> rows) throws IOException {
    Path out = root.resolve("parquet-" + source);
    Dataset<Row> frame = spark.createDataFrame(rows, schema).coalesce(1);
    frame.write().parquet(out.toString());
    Path part;
    try (Stream<Path> files = Files.list(out)) {
      part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Path folder = Path.of(lake.landing(source, DAY));
    Files.createDirectories(folder);
    Files.copy(part, folder.resolve(source + ".parquet"));
  }
}
