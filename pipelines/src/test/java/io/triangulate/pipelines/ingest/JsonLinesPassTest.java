package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.BronzeLoader.BronzeFile;
import io.triangulate.pipelines.ingest.BronzeLoader.Lineage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest's JSON Lines path ({@link JsonLinesPass} after {@link RepeatedKeyHashes}) gives exactly the
 * silver rows, rejects and counts of the Spark reader path ({@link BronzeLoader#rows} then
 * {@link SilverLoader#mark}), on a delivery of two files full of edge cases: duplicates across and
 * within files (with ties broken on the raw row), malformed lines, partial rows, arrays of objects,
 * blank lines, escapes and single quotes that the key scanner declines, keys of other JSON types.
 */
class JsonLinesPassTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.of(2026, 3, 1);

  @TempDir Path dir;

  private static final List<String> FILE_A = List.of(
      "{\"event_id\":\"E1\",\"customer_id\":\"C1\",\"occurred_at\":\"2025-04-02T14:03:11Z\",\"channel\":\"web\",\"event_type\":\"visit\",\"attributes\":{\"page\":\"/a\",\"n\":1.50}}",
      "{\"event_id\":\"E1\",\"customer_id\":\"C1\",\"occurred_at\":\"2025-04-02T15:03:11Z\",\"channel\":\"web\",\"event_type\":\"later\"}",
      "{\"event_id\":\"E2\",\"customer_id\":\"C2\",\"occurred_at\":\"2025-04-02T14:03:11Z\",\"channel\":\"app\",\"event_type\":\"tie-b\"}",
      "{\"event_id\":\"E2\",\"customer_id\":\"C2\",\"occurred_at\":\"2025-04-02T14:03:11Z\",\"channel\":\"app\",\"event_type\":\"tie-a\"}",
      "{\"event_id\":\"E3\",\"customer_id\":\"C3\",\"occurred_at\":\"not a time\",\"channel\":\"app\",\"event_type\":\"x\"}",
      "{\"event_id\":\"E3\",\"customer_id\":\"C3\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"valid twin of a type error\"}",
      "{\"event_id\":\"E4\",\"customer_id\":\"\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"x\"}",
      "{\"event_id\":\"E5\",\"customer_id\":\"C5\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"x\",\"attributes\":{\"k\":1,\"k\":2}}",
      "{\"event_id\":\"E6\",\"customer_id\":\"C6\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":{\"nested\":true}}",
      "[{\"event_id\":\"E7\",\"customer_id\":\"C7\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"array\"},"
          + "{\"event_id\":\"E7\",\"customer_id\":\"C7\",\"occurred_at\":\"2025-04-04T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"array later\"}]",
      "",
      "   ",
      "{\"event_id\":\"E\\u0038\",\"customer_id\":\"C8\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"escaped key\"}",
      "{'event_id':'E8','customer_id':'C8','occurred_at':'2025-04-02T00:00:00Z','channel':'app','event_type':'single quotes'}",
      "{\"event_id\":9,\"customer_id\":\"C9\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"number key\"}",
      "{\"event_id\":\"9\",\"customer_id\":\"C9\",\"occurred_at\":\"2025-04-01T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"string key\"}",
      "{\"event_id\":\"E10\",\"customer_id\":\"C10\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"x\",\"attributes\":{\"bad\":}}",
      "{\"event_id\":\"E10\",\"customer_id\":\"C10\",\"occurred_at\":\"2025-04-02T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"x\"}",
      "not json at all",
      "{\"event_id\":\" E11 \",\"customer_id\":\"C11\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"padded\"}",
      "{\"event_id\":null,\"customer_id\":\"C12\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"no key\"}");

  private static final List<String> FILE_B = List.of(
      "{\"event_id\":\"E1\",\"customer_id\":\"C1\",\"occurred_at\":\"2025-04-02T15:03:11Z\",\"channel\":\"web\",\"event_type\":\"later, other file\"}",
      "{\"event_id\":\"E11\",\"customer_id\":\"C11\",\"occurred_at\":\"2025-04-01T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"unpadded\"}",
      "{\"event_id\":\"E13\",\"customer_id\":\"C13\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"x\"}  ",
      "{\"event_id\":\"E14\",\"customer_id\":\"C14\",\"occurred_at\":\"2025-04-03T00:00:00Z\",\"channel\":\"app\",\"event_type\":\"x\"} tail");

  @Test
  void givesWhatSparksReaderPathGives() throws IOException {
    List<String> b = new ArrayList<>(FILE_B);
    // Near-misses of a valid line: a character dropped or replaced, some keeping key E1 or E13.
    String valid = FILE_B.get(2).strip();
    Random random = new Random(7);
    String alphabet = "{}[]\":,' 0a\\";
    for (int i = 0; i < valid.length(); i += 2) {
      b.add(valid.substring(0, i) + valid.substring(i + 1));
      b.add(valid.substring(0, i) + alphabet.charAt(random.nextInt(alphabet.length())) + valid.substring(i + 1));
    }
    String bronze = land(FILE_A, b);
    SourceContract contract = SourceContract.CHANNEL_EVENTS;
    List<BronzeFile> files = BronzeLoader.files(spark, bronze, DATE);
    assertThat(files).allMatch(f -> JsonLinesPass.reads(contract, f), "both files take the JSON Lines path");

    Dataset<Row> expected = SilverLoader.mark(spark, BronzeLoader.rows(spark, contract, bronze, DATE), contract);
    Dataset<Row> candidates = SilverLoader.markJsonLines(spark, files, contract, SilverLoader.MAX_BROADCAST_KEYS);
    Dataset<Row> rankAll = SilverLoader.markJsonLines(spark, files, contract, 0);

    List<String> silver = outcome(SilverValidation.toSilver(expected, contract));
    List<String> rejects = outcome(Quarantine.rejects(expected, contract));
    assertThat(silver).as("the reference keeps some rows").hasSizeGreaterThan(10);
    assertThat(rejects).as("the reference rejects some rows").hasSizeGreaterThan(10);
    for (Dataset<Row> marked : List.of(candidates, rankAll)) {
      assertThat(outcome(SilverValidation.toSilver(marked, contract))).as("silver rows").isEqualTo(silver);
      assertThat(outcome(Quarantine.rejects(marked, contract))).as("quarantined rows").isEqualTo(rejects);
      assertThat(marked.where(col(SilverValidation.IS_DUPLICATE)).count()).as("duplicates")
          .isEqualTo(expected.where(col(SilverValidation.IS_DUPLICATE)).count());
      assertThat(marked.count()).as("rows in").isEqualTo(expected.count());
    }
  }

  @Test
  void loadTakesTheJsonLinesPathAndCountsEveryRow() throws IOException {
    String bronze = land(FILE_A, FILE_B);
    SourceContract contract = SourceContract.CHANNEL_EVENTS;
    SilverLoader.Counts fast = SilverLoader.load(spark, contract, bronze, DATE,
        dir.resolve("fast/silver").toString(), dir.resolve("fast/quarantine").toString());
    SilverLoader.Counts reference = SilverLoader.load(spark, BronzeLoader.rows(spark, contract, bronze, DATE), contract,
        dir.resolve("ref/silver").toString(), dir.resolve("ref/quarantine").toString(), DATE.toString());
    assertThat(fast).as("counts of the JSON Lines path").isEqualTo(reference);
    assertThat(fast.rowsIn()).as("rows in = silver + quarantined + duplicates")
        .isEqualTo(fast.valid() + fast.quarantined() + fast.duplicates());
    assertThat(fast.duplicates()).as("E1 twice more, E2, E7, E10's valid twin").isPositive();
    assertThat(outcome(spark.read().format("delta").load(dir.resolve("fast/silver").toString())))
        .as("silver table").isEqualTo(outcome(spark.read().format("delta").load(dir.resolve("ref/silver").toString())));
    assertThat(outcome(spark.read().format("delta").load(dir.resolve("fast/quarantine").toString())))
        .as("quarantine table")
        .isEqualTo(outcome(spark.read().format("delta").load(dir.resolve("ref/quarantine").toString())));
  }

  /** Lands the two files as one delivery and returns the bronze table's path. */
  private String land(List<String> a, List<String> b) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("landing/channel_events/" + DATE));
    Files.writeString(folder.resolve("a.jsonl"), String.join("\n", a) + "\n", StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("b.jsonl"), String.join("\r\n", b), StandardCharsets.UTF_8);
    String bronze = dir.resolve("bronze/channel_events").toString();
    BronzeLoader.land(spark, SourceContract.CHANNEL_EVENTS,
        LandingFiles.list(spark, folder.toString(), false, ".jsonl"),
        new Lineage(DATE, "run-1", Timestamp.from(Instant.parse("2026-03-02T01:00:00Z"))), SourceOptions.DEFAULT,
        bronze);
    return bronze;
  }

  /** Every row as text, sorted: an order-free comparison that sees every column. */
  private static List<String> outcome(Dataset<Row> rows) {
    Column[] columns = List.of(rows.columns()).stream().sorted().map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
    return rows.select(columns).collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
