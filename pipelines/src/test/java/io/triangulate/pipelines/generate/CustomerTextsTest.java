package io.triangulate.pipelines.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.Ingest;
import io.triangulate.pipelines.ingest.IngestSummary;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's customer texts: as many as asked for, loaded by ingest without a quarantined row,
 * consistent with the world they describe, and without changing any other landing file.
 */
class CustomerTextsTest extends SparkTestBase {
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  private static final int CUSTOMERS = 1_000;
  private static final int PER_1000 = 80;

  @TempDir static Path withTexts;
  @TempDir static Path withoutTexts;
  private static IngestSummary.SourceResult ingested;
  private static Dataset<Row> silver;

  @BeforeAll
  static void generateAndIngest() {
    WorldSpec spec = WorldSpec.of(5L, CUSTOMERS, RUN_DATE, 0);
    WorldGenerator.generate(spec.withTextsPer1000(PER_1000), withTexts);
    WorldGenerator.generate(spec, withoutTexts);
    Lake lake = new Lake(withTexts.toString());
    ingested = Ingest.run(spark, lake, RUN_DATE, List.of(WorldGenerator.CUSTOMER_TEXTS), "texts-test")
        .source(WorldGenerator.CUSTOMER_TEXTS);
    silver = lake.read(spark, LakeTable.SILVER_CUSTOMER_TEXTS).cache();
  }

  @Test
  void ingestLoadsEveryTextWithoutQuarantine() throws IOException {
    long lines = Files.readAllLines(file(withTexts, WorldGenerator.CUSTOMER_TEXTS, CustomerTexts.FILE)).size();
    // 1,000 customers × 80 per 1,000 = 80 expected; a binomial draw, so within a few standard deviations.
    assertThat(lines).as("texts written at 80 per 1,000 customers").isBetween(55L, 105L);
    assertThat(ingested.status()).as("ingest status: " + ingested).isEqualTo(IngestSummary.Status.INGESTED);
    assertThat(ingested.quarantined()).as("rows breaking the customer_texts contract").isZero();
    assertThat(silver.count()).as("silver rows = lines").isEqualTo(lines);
    assertThat(silver.select("text_id").distinct().count()).as("text_id is a key").isEqualTo(lines);
    assertThat(silver.select("text_type").distinct().collectAsList().stream().map(r -> r.getString(0)))
        .as("text types").containsExactlyInAnyOrder("support", "review", "survey");
  }

  @Test
  void textsAgreeWithTheWorld() throws IOException {
    Map<String, Timestamp> signedUp = new HashMap<>();
    for (Map<String, String> r : LandingFiles.readCsv(file(withTexts, "customers", "customers.csv")).rows()) {
      signedUp.put(r.get("customer_id"), Timestamp.from(java.time.Instant.parse(r.get("signed_up_at"))));
    }
    Set<String> churned = new HashSet<>();
    for (Map<String, String> r : LandingFiles.readCsv(file(withTexts, "churn", "churn.csv")).rows()) {
      churned.add(r.get("customer_id"));
    }
    Set<String> setupDone = new HashSet<>();
    for (String line : Files.readAllLines(file(withTexts, "channel_events", "channel_events.jsonl"))) {
      if (line.contains("\"event_type\":\"setup_completed\"")) {
        setupDone.add(line.substring(line.indexOf("\"customer_id\":\"") + 15, line.indexOf("\",\"occurred_at\"")));
      }
    }
    assertThat(setupDone).as("customers who completed setup, read from channel_events").isNotEmpty().allMatch(signedUp::containsKey);
    Timestamp end = Timestamp.from(RUN_DATE.atStartOfDay(ZoneOffset.UTC).toInstant());
    for (Row t : silver.select("text_id", "customer_id", "written_at", "text_type", "rating", "text", "attributes").collectAsList()) {
      String id = t.getString(0);
      String customer = t.getString(1);
      Timestamp at = t.getTimestamp(2);
      String type = t.getString(3);
      assertThat(at).as(id + " written before the run date").isBefore(end);
      assertThat(t.getString(5).split("[.!?] ").length).as(id + " has at least two sentences: " + t.getString(5)).isGreaterThanOrEqualTo(2);
      if (customer == null) {
        assertThat(type).as(id + ": only public reviews are anonymous").isEqualTo("review");
        continue;
      }
      assertThat(signedUp).as(id + " author is a customer").containsKey(customer);
      assertThat(at).as(id + " written after the author signed up").isAfterOrEqualTo(signedUp.get(customer));
      switch (type) {
        case "support" -> {
          assertThat(setupDone).as(id + ": setup tickets come from customers who never completed setup").doesNotContain(customer);
          assertThat(t.isNullAt(4)).as(id + " tickets have no rating").isTrue();
        }
        case "review" -> assertThat(t.getInt(4)).as(id + " stars").isBetween(1, 5);
        case "survey" -> {
          assertThat(t.getInt(4)).as(id + " survey score").isBetween(0, 10);
          if ("exit".equals(t.<String, String>getJavaMap(6).get("survey"))) {
            assertThat(churned).as(id + ": exit surveys come from churned customers").contains(customer);
          }
        }
        default -> throw new AssertionError(id + ": unexpected text_type " + type);
      }
    }
  }

  @Test
  void otherLandingFilesAreUnchangedByTexts() throws IOException {
    for (String[] f : new String[][] {
        {"customers", "customers.csv"}, {"transactions", "transactions.csv"}, {"channel_events", "channel_events.jsonl"}, {"churn", "churn.csv"}}) {
      assertThat(Files.mismatch(file(withTexts, f[0], f[1]), file(withoutTexts, f[0], f[1])))
          .as(f[1] + " is the same with and without texts").isEqualTo(-1L);
    }
    assertThat(WorldGenerator.landingDir(withoutTexts, WorldGenerator.CUSTOMER_TEXTS, RUN_DATE))
        .as("no customer_texts folder when none are asked for").doesNotExist();
  }

  private static Path file(Path lake, String source, String name) {
    return WorldGenerator.landingDir(lake, source, RUN_DATE).resolve(name);
  }
}
