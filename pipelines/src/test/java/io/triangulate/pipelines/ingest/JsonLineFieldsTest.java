package io.triangulate.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonLineFields} yields, line for line, the rows Spark's JSON reader yields with the same
 * all-string schema and corrupt-record column: on hand-picked lines and on generated near-misses of a
 * valid one. Each line is read as a file of its own, so rows cannot be matched to the wrong line.
 */
class JsonLineFieldsTest extends SparkTestBase {
  private static final List<String> COLUMNS = List.of("event_id", "occurred_at", "attributes");
  private static final String VALID =
      "{\"event_id\":\"E1\",\"occurred_at\":\"2025-04-02T14:03:11Z\",\"attributes\":{\"page\":\"/a\",\"n\":1.50}}";
  private static final List<String> LINES = List.of(
      VALID,
      "{\"event_id\":\"E1\",\"extra\":{\"deep\":[1,{\"x\":null}]},\"occurred_at\":null}",
      "{\"event_id\":7,\"occurred_at\":true,\"attributes\":[1, 2]}",
      "{\"event_id\":\"E1\",\"event_id\":\"E2\"}",
      "{'event_id':'single'}",
      "{\"event_id\":\"é ✓ \\u00e9 \\\"q\\\"\"}",
      "{\"event_id\":NaN}",
      "{}",
      "[{\"event_id\":\"A\"},{\"event_id\":\"B\"}]",
      "[{\"event_id\":\"A\"},2]",
      "[]",
      "\"text\"",
      "42",
      "null",
      "{\"event_id\":\"E1\"} trailing",
      "{\"event_id\":\"E1\"}{\"event_id\":\"E2\"}",
      "{\"event_id\":\"E1\",}",
      "{\"event_id\":",
      "{event_id:1}",
      "   ",
      "  {\"event_id\":\"padded\"}  ");

  @Test
  void rowsAsSparksReaderGivesThem(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(LINES);
    Random random = new Random(4);
    String alphabet = "{}[]\":,' 0a\\";
    for (int i = 0; i < VALID.length(); i += 3) {
      lines.add(VALID.substring(0, i) + VALID.substring(i + 1));
      lines.add(VALID.substring(0, i) + alphabet.charAt(random.nextInt(alphabet.length())) + VALID.substring(i + 1));
    }
    StructType schema = new StructType();
    for (String column : COLUMNS) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    schema = schema.add(BronzeSchema.CORRUPT_RECORD, DataTypes.StringType, true);
    String[] paths = new String[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      Path file = dir.resolve(String.format("line-%05d.jsonl", i));
      Files.writeString(file, lines.get(i) + "\n", StandardCharsets.UTF_8);
      paths[i] = file.toString();
    }
    List<Row> read = spark.read().schema(schema).option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", BronzeSchema.CORRUPT_RECORD)
        .json(paths)
        .withColumn("file", org.apache.spark.sql.functions.input_file_name())
        .collectAsList();

    JsonLineFields fields = new JsonLineFields(COLUMNS);
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String name = String.format("line-%05d.jsonl", i);
      List<String> spark = new ArrayList<>();
      for (Row row : read) {
        if (row.getString(COLUMNS.size() + 1).endsWith(name)) {
          String[] values = new String[COLUMNS.size() + 1];
          for (int c = 0; c <= COLUMNS.size(); c++) {
            values[c] = row.getString(c);
          }
          spark.add(Arrays.toString(values));
        }
      }
      List<String> ours = fields.rows(lines.get(i)).stream().map(Arrays::toString).toList();
      Collections.sort(spark);
      List<String> sorted = new ArrayList<>(ours);
      Collections.sort(sorted);
      if (!spark.equals(sorted)) {
        differences.add(lines.get(i) + "\n   spark " + spark + "\n   ours  " + sorted);
      }
    }
    assertThat(differences).as("lines read differently from Spark's JSON reader").isEmpty();
  }
}
