package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link ContractRows#classify} gives every row the typed values, rule and reason that
 * {@link SilverValidation#classify} gives it: valid rows, each rule, long values cut in the reason,
 * and rows with one value replaced by a near-miss.
 */
class ContractRowsTest extends SparkTestBase {
  @Test
  void transactionsAsSilverValidationClassifiesThem() {
    String[] valid = {"T1", "C1", "2025-04-02T14:03:11Z", "watch", "wearables", "1", "199.00", "EUR", "web", null};
    assertSame(SourceContract.TRANSACTIONS, valid, List.of("", " ", "x", "1.5", "1,5", "2025-04-02", "é".repeat(130)));
  }

  @Test
  void channelEventsAsSilverValidationClassifiesThem() {
    String[] valid = {"E1", "C1", "2025-04-02T14:03:11Z", "web", "page_view", null, "{\"page\":\"/a\"}", null};
    assertSame(SourceContract.CHANNEL_EVENTS, valid, List.of("", "[1]", "{\"a\":\"1\",\"a\":\"2\"}", "2025-04-02T14:03Z"));
  }

  private static void assertSame(SourceContract contract, String[] valid, List<String> replacements) {
    List<String[]> rows = new ArrayList<>();
    rows.add(valid);
    Random random = new Random(5);
    for (int column = 0; column < valid.length - 1; column++) {
      for (String replacement : replacements) {
        String[] row = valid.clone();
        row[column] = replacement;
        rows.add(row);
      }
      String[] twoBad = valid.clone();
      twoBad[column] = null;
      twoBad[random.nextInt(valid.length - 1)] = "?";
      rows.add(twoBad);
    }
    String[] corrupt = valid.clone();
    corrupt[valid.length - 1] = "x".repeat(200);
    rows.add(corrupt);

    StructType schema = BronzeSchema.tabular(contract);
    Timestamp now = Timestamp.valueOf("2026-01-01 00:00:00");
    List<Row> bronze = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] values = Arrays.copyOf(rows.get(i), schema.size(), Object[].class);
      values[valid.length] = "file-" + i; // _source_file carries the row number
      values[valid.length + 1] = 1L;
      values[valid.length + 2] = now;
      values[valid.length + 5] = now;
      values[valid.length + 6] = "run";
      values[valid.length + 7] = "2026-01-01";
      bronze.add(RowFactory.create(values));
    }
    List<Column> selected = new ArrayList<>(List.of(col(BronzeSchema.SOURCE_FILE)));
    for (ContractColumn column : contract.columns()) {
      selected.add(col(SilverValidation.TYPED + column.name()).cast("string"));
    }
    selected.add(col(SilverValidation.RULE));
    selected.add(col(SilverValidation.REASON));
    List<Row> expected = SilverValidation.classify(spark.createDataFrame(bronze, schema), contract)
        .select(selected.toArray(Column[]::new)).collectAsList();

    ContractRows java = new ContractRows(contract);
    List<String> differences = new ArrayList<>();
    for (Row row : expected) {
      int i = Integer.parseInt(row.getString(0).substring("file-".length()));
      ContractRows.Classified ours = java.classify(rows.get(i), null);
      List<String> mine = new ArrayList<>();
      List<String> theirs = new ArrayList<>();
      for (int c = 0; c < contract.columns().size(); c++) {
        mine.add(ours.typed()[c] == null ? null : String.valueOf(ours.typed()[c]));
        theirs.add(row.getString(c + 1));
      }
      mine.add(ours.rule() == null ? null : ours.rule().id());
      mine.add(ours.reason());
      theirs.add(row.getString(contract.columns().size() + 1));
      theirs.add(row.getString(contract.columns().size() + 2));
      if (!normalised(mine).equals(normalised(theirs))) {
        differences.add(Arrays.toString(rows.get(i)) + "\n   spark " + theirs + "\n   ours  " + mine);
      }
    }
    assertThat(expected).as("every row classified").hasSize(rows.size());
    assertThat(differences).as("rows classified differently from SilverValidation.classify").isEmpty();
  }

  /** Typed values as comparable text: Spark casts timestamps and maps to string in its own format. */
  private static List<String> normalised(List<String> values) {
    return values.stream().map(v -> v == null ? "null" : v.replaceAll("[ T](\\d\\d:\\d\\d:\\d\\d)Z?$", " $1")
        .replace("{page=/a}", "{page -> /a}")).toList();
  }
}
