package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.IngestSummary.SourceResult;
import io.triangulate.pipelines.ingest.IngestSummary.Status;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, point 4: every way a delivered file can be unusable stops its source with one message
 * naming the file, the line or column, what was expected and what was found, while the other
 * sources of the same run still load. Two runs over one lake; a failing source writes nothing, so
 * only the sources that load cost Delta commits.
 */
class IngestFailuresTest extends SparkTestBase {
  /** Every tabular source fails in its own way; only the interview transcript loads. */
  private static final LocalDate RUN_A = LocalDate.of(2026, 7, 1);
  /** Four more failures; customer_texts, delivered with a UTF-8 byte-order mark, loads. */
  private static final LocalDate RUN_B = LocalDate.of(2026, 7, 2);

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir static Path root;
  private static Lake lake;
  private static IngestSummary runA;
  private static IngestSummary runB;

  @BeforeAll
  static void ingestBrokenDeliveries() throws IOException {
    spark.sparkContext().setLogLevel("WARN");
    lake = new Lake(root.resolve("lake").toString());

    deliver("customers", RUN_A, "customers.csv",
        "customer_id,signup,age_band\nC001,2025-01-01T00:00:00Z,18-24\n");
    deliver("transactions", RUN_A, "transactions.csv",
        "transaction_id;customer_id;occurred_at;product_id;quantity;amount;currency\n"
            + "T1;C001;2025-04-02T14:03:11Z;sports_watch;1;199.00;EUR\n");
    deliver("churn", RUN_A, "churn.csv", "");
    deliver("channel_events", RUN_A, "channel_events.jsonl",
        "[{\"event_id\":\"E1\",\"customer_id\":\"C001\",\"occurred_at\":\"2025-04-03T07:12:00Z\"}]\n");
    // Latin-1 bytes in a source not configured for them: 0xFC (ü) is not UTF-8.
    deliver("customer_texts", RUN_A, "customer_texts.jsonl",
        "{\"text_id\":\"R1\",\"text_type\":\"review\",\"text\":\"Gut für Zürich\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    deliver("interviews", RUN_A, "INT-01.txt", "Q: Why?\nA: Price.\n");
    runA = Ingest.run(spark, lake, RUN_A, Ingest.allSources(), "run-a");
    System.out.println(runA);

    // A CSV export renamed to .parquet.
    deliver("customers", RUN_B, "customers.parquet",
        "customer_id,signed_up_at\nC001,2025-01-01T00:00:00Z\n");
    // Binary bytes (a PNG header) under a CSV name: not text at all.
    deliver("transactions", RUN_B, "transactions.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    deliver("churn", RUN_B, "churn.csv",
        "customer_id\tchurned_at\treason_code\treason_text\nC001\t2025-09-30T00:00:00Z\tprice\t\n");
    // CSV delivered under the JSON Lines name.
    deliver("channel_events", RUN_B, "channel_events.jsonl",
        "event_id,customer_id,occurred_at,channel,event_type\nE1,C001,2025-04-03T07:12:00Z,web,page_view\n");
    ByteArrayOutputStream bom = new ByteArrayOutputStream();
    bom.writeBytes(UTF8_BOM);
    bom.writeBytes("{\"text_id\":\"R1\",\"text_type\":\"review\",\"text\":\"Gut für Zürich\"}\n".getBytes(StandardCharsets.UTF_8));
    deliver("customer_texts", RUN_B, "customer_texts.jsonl", bom.toByteArray());
    runB = Ingest.run(spark, lake, RUN_B, Ingest.allSources(), "run-b");
    System.out.println(runB);
  }

  @Test
  void missingRequiredColumnNamesFileColumnExpectedAndFound() {
    assertThat(error(runA, "customers"))
        .contains("customers/2026-07-01/customers.csv, line 1 (header)")
        .contains("required column signed_up_at is missing")
        .contains("expected columns customer_id, signed_up_at (required) of contract customers")
        .contains("found 'customer_id, signup, age_band'");
  }

  @Test
  void otherDelimiterNamesFileLineExpectedAndFound() {
    assertThat(error(runA, "transactions"))
        .contains("transactions/2026-07-01/transactions.csv, line 1")
        .contains("separated by semicolons, not commas")
        .contains("expected comma-separated column names: transaction_id,customer_id,")
        .contains("found 'transaction_id;customer_id;occurred_at");
    assertThat(error(runB, "churn"))
        .contains("churn/2026-07-02/churn.csv, line 1")
        .contains("separated by tabs, not commas")
        .contains("expected comma-separated column names: customer_id,churned_at,reason_code,reason_text")
        .contains("found 'customer_id\tchurned_at");
  }

  @Test
  void emptyFileNamesFileExpectedAndFound() {
    assertThat(error(runA, "churn"))
        .contains("churn/2026-07-01/churn.csv: the file is empty")
        .contains("expected a header line and data rows")
        .contains("found '0 bytes'");
  }

  @Test
  void wrongFormatNamesFileLineExpectedAndFound() {
    assertThat(error(runA, "channel_events")).as("a JSON array, not JSON Lines")
        .contains("channel_events/2026-07-01/channel_events.jsonl, line 1: the line is not a JSON object")
        .contains("expected JSON Lines: one JSON object per line")
        .contains("found '[{\"event_id\":\"E1\"");
    assertThat(error(runB, "channel_events")).as("CSV under the JSON Lines name")
        .contains("channel_events/2026-07-02/channel_events.jsonl, line 1: the line is not a JSON object")
        .contains("expected JSON Lines")
        .contains("found 'event_id,customer_id,occurred_at,channel,event_type'");
    assertThat(error(runB, "customers")).as("CSV text under a Parquet name")
        .contains("customers/2026-07-02/customers.parquet: the file is not a readable Parquet file")
        .contains("expected a Parquet file (customers.parquet) with the columns of contract customers")
        .contains("found '");
  }

  @Test
  void latin1BytesNameFileLineOffsetExpectedAndFound() {
    int offset = "{\"text_id\":\"R1\",\"text_type\":\"review\",\"text\":\"Gut f".length();
    assertThat(error(runA, "customer_texts"))
        .contains("customer_texts/2026-07-01/customer_texts.jsonl, line 1, byte offset " + offset)
        .contains("the file is not UTF-8 text")
        .contains("expected UTF-8 text (the contract's encoding)")
        .contains("found 'undecodable byte(s) 0xFC'")
        .contains("set the source's encoding in the config");
  }

  @Test
  void unreadableFileNamesFileExpectedAndFound() {
    assertThat(error(runB, "transactions")).as("binary bytes where text is expected")
        .contains("transactions/2026-07-02/transactions.csv, line 1, byte offset 0")
        .contains("the file is not UTF-8 text")
        .contains("expected UTF-8 text")
        .contains("found 'undecodable byte(s) 0x89'");
    // A file that cannot be opened (here: gone between listing and reading; as root, permissions
    // cannot make a file unreadable) stops the source naming it.
    LandingFiles.LandingFile vanished =
        new LandingFiles.LandingFile(root.resolve("vanished.csv").toUri().toString(), 10, 0);
    assertThatThrownBy(() -> LandingFiles.checkCsvHeader(spark, vanished, SourceContract.CHURN))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("vanished.csv: the file cannot be read")
        .hasMessageContaining("expected a readable landing file")
        .hasMessageContaining("found 'FileNotFoundException");
  }

  @Test
  void aUtf8ByteOrderMarkIsReadNotFailed() {
    SourceResult texts = runB.source("customer_texts");
    assertThat(texts.status()).as(runB.toString()).isEqualTo(Status.INGESTED);
    assertThat(texts.validRows()).as("its one row").isEqualTo(1);
    assertThat(lake.read(spark, LakeTable.SILVER_CUSTOMER_TEXTS).where(col("text_id").equalTo("R1")).first()
            .<String>getAs("text"))
        .as("decoded, BOM not glued to the first key").isEqualTo("Gut für Zürich");
  }

  @Test
  void eachFailureStopsOnlyItsSourceAndTheOthersStillLoad() {
    assertThat(runA.errors()).as("one message per broken source in run A").hasSize(5);
    assertThat(runA.source("interviews").status()).as("the transcript of run A still loads").isEqualTo(Status.INGESTED);
    assertThat(runB.errors()).as("one message per broken source in run B").hasSize(4);
    assertThat(runB.source("customer_texts").status()).as("customer_texts of run B still loads").isEqualTo(Status.INGESTED);
    assertThat(runB.source("interviews").status()).as("no transcripts in run B").isEqualTo(Status.SKIPPED_ABSENT);
    for (SourceContract contract : SourceContract.ALL) {
      if (contract != SourceContract.CUSTOMER_TEXTS) {
        assertThat(lake.exists(spark, contract.bronze())).as("nothing of %s written", contract.source()).isFalse();
      }
    }
  }

  private static String error(IngestSummary summary, String source) {
    SourceResult result = summary.source(source);
    assertThat(result.status()).as("%s stopped: %s", source, summary).isEqualTo(Status.FAILED);
    return result.error();
  }

  private static void deliver(String source, LocalDate date, String name, String text) throws IOException {
    deliver(source, date, name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void deliver(String source, LocalDate date, String name, byte[] bytes) throws IOException {
    Path folder = Files.createDirectories(Path.of(lake.landing(source, date)));
    Files.write(folder.resolve(name), bytes);
  }
}
