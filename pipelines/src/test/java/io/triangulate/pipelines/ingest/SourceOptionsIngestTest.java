package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.IngestSummary.Status;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-source reading options: files in Latin-1 / Windows-1252 or with a UTF-8 or UTF-16 byte-order
 * mark are decoded (and the encoding recorded), undecodable bytes stop the source naming file, line
 * and byte offset, and a configured time zone turns local timestamps into UTC.
 */
class SourceOptionsIngestTest extends SparkTestBase {
  @TempDir static Path root;
  private static Lake lake;

  private static final String CUSTOMERS =
      "customer_id,signed_up_at,age_band,region,acquisition_channel\n"
          + "C001,2025-03-01T09:30:00Z,25-34,Zürich,web\n"
          + "C002,2025-03-02T10:00:00Z,35-44,Malmö – Süd,social\n";

  @BeforeAll
  static void lake() {
    lake = new Lake(root.resolve("lake").toString());
  }

  private static Path deliver(String source, LocalDate date, String name, byte[] bytes) throws IOException {
    Path folder = Files.createDirectories(Path.of(lake.landing(source, date)));
    return Files.write(folder.resolve(name), bytes);
  }

  /** The customers fixture with ids unique to one delivery: silver merges on the id across dates. */
  private static String customers(String prefix) {
    return CUSTOMERS.replace("C00", prefix);
  }

  private static byte[] bytes(byte[] bom, String text, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bom);
    out.writeBytes(text.getBytes(charset));
    return out.toByteArray();
  }

  private static Map<String, String> regions(LocalDate date) {
    Map<String, String> regions = new java.util.TreeMap<>();
    for (Row row : lake.read(spark, LakeTable.SILVER_CUSTOMERS).where(col("_landing_date").equalTo(date.toString())).collectAsList()) {
      regions.put(row.getAs("customer_id"), row.getAs("region"));
    }
    return regions;
  }

  private static List<String> encodings(LakeTable bronze, LocalDate date) {
    return lake.read(spark, bronze).where(col("_landing_date").equalTo(date.toString()))
        .select("_source_encoding").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  @Test
  void decodesConfiguredWindows1252AndEveryByteOrderMark() throws IOException {
    Charset cp1252 = Charset.forName("windows-1252");
    LocalDate latin = LocalDate.of(2026, 1, 1);
    LocalDate utf8Bom = LocalDate.of(2026, 1, 2);
    LocalDate utf16Bom = LocalDate.of(2026, 1, 3);
    deliver("customers", latin, "customers.csv", customers("L").getBytes(cp1252));
    deliver("customers", utf8Bom, "customers.csv", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, customers("U"), StandardCharsets.UTF_8));
    deliver("customers", utf16Bom, "customers.csv", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, customers("W"), StandardCharsets.UTF_16LE));
    deliver("channel_events", utf8Bom, "channel_events.jsonl",
        bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            "{\"event_id\":\"E1\",\"customer_id\":\"C001\",\"occurred_at\":\"2025-04-03T07:12:00Z\",\"channel\":\"web\",\"event_type\":\"page_view\",\"attributes\":{\"page\":\"/zürich\"}}\n",
            StandardCharsets.UTF_8));
    Map<String, SourceOptions> windows = Map.of("customers", SourceOptions.of("windows-1252", null, "test"));

    IngestSummary first = Ingest.run(spark, lake, latin, List.of("customers"), "run-latin", windows);
    // BOMs need no configuration; on the UTF-16 day a configured windows-1252 is overridden by the BOM.
    IngestSummary second = Ingest.run(spark, lake, utf8Bom, List.of("customers", "channel_events"), "run-bom8");
    IngestSummary third = Ingest.run(spark, lake, utf16Bom, List.of("customers"), "run-bom16", windows);

    assertThat(first.source("customers").validRows()).as(first.toString()).isEqualTo(2);
    assertThat(regions(latin)).as("windows-1252 decoded, en dash included")
        .isEqualTo(Map.of("L1", "Zürich", "L2", "Malmö – Süd"));
    assertThat(encodings(LakeTable.BRONZE_CUSTOMERS, latin)).containsExactly("windows-1252");
    assertThat(second.source("customers").validRows()).as(second.toString()).isEqualTo(2);
    assertThat(regions(utf8Bom)).isEqualTo(Map.of("U1", "Zürich", "U2", "Malmö – Süd"));
    assertThat(encodings(LakeTable.BRONZE_CUSTOMERS, utf8Bom)).containsExactly("UTF-8+BOM");
    assertThat(second.source("channel_events").validRows()).as("JSON Lines with a UTF-8 BOM: first line is an object").isEqualTo(1);
    assertThat(encodings(LakeTable.BRONZE_CHANNEL_EVENTS, utf8Bom)).containsExactly("UTF-8+BOM");
    assertThat(third.source("customers").validRows()).as(third.toString()).isEqualTo(2);
    assertThat(regions(utf16Bom)).isEqualTo(Map.of("W1", "Zürich", "W2", "Malmö – Süd"));
    assertThat(encodings(LakeTable.BRONZE_CUSTOMERS, utf16Bom)).containsExactly("UTF-16LE+BOM");
  }

  @Test
  void undecodableBytesNameFileLineAndOffset() throws IOException {
    LocalDate date = LocalDate.of(2026, 2, 1);
    // Latin-1 bytes delivered without configuring the source: 0xFC (ü) is not UTF-8.
    byte[] latin = CUSTOMERS.getBytes(StandardCharsets.ISO_8859_1);
    Path file = deliver("customers", date, "customers.csv", latin);
    int offset = CUSTOMERS.indexOf('ü'); // one byte per character before it
    IngestSummary summary = Ingest.run(spark, lake, date, List.of("customers"), "run-bad");
    assertThat(summary.source("customers").status()).isEqualTo(Status.FAILED);
    assertThat(summary.source("customers").error())
        .contains("customers.csv, line 2, byte offset " + offset)
        .contains("not UTF-8 text").contains("0xFC").contains("encoding");

    // 0x81 is undefined in windows-1252: configured or not, it cannot be decoded.
    byte[] bad = (CUSTOMERS + "C003,2025-03-03T10:00:00Z,,X\u0081Y,web\n").getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, bad);
    IngestSummary windows =
        Ingest.run(spark, lake, date, List.of("customers"), "run-bad-1252",
            Map.of("customers", SourceOptions.of("windows-1252", null, "test")));
    assertThat(windows.source("customers").error())
        .contains("line 4, byte offset " + (CUSTOMERS.length() + "C003,2025-03-03T10:00:00Z,,X".length()))
        .contains("not windows-1252 text").contains("0x81");

    assertThatThrownBy(() -> SourceOptions.of("klingon-8", null, "config.yaml, sources.customers"))
        .isInstanceOf(UserError.class).hasMessageContaining("sources.customers, encoding").hasMessageContaining("klingon-8");
    assertThatThrownBy(() -> SourceOptions.of(null, "Mars/Olympus", "config.yaml, sources.customers"))
        .isInstanceOf(UserError.class).hasMessageContaining("time_zone").hasMessageContaining("Mars/Olympus");
  }

  @Test
  void localTimestampsAreReadInTheConfiguredZone() throws IOException {
    // Ids unique per delivery (silver merges on them across dates): Z… with a zone, N… without.
    String transactions =
        "transaction_id,customer_id,occurred_at,product_id,quantity,amount,currency\n"
            + "%1$s1,C1,1997-01-01,cd,1,11.77,USD\n"            // winter date: midnight EST = 05:00Z
            + "%1$s2,C1,1997-07-01 10:30:00,cd,1,12.00,USD\n"   // summer: EDT = UTC-4
            + "%1$s3,C1,1997-07-01T10:30,cd,1,12.00,USD\n"
            + "%1$s4,C1,1997-07-01T10:30:00Z,cd,1,12.00,USD\n"  // explicit zone wins
            + "%1$s5,C1,1997-13-01,cd,1,12.00,USD\n";          // not a date: type
    LocalDate zoned = LocalDate.of(2026, 3, 1);
    LocalDate unzoned = LocalDate.of(2026, 3, 2);
    deliver("transactions", zoned, "transactions.csv", String.format(transactions, "Z").getBytes(StandardCharsets.UTF_8));
    deliver("transactions", unzoned, "transactions.csv", String.format(transactions, "N").getBytes(StandardCharsets.UTF_8));

    IngestSummary withZone =
        Ingest.run(spark, lake, zoned, List.of("transactions"), "run-zone",
            Map.of("transactions", SourceOptions.of(null, "America/New_York", "test")));
    IngestSummary without = Ingest.run(spark, lake, unzoned, List.of("transactions"), "run-nozone");

    assertThat(withZone.source("transactions").validRows()).as(withZone.toString()).isEqualTo(4);
    assertThat(withZone.source("transactions").quarantined(ValidationRule.TYPE)).isEqualTo(1);
    Map<String, Timestamp> at = new java.util.TreeMap<>();
    for (Row row : lake.read(spark, LakeTable.SILVER_TRANSACTIONS).where(col("_landing_date").equalTo(zoned.toString())).collectAsList()) {
      at.put(row.getAs("transaction_id"), row.getAs("occurred_at"));
    }
    assertThat(at).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Z1", Timestamp.from(Instant.parse("1997-01-01T05:00:00Z")),
        "Z2", Timestamp.from(Instant.parse("1997-07-01T14:30:00Z")),
        "Z3", Timestamp.from(Instant.parse("1997-07-01T14:30:00Z")),
        "Z4", Timestamp.from(Instant.parse("1997-07-01T10:30:00Z"))));
    assertThat(BronzeLoader.rows(spark, lake, SourceContract.TRANSACTIONS).where(col("_landing_date").equalTo(zoned.toString()))
            .select("_source_time_zone").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .as("zone recorded in bronze").containsExactly("America/New_York");
    assertThat(without.source("transactions").validRows()).as("without a zone only N4 has one").isEqualTo(1);
    assertThat(without.source("transactions").quarantined(ValidationRule.TYPE)).isEqualTo(4);
  }
}
