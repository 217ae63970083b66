package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

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
