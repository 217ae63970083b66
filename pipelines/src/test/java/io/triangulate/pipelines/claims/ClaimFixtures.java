package io.triangulate.pipelines.claims;

import io.triangulate.pipelines.coding.CodedSegmentSchema;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.journeys.JourneySchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Hand-made rows in the lake's schemas for claim tests. Dates are UTC days, timestamps at noon UTC. */
public final class ClaimFixtures {
  private ClaimFixtures() {}

  public static final LocalDate OBSERVED_UNTIL = LocalDate.parse("2026-06-30");

  public static Timestamp at(String day) {
    return day == null ? null : Timestamp.from(Instant.parse(day + "T12:00:00Z"));
  }

  /** A journeys row; everything a claim does not read is filled with neutral values. */
  public static Row journey(
      String customerId, String signedUp, String ageBand, String region, String channel, boolean setupCompleted, String churned) {
    Timestamp signed = at(signedUp);
    return RowFactory.create(
        customerId, signed, ageBand, region, channel, signed, signed, 1L, List.of(), "awareness",
        null, 0L, null, null, 0L, setupCompleted, false, null, churned != null, at(churned), null, false,
        Date.valueOf(OBSERVED_UNTIL), 0);
  }

  public static Row purchase(String id, String customerId, String day, String product, int quantity) {
    return RowFactory.create(id, customerId, at(day), product, null, quantity, new BigDecimal("199.00"), "EUR", "web");
  }

  public static Row event(String id, String customerId, String day, String type, String product) {
    return RowFactory.create(id, customerId, at(day), "device", type, product, null);
  }

  public static Row interview(String id, boolean supportedLanguage) {
    return interview(id, supportedLanguage, null);
  }

  /** An interview linked (consented, pseudonymous) to {@code customerId}, or unlinked when null. */
  public static Row interview(String id, boolean supportedLanguage, String customerId) {
    return RowFactory.create(id, Date.valueOf("2026-05-01"), customerId, "persona", supportedLanguage ? "en" : "xx", supportedLanguage, 10, 5, 100, "h", id + ".txt", "customer_journey", "1");
  }

  public static Row segment(String id, String interviewId, String quote, List<String> themes, List<String> negated, double confidence) {
    return segment(id, interviewId, quote, themes, negated, confidence, null);
  }

  /** A coded sentence that mentions a duration ({@code durationDays}, null = none). */
  public static Row segment(
      String id, String interviewId, String quote, List<String> themes, List<String> negated, double confidence, Integer durationDays) {
    return RowFactory.create(
        id, interviewId, null, "respondent", 1, 0, 0, quote.length(), null, quote, themes, List.of(), List.of(),
        negated, !negated.isEmpty(), durationDays == null ? null : durationDays + " days", durationDays, "auto", "demo", "1", confidence, "h",
        List.of(), List.of(), List.of(), null, null, null, null, null);
  }

  public static Dataset<Row> journeys(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, JourneySchema.JOURNEYS);
  }

  public static Dataset<Row> transactions(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SourceContract.TRANSACTIONS.silverSchema());
  }

  public static Dataset<Row> events(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SourceContract.CHANNEL_EVENTS.silverSchema());
  }

  public static Dataset<Row> interviews(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, CodedSegmentSchema.INTERVIEWS);
  }

  public static Dataset<Row> segments(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, CodedSegmentSchema.CODED_SEGMENTS);
  }

  /** Writes {@code yaml} to {@code dir/<name>.yaml} and returns the file. */
  public static Path claimFile(Path dir, String name, String yaml) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name + ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final String WATCH_CLAIM =
      """
      id: watch_abandonment
      statement: At least 30% of sports-watch buyers stop using it within six months
      interview_codes: [product_abandonment]
      population:
        product: sports_watch
      outcome:
        type: usage_stops
        product: sports_watch
        usage_event_types: [watch_sync]
        inactive_days: 60
      horizon_days: 183
      expectation: {at_least: 0.30}
      segments: [region, is_setup_completed]
      """;

  /** A churn claim with the given id, horizon, threshold and segments. */
  public static String churnClaim(String id, int horizonDays, double atLeast, String segments, String codes) {
    return "id: " + id + "\n"
        + "statement: At least " + Math.round(atLeast * 100) + "% of customers cancel within " + horizonDays + " days\n"
        + "interview_codes: " + codes + "\n"
        + "outcome: {type: churn_within}\n"
        + "horizon_days: " + horizonDays + "\n"
        + "expectation: {at_least: " + atLeast + "}\n"
        + "segments: " + segments + "\n";
  }
}
