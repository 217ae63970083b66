package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast duplicate marking of {@link SilverLoader#mark} (rank only rows whose key repeats) must
 * mark exactly the rows that ranking every row ({@link SilverValidation#markDuplicates}) marks.
 * No Delta writes: bronze rows are built in memory.
 */
class SilverLoaderTest extends SparkTestBase {
  private static final SourceContract CONTRACT = SourceContract.TRANSACTIONS;

  @Test
  void rankingOnlyRepeatedKeysMarksTheSameRowsAsRankingAll() {
    Dataset<Row> bronze =
        bronze(
            // id, transaction_id, occurred_at, amount, file
            new String[] {"r1", "T1", "2025-04-02T10:00:00Z", "1.00", "a.csv"},
            new String[] {"r2", "T1", "2025-04-02T11:00:00Z", "2.00", "a.csv"}, // later: kept
            new String[] {"r3", "T1", "2025-04-02T12:00:00Z", "1,5", "a.csv"}, // rejected, not a duplicate
            new String[] {"r4", "T2", "2025-04-02T10:00:00Z", "3.00", "a.csv"},
            new String[] {"r5", "T3", "2025-04-02T10:00:00Z", "4.00", "a.csv"},
            new String[] {"r6", "T3", "2025-04-02T10:00:00Z", "4.00", "b.csv"}, // same time: later file kept
            new String[] {"r7", " T5", "2025-04-02T10:00:00Z", "5.00", "a.csv"}, // trimmed key = T5
            new String[] {"r8", "T5", "2025-04-02T10:00:00Z", "6.00", "a.csv"}, // same time and file: by raw row
            new String[] {"r9", "", "2025-04-02T10:00:00Z", "7.00", "a.csv"}); // blank key: required

    assertThat(SilverValidation.repeatedKeys(bronze, CONTRACT).collectAsList())
        .as("keys carried by more than one row (rejects included)")
        .extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("T1", "T3", "T5");

    Map<String, String> fast = outcome(SilverLoader.mark(spark, bronze, CONTRACT));
    Map<String, String> full =
        outcome(SilverValidation.markDuplicates(SilverValidation.classify(bronze, CONTRACT), CONTRACT));
    assertThat(fast).as("fast marking = full ranking").isEqualTo(full);
    assertThat(fast)
        .as("hand-checked outcome per row")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("r1", "duplicate", "r2", "valid", "r3", "type", "r4", "valid", "r5", "duplicate",
                "r6", "valid", "r7", "duplicate", "r8", "valid", "r9", "required"));
  }

  @Test
  void withoutRepeatedKeysNothingIsADuplicate() {
    Dataset<Row> bronze =
        bronze(
            new String[] {"r1", "T1", "2025-04-02T10:00:00Z", "1.00", "a.csv"},
            new String[] {"r2", "T2", "2025-04-02T11:00:00Z", "x", "a.csv"});
    assertThat(outcome(SilverLoader.mark(spark, bronze, CONTRACT)))
        .as("outcome per row")
        .isEqualTo(Map.of("r1", "valid", "r2", "type"));
  }

  /**
   * The typing and validation of channel events, attributes included, runs in whole-stage generated
   * code (docs/benchmarks.md, Ingest). Read from Parquet, since the optimizer folds projections over
   * in-memory rows away.
   */
  @Test
  void typingRunsInWholeStageCodegen(@TempDir Path dir) {
    SourceContract events = SourceContract.CHANNEL_EVENTS;
    StructType schema = BronzeSchema.tabular(events);
    Timestamp now = Timestamp.valueOf("2026-01-01 00:00:00");
    List<Row> rows = List.of(
        RowFactory.create("E1", "C1", "2025-04-03T07:12:00Z", "web", "page_view", null, "{\"page\":\"/a\"}", null,
            "landing/e.jsonl", 1L, now, "UTF-8", null, now, "run", "2026-01-01"),
        RowFactory.create("E2", "C1", "yesterday", "web", "page_view", null, "[1]", null,
            "landing/e.jsonl", 1L, now, "UTF-8", null, now, "run", "2026-01-01"));
    String path = dir.resolve("bronze").toString();
    spark.createDataFrame(rows, schema).write().parquet(path);
    Dataset<Row> classified = SilverValidation.classify(spark.read().schema(schema).parquet(path), events);

    Map<String, String> rules = new TreeMap<>();
    for (Row row : classified.select(col("event_id"), col(SilverValidation.RULE)).collectAsList()) {
      rules.put(row.getString(0), row.isNullAt(1) ? "valid" : row.getString(1));
    }
    assertThat(rules).as("E2: bad timestamp and attributes not an object").isEqualTo(Map.of("E1", "valid", "E2", "type"));
    SparkPlan plan = classified.queryExecution().executedPlan();
    List<String> projects = new ArrayList<>();
    List<String> compiled = new ArrayList<>();
    collect(plan, false, projects, compiled);
    assertThat(compiled).as("the typing projection is compiled into a whole stage: %s", plan)
        .anyMatch(p -> p.contains("_typed_occurred_at") && p.contains("_typed_attributes"));
    projects.removeAll(compiled);
    assertThat(projects).as("no projection outside whole-stage codegen: %s", plan).isEmpty();
  }

  private static void collect(SparkPlan node, boolean inStage, List<String> projects, List<String> compiled) {
    boolean stage = inStage || node instanceof WholeStageCodegenExec;
    if (node instanceof ProjectExec project) {
      projects.add(project.projectList().mkString(", "));
      if (stage) {
        compiled.add(project.projectList().mkString(", "));
      }
    }
    boolean below = stage && !(node instanceof InputAdapter);
    scala.collection.JavaConverters.seqAsJavaList(node.children()).forEach(c -> collect(c, below, projects, compiled));
  }

  /** product_id carries the row's id; every other required column is filled. */
  private static Dataset<Row> bronze(String[]... rows) {
    StructType schema = BronzeSchema.tabular(CONTRACT);
    Timestamp now = Timestamp.valueOf("2026-01-01 00:00:00");
    List<Row> out = new ArrayList<>();
    for (String[] r : rows) {
      Object[] values = new Object[schema.fields().length];
      for (int i = 0; i < values.length; i++) {
        values[i] =
            switch (schema.fields()[i].name()) {
              case "transaction_id" -> r[1];
              case "customer_id" -> "C1";
              case "occurred_at" -> r[2];
              case "product_id" -> r[0];
              case "quantity" -> "1";
              case "amount" -> r[3];
              case "currency" -> "EUR";
              case BronzeSchema.SOURCE_FILE -> "landing/" + r[4];
              case BronzeSchema.SOURCE_FILE_SIZE -> 1L;
              case BronzeSchema.SOURCE_FILE_MODIFIED_AT, BronzeSchema.INGESTED_AT -> now;
              case BronzeSchema.RUN_ID -> "run";
              case BronzeSchema.LANDING_DATE -> "2026-01-01";
              default -> null;
            };
      }
      out.add(RowFactory.create(values));
    }
    return spark.createDataFrame(out, schema);
  }

  /** Row id → its rule, "duplicate" or "valid". */
  private static Map<String, String> outcome(Dataset<Row> marked) {
    Map<String, String> result = new TreeMap<>();
    for (Row row :
        marked.select(col("product_id"), col(SilverValidation.RULE), col(SilverValidation.IS_DUPLICATE))
            .collectAsList()) {
      result.put(row.getString(0), !row.isNullAt(1) ? row.getString(1) : row.getBoolean(2) ? "duplicate" : "valid");
    }
    return result;
  }
}
