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
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest end to end on one small lake: a good-but-messy delivery (day 1) whose counts can be
 * checked by hand, and a broken delivery (day 2) where three sources fail and the others load.
 */
class IngestTest extends SparkTestBase {
  private static final LocalDate DAY1 = LocalDate.of(2026, 5, 1);
  private static final LocalDate DAY2 = LocalDate.of(2026, 5, 2);

  private static final String CUSTOMERS =
      """
      customer_id,signed_up_at,age_band,region,acquisition_channel
      C001,2025-03-01T09:30:00Z,25-34,north,social
      C002,2025-03-02T10:00:00Z,35-44,south,web
      C003,,45-54,east,web
      C004,2025-03-04T08:00:00Z,,,
      """;
  // Header in a different order than the contract: columns are matched by name.
  // Line 3 has a bad timestamp; T1 comes twice, the later one (189.00) must win; T7 has a decimal
  // comma, so one field too many.
  private static final String TRANSACTIONS =
      """
      customer_id,transaction_id,occurred_at,product_id,product_category,quantity,amount,currency,channel
      C001,T1,2025-04-02T14:03:11Z,sports_watch,wearables,1,199.00,EUR,web
      C002,T2,2025-13-45T00:00:00Z,sports_watch,wearables,1,199.00,EUR,web
      C002,T3,2025-04-03T10:00:00Z,watch_strap,accessories,1.5,19.99,EUR,web
      C003,T4,2025-04-04T10:00:00Z,fitness_plan,services,1,9.999,EUR,app
      C001,T1,2025-04-02T15:00:00Z,sports_watch,wearables,1,189.00,EUR,web
      C004,T5,2025-04-05T10:00:00Z,sports_watch,wearables,-1,-199.00,EUR,store
      ,T6,2025-04-05T11:00:00Z,sports_watch,wearables,1,199.00,EUR,store
      C005,T7,2025-04-06T10:00:00Z,sports_watch,wearables,1,199,00,EUR,web
      """;
  private static final String CHANNEL_EVENTS =
      """
      {"event_id":"E1","customer_id":"C001","occurred_at":"2025-04-03T07:12:00Z","channel":"device","event_type":"watch_sync","product_id":"sports_watch","attributes":{"steps":1200,"page":"/sync"}}
      {"event_id":"E2","customer_id":"C002","occurred_at":"2025-04-03T08:00:00Z","channel":"web","event_type":"page_view"}
      not json at all
      {"event_id":"E3","customer_id":"C003","occurred_at":"2025-04-03T09:00:00Z","channel":"app","event_type":"setup_started","attributes":"[1,2]"}
      {"event_id":"E2","customer_id":"C002","occurred_at":"2025-04-03T08:00:00Z","channel":"web","event_type":"page_view"}
      """;
  private static final String CHURN =
      """
      customer_id,churned_at,reason_code,reason_text
      C002,2025-09-30T00:00:00Z,price,"too expensive, really"
      """;
  // R1 twice (the later one wins), R3 without its required text, R4 with a rating that is no
  // number, one line cut off mid-object.
  private static final String CUSTOMER_TEXTS =
      """
      {"text_id":"R1","customer_id":"C001","written_at":"2025-05-01T10:00:00Z","text_type":"review","rating":"4","text":"Battery died after 6 months"}
      {"text_id":"R2","written_at":"2025-05-02T10:00:00Z","text_type":"review","rating":5,"text":"Great tracker","attributes":{"country":"US"}}
      {"text_id":"R3","text_type":"survey","text":"  "}
      {"text_id":"R4","text_type":"support","rating":"four","text":"Sync fails"}
      {"text_id":"R1","customer_id":"C001","written_at":"2025-05-01T09:00:00Z","text_type":"review","rating":"4","text":"Battery died"}
      {"text_id":"R5","text_type":"review","text":"cut of
      """;
  private static final String INT01 = "Interviewer: How did you hear about us?\nRespondent: An ad.\n";
  private static final String INT02 = "---\ninterview_id: INT-02\n---\nQ: Why?\nA: Price.\n";

  @TempDir static Path root;
  private static Lake lake;
  private static IngestSummary day1;
  private static IngestSummary day2;
  private static Map<String, List<Row>> afterDay1;

  @BeforeAll
  static void ingestTwoDays() throws IOException {
    spark.sparkContext().setLogLevel("WARN"); // INFO logging alone costs seconds per Delta commit
    lake = new Lake(root.toString());
    write("customers", DAY1, "customers.csv", CUSTOMERS);
    write("transactions", DAY1, "transactions.csv", TRANSACTIONS);
    write("channel_events", DAY1, "channel_events.jsonl", CHANNEL_EVENTS);
    write("churn", DAY1, "churn.csv", CHURN);
    write("customer_texts", DAY1, "customer_texts.jsonl", CUSTOMER_TEXTS);
    write("interviews", DAY1, "INT-01.txt", INT01);
    write("interviews", DAY1, "INT-02.md", INT02);
    write("interviews", DAY1, "notes.json", "{}"); // not a transcript: ignored
    day1 = Ingest.run(spark, lake, DAY1, Ingest.allSources(), "run-1");
    System.out.println(day1);

    afterDay1 = new LinkedHashMap<>();
    for (LakeTable table : tables()) {
      afterDay1.put(table.toString(), lake.read(spark, table).collectAsList());
    }

    write("customers", DAY2, "customers.csv", "customer_id,signup,age_band\nC009,2025-01-01T00:00:00Z,18-24\n");
    write("transactions", DAY2, "transactions.csv",
        "transaction_id;customer_id;occurred_at;product_id;quantity;amount;currency\nT9;C001;2025-04-02T14:03:11Z;sports_watch;1;199.00;EUR\n");
    write("churn", DAY2, "churn.csv", "");
    write("channel_events", DAY2, "channel_events.jsonl",
        "{\"event_id\":\"E9\",\"customer_id\":\"C009\",\"occurred_at\":\"2025-05-01T00:00:00+02:00\",\"channel\":\"email\",\"event_type\":\"email_open\"}\n");
    day2 = Ingest.run(spark, lake, DAY2, Ingest.allSources(), "run-2");
    System.out.println(day2);
  }

  @Test
  void countsPerSourceAreExact() {
    assertCounts(day1.source("customers"), 4, 3, Map.of("required", 1L), 0);
    assertCounts(day1.source("transactions"), 8, 2, Map.of("type", 3L, "required", 1L, "malformed", 1L), 1);
    assertCounts(day1.source("channel_events"), 5, 2, Map.of("malformed", 1L, "type", 1L), 1);
    assertCounts(day1.source("churn"), 1, 1, Map.of(), 0);
    assertCounts(day1.source("customer_texts"), 6, 2, Map.of("required", 1L, "type", 1L, "malformed", 1L), 1);
    assertCounts(day1.source("interviews"), 2, 2, Map.of(), 0);
    assertThat(day1.errors()).as("day 1 errors").isEmpty();
    assertThat(day1.source("transactions").bronzeRowsWritten()).as("bronze rows written").isEqualTo(8);
    assertThat(BronzeLoader.rows(spark, lake, SourceContract.TRANSACTIONS).where(col("_landing_date").equalTo(DAY1.toString())).count())
        .as("bronze keeps every delivered row, rejects and duplicates included").isEqualTo(8);
  }

  @Test
  void rowsInEqualsValidPlusQuarantinedPlusDuplicatesForEverySource() {
    for (IngestSummary summary : List.of(day1, day2)) {
      for (SourceResult s : summary.sources()) {
        assertThat(s.rowsIn())
            .as("rows in = valid + quarantined + duplicates for %s on %s", s.source(), summary.landingDate())
            .isEqualTo(s.validRows() + s.quarantined() + s.duplicates());
      }
    }
  }

  /**
   * Issue 3, point 3, from the tables rather than the summary: the rows delivered (counted here from
   * the fixtures, independently of ingest) are exactly the day's silver rows, its quarantined rows
   * and the duplicates the summary reports, for every tabular source.
   */
  @Test
  void deliveredRowsEqualSilverPlusQuarantinePlusReportedDuplicates() {
    Map<SourceContract, String> delivered = new LinkedHashMap<>();
    delivered.put(SourceContract.CUSTOMERS, CUSTOMERS);
    delivered.put(SourceContract.TRANSACTIONS, TRANSACTIONS);
    delivered.put(SourceContract.CHANNEL_EVENTS, CHANNEL_EVENTS);
    delivered.put(SourceContract.CHURN, CHURN);
    delivered.put(SourceContract.CUSTOMER_TEXTS, CUSTOMER_TEXTS);
    assertThat(delivered.keySet()).as("every tabular source").containsExactlyInAnyOrderElementsOf(SourceContract.ALL);
    Column day1Rows = col("_landing_date").equalTo(DAY1.toString());
    for (Map.Entry<SourceContract, String> e : delivered.entrySet()) {
      SourceContract contract = e.getKey();
      long lines = e.getValue().lines().filter(l -> !l.isBlank()).count();
      long rowsIn = contract.isJsonLines() ? lines : lines - 1; // CSV: minus the header
      long silver = lake.read(spark, contract.silver()).where(day1Rows).count();
      long quarantined = lake.read(spark, contract.bronze().quarantine()).where(day1Rows).count();
      SourceResult s = day1.source(contract.source());
      assertThat(s.rowsIn()).as("%s: rows in as reported", contract.source()).isEqualTo(rowsIn);
      assertThat(silver + quarantined + s.duplicates())
          .as("%s: %d delivered = %d silver + %d quarantined + %d reported duplicates",
              contract.source(), rowsIn, silver, quarantined, s.duplicates())
          .isEqualTo(rowsIn);
      assertThat(List.of(silver, quarantined)).as("%s: summary agrees with the tables", contract.source())
          .containsExactly(s.validRows(), s.quarantined());
    }
  }

  @Test
  void silverIsTypedDeduplicatedAndKeepsTheLastDuplicate() {
    Dataset<Row> silver = lake.read(spark, LakeTable.SILVER_TRANSACTIONS);
    List<String> expectedColumns = new ArrayList<>(SourceContract.TRANSACTIONS.columnNames());
    expectedColumns.addAll(List.of("_source_file", "_landing_date"));
    assertThat(silver.columns()).as("silver columns: contract + _source_file + _landing_date").containsExactlyElementsOf(expectedColumns);
    for (StructField field : SourceContract.TRANSACTIONS.silverSchema().fields()) {
      assertThat(silver.schema().apply(field.name()).dataType()).as("type of %s", field.name()).isEqualTo(field.dataType());
    }
    Map<String, Row> byId = silver.collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertThat(byId.keySet()).as("valid transactions").containsExactlyInAnyOrder("T1", "T5");
    assertThat(byId.get("T1").<BigDecimal>getAs("amount")).as("the later T1 wins").isEqualByComparingTo("189.00");
    assertThat(byId.get("T1").<Timestamp>getAs("occurred_at").toInstant())
        .as("occurred_at in UTC").isEqualTo(Instant.parse("2025-04-02T15:00:00Z"));
    assertThat(byId.get("T5").<Integer>getAs("quantity")).as("returns are negative").isEqualTo(-1);

    Row e1 = lake.read(spark, LakeTable.SILVER_CHANNEL_EVENTS).where(col("event_id").equalTo("E1")).first();
    assertThat(e1.<scala.collection.Map<String, String>>getAs("attributes").get("steps").get())
        .as("attributes object → map<string,string>, numbers as text").isEqualTo("1200");
    Row e9 = lake.read(spark, LakeTable.SILVER_CHANNEL_EVENTS).where(col("event_id").equalTo("E9")).first();
    assertThat(e9.<Timestamp>getAs("occurred_at").toInstant()).as("offset converted to UTC")
        .isEqualTo(Instant.parse("2025-04-30T22:00:00Z"));
    assertThat(lake.read(spark, LakeTable.SILVER_CHURN).where(col("customer_id").equalTo("C002")).first().<String>getAs("reason_text"))
        .as("quoted CSV value with a comma").isEqualTo("too expensive, really");
  }

  @Test
  void quarantineRowsCarryRuleReasonAndRawValues() {
    Dataset<Row> quarantine = lake.read(spark, LakeTable.BRONZE_TRANSACTIONS.quarantine());
    Row t2 = quarantine.where(col("raw").contains("\"T2\"")).first();
    assertThat(t2.<String>getAs("rule")).as("bad timestamp on line 3").isEqualTo("type");
    assertThat(t2.<String>getAs("reason")).as("reason names column and value")
        .contains("occurred_at").contains("'2025-13-45T00:00:00Z'");
    assertThat(t2.<String>getAs("_source_file")).as("source file").endsWith("/transactions/2026-05-01/transactions.csv");
    assertThat(t2.<String>getAs("_run_id")).as("run id").isEqualTo("run-1");
    assertThat(t2.<String>getAs("_landing_date")).as("landing date").isEqualTo("2026-05-01");
    Row t6 = quarantine.where(col("raw").contains("\"T6\"")).first();
    assertThat(t6.<String>getAs("rule")).as("missing customer").isEqualTo("required");
    assertThat(t6.<String>getAs("reason")).as("names the column").contains("customer_id");
    assertThat(quarantine.where(col("rule").equalTo("type")).select("reason").as(Encoders.STRING()).collectAsList())
        .as("type reasons name their columns")
        .anySatisfy(r -> assertThat(r).contains("quantity").contains("'1.5'"))
        .anySatisfy(r -> assertThat(r).contains("amount").contains("'9.999'"));

    Row t7 = quarantine.where(col("rule").equalTo("malformed")).first();
    assertThat(t7.<String>getAs("reason")).as("decimal comma: one field too many")
        .contains("number of fields").contains("199,00");

    Row malformed = lake.read(spark, LakeTable.BRONZE_CHANNEL_EVENTS.quarantine()).where(col("rule").equalTo("malformed")).first();
    assertThat(malformed.<String>getAs("raw")).as("the bad line is kept").contains("not json at all");
  }

  @Test
  void deltaStatisticsAreKeptOnlyOnColumnsQueriesFilterOn() {
    Map<String, String> bronze = properties(LakeTable.BRONZE_CHANNEL_EVENTS);
    assertThat(bronze).as("bronze: read by partition only, no column statistics")
        .containsEntry("delta.dataSkippingNumIndexedCols", "0");
    assertThat(properties(LakeTable.SILVER_CHANNEL_EVENTS))
        .as("silver: statistics on the key, the customer and the timestamps")
        .containsEntry(SilverConstraints.STATS_COLUMNS, "event_id,customer_id,occurred_at");
    assertThat(properties(LakeTable.SILVER_TRANSACTIONS))
        .containsEntry(SilverConstraints.STATS_COLUMNS, "transaction_id,customer_id,occurred_at");
  }

  private static Map<String, String> properties(LakeTable table) {
    return io.delta.tables.DeltaTable.forPath(spark, lake.path(table)).detail().select("properties").first().getJavaMap(0);
  }

  @Test
  void rerunningADayLeavesBronzeSilverAndQuarantineIdentical() {
    IngestSummary again = Ingest.run(spark, lake, DAY1, Ingest.allSources(), "run-rerun");
    for (SourceResult s : again.sources()) {
      assertThat(s.status()).as("day 1 delivers every source").isEqualTo(Status.INGESTED);
      assertThat(s.bronzeUnchanged()).as("bronze of %s recognised as unchanged", s.source()).isTrue();
      assertThat(s.bronzeRowsWritten()).as("nothing rewritten for %s", s.source()).isZero();
      SourceResult first = day1.source(s.source());
      assertThat(List.of(s.rowsIn(), s.validRows(), s.quarantined(), s.duplicates()))
          .as("same counts for %s", s.source())
          .isEqualTo(List.of(first.rowsIn(), first.validRows(), first.quarantined(), first.duplicates()));
    }
    for (LakeTable table : tables()) {
      // Day 1's part of each table (silver also holds day 2's rows by now), compared row by row as
      // text: spark-testing-base cannot group by map or binary columns, and this costs one read.
      assertThat(day1Rows(lake.read(spark, table).collectAsList()))
          .as("%s after the rerun", table)
          .containsExactlyElementsOf(day1Rows(afterDay1.get(table.toString())));
    }
    List<Row> ingestedAt = BronzeLoader.rows(spark, lake, SourceContract.TRANSACTIONS)
        .where(col("_landing_date").equalTo(DAY1.toString())).select("_ingested_at", "_run_id").distinct().collectAsList();
    assertThat(ingestedAt).as("one ingestion, from the first run").hasSize(1);
    assertThat(ingestedAt.get(0).getString(1)).as("run id of first ingestion").isEqualTo("run-1");
    Row firstRow = afterDay1.get("bronze/transactions").get(0);
    assertThat(ingestedAt.get(0).getTimestamp(0)).as("_ingested_at kept").isEqualTo(firstRow.<Timestamp>getAs("_ingested_at"));
  }

  @Test
  void brokenFilesStopOnlyTheirSourceWithAClearMessage() {
    SourceResult customers = day2.source("customers");
    assertThat(customers.status()).as("customers failed").isEqualTo(Status.FAILED);
    assertThat(customers.error()).as("names file, column, expected and found")
        .contains("customers/2026-05-02/customers.csv")
        .contains("required column signed_up_at is missing")
        .contains("expected").contains("found 'customer_id, signup, age_band'");
    assertThat(day2.source("transactions").error()).as("semicolon header")
        .contains("transactions.csv").contains("semicolons").contains("found 'transaction_id;customer_id");
    assertThat(day2.source("churn").error()).as("empty file").contains("churn.csv").contains("empty");
    assertThat(day2.source("channel_events").status()).as("the good source still loads").isEqualTo(Status.INGESTED);
    assertThat(day2.source("channel_events").validRows()).as("its row").isEqualTo(1);
    assertThat(day2.source("interviews").status()).as("no folder: skipped").isEqualTo(Status.SKIPPED_ABSENT);
    assertThat(day2.errors()).as("three errors listed").hasSize(3);
    assertThat(day2.toString()).as("summary table lists the errors").contains("error in customers:").contains("skipped_absent");
    assertThat(lake.read(spark, LakeTable.SILVER_CUSTOMERS).count()).as("day 1 customers untouched").isEqualTo(3);
  }

  @Test
  void interviewsLandAsRawBytesWithTheirHash() throws Exception {
    List<Row> rows = lake.read(spark, LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS).orderBy("_source_file").collectAsList();
    assertThat(rows).as("the .txt and .md transcripts, not notes.json").hasSize(2);
    assertThat(rows.get(0).<String>getAs("_source_file")).as("first file").endsWith("/INT-01.txt");
    assertThat(rows.get(0).<byte[]>getAs("content")).as("raw bytes").isEqualTo(INT01.getBytes(StandardCharsets.UTF_8));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(INT02.getBytes(StandardCharsets.UTF_8)));
    assertThat(rows.get(1).<String>getAs("content_hash")).as("sha-256 hex of INT-02.md").isEqualTo(sha);
    assertThat(lake.read(spark, LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS).schema().fieldNames())
        .as("transcript schema").containsExactlyInAnyOrder(BronzeSchema.INTERVIEW_TRANSCRIPTS.fieldNames());
  }

  @Test
  void aCorrectedRedeliveryReplacesBronzeAndClearsItsRejects() throws IOException {
    LocalDate day3 = LocalDate.of(2026, 5, 3);
    String header = "customer_id,churned_at,reason_code,reason_text\n";
    write("churn", day3, "churn.csv", header + "C101,2025-10-01T00:00:00Z,price,\nC102,01/10/2025,service,\n");
    SourceResult first = Ingest.run(spark, lake, day3, List.of("churn"), "run-3a").source("churn");
    assertThat(first.quarantined(ValidationRule.TYPE)).as("day-first date is a type error").isEqualTo(1);

    write("churn", day3, "churn.csv",
        header + "C101,2025-10-01T00:00:00Z,price,\nC102,2025-10-01T00:00:00Z,service,\nC103,2025-10-02T00:00:00Z,,\n");
    SourceResult second = Ingest.run(spark, lake, day3, List.of("churn"), "run-3b").source("churn");
    assertThat(second.bronzeUnchanged()).as("a changed file is ingested again").isFalse();
    assertThat(List.of(second.rowsIn(), second.validRows(), second.quarantined()))
        .as("rows in, valid, quarantined of the corrected delivery").isEqualTo(List.of(3L, 3L, 0L));
    Column day3Rows = col("_landing_date").equalTo(day3.toString());
    assertThat(BronzeLoader.rows(spark, lake, SourceContract.CHURN).where(day3Rows).select("_run_id").distinct().collectAsList())
        .as("bronze partition replaced, not appended").hasSize(1)
        .allSatisfy(r -> assertThat(r.getString(0)).isEqualTo("run-3b"));
    assertThat(BronzeLoader.rows(spark, lake, SourceContract.CHURN).where(day3Rows).count()).as("bronze rows of day 3").isEqualTo(3);
    assertThat(lake.read(spark, LakeTable.BRONZE_CHURN.quarantine()).where(day3Rows).count())
        .as("the old reject is gone").isZero();
    assertThat(lake.read(spark, LakeTable.SILVER_CHURN).where(col("customer_id").equalTo("C102")).count())
        .as("the corrected row reached silver").isEqualTo(1);
  }

  @Test
  void landingChecksNameTheFileAndWhatWasFound() throws IOException {
    SourceContract contract = SourceContract.CHURN;
    Path folder = root.resolve("checks");
    Files.createDirectories(folder);
    Path tabs = Files.writeString(folder.resolve("tabs.csv"), "customer_id\tchurned_at\nC1\t2025-01-01T00:00:00Z\n");
    assertThatThrownBy(() -> LandingFiles.checkCsvHeader(spark, landing(tabs), contract))
        .as("tab-separated header").isInstanceOf(UserError.class)
        .hasMessageContaining("tabs.csv, line 1").hasMessageContaining("separated by tabs");
    Path binary = Files.write(folder.resolve("binary.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, '\n'});
    assertThatThrownBy(() -> LandingFiles.checkCsvHeader(spark, landing(binary), contract))
        .as("not text").isInstanceOf(UserError.class)
        .hasMessageContaining("binary.csv").hasMessageContaining("not UTF-8 text");
    Path array = Files.writeString(folder.resolve("array.jsonl"), "[{\"event_id\":\"E1\"}]\n");
    assertThatThrownBy(() -> LandingFiles.checkJsonLines(spark, landing(array), SourceContract.CHANNEL_EVENTS))
        .as("a JSON array is not JSON Lines").isInstanceOf(UserError.class)
        .hasMessageContaining("array.jsonl, line 1").hasMessageContaining("not a JSON object");
    Path missing = folder.resolve("gone.csv");
    assertThatThrownBy(() -> LandingFiles.checkCsvHeader(spark, new LandingFiles.LandingFile(missing.toUri().toString(), 10, 0), contract))
        .as("unreadable file").isInstanceOf(UserError.class)
        .hasMessageContaining("gone.csv").hasMessageContaining("cannot be read");
  }

  private static LandingFiles.LandingFile landing(Path file) throws IOException {
    return new LandingFiles.LandingFile(file.toUri().toString(), Files.size(file), Files.getLastModifiedTime(file).toMillis());
  }

  @Test
  void unknownSourceIsRejectedBeforeReadingAnything() {
    assertThatThrownBy(() -> Ingest.run(spark, lake, DAY1, List.of("customer"), "run-x"))
        .as("typo in a source name")
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown source customer");
  }

  private static List<String> day1Rows(List<Row> rows) {
    return rows.stream()
        .filter(r -> DAY1.toString().equals(r.getAs("_landing_date")))
        .map(IngestTest::text)
        .sorted()
        .toList();
  }

  private static String text(Row row) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      Object value = row.get(i);
      cells.add(row.schema().fieldNames()[i] + "=" + (value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value));
    }
    return String.join(", ", cells);
  }

  private static void assertCounts(SourceResult s, long in, long valid, Map<String, Long> quarantined, long duplicates) {
    assertThat(s.status()).as("%s status", s.source()).isEqualTo(Status.INGESTED);
    assertThat(s.rowsIn()).as("%s rows in", s.source()).isEqualTo(in);
    assertThat(s.validRows()).as("%s valid rows", s.source()).isEqualTo(valid);
    assertThat(s.quarantinedByRule()).as("%s quarantined per rule", s.source()).isEqualTo(quarantined);
    assertThat(s.duplicates()).as("%s duplicates", s.source()).isEqualTo(duplicates);
  }

  // The two messiest sources in all three layers, and the transcripts: each Delta read costs seconds.
  private static List<LakeTable> tables() {
    List<LakeTable> tables = new ArrayList<>();
    for (SourceContract c : List.of(SourceContract.TRANSACTIONS, SourceContract.CHANNEL_EVENTS)) {
      tables.add(c.bronze());
      tables.add(c.silver());
      tables.add(c.bronze().quarantine());
    }
    tables.add(LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS);
    return tables;
  }

  private static void write(String source, LocalDate date, String name, String content) throws IOException {
    Path folder = Path.of(lake.landing(source, date));
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
  }
}
