package io.triangulate.pipelines.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.SourceContract;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A four-customer world whose journeys can be checked by hand. */
class JourneysTest extends SparkTestBase {
  private static final LocalDate RUN_DATE = LocalDate.parse("2026-06-30");
  private static Map<String, Row> journeys;
  private static Dataset<Row> steps;

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @BeforeAll
  static void buildJourneys() {
    Dataset<Row> customers =
        spark.createDataFrame(
            List.of(
                RowFactory.create("C1", at("2026-01-01T09:00:00Z"), "25-34", "north", "search"),
                RowFactory.create("C2", at("2026-02-01T09:00:00Z"), "18-24", "south", "social"),
                RowFactory.create("C3", at("2026-06-01T09:00:00Z"), "55+", "east", "store"),
                RowFactory.create("C4", at("2026-07-05T09:00:00Z"), "55+", "east", "store")),
            SourceContract.CUSTOMERS.silverSchema());
    Dataset<Row> transactions =
        spark.createDataFrame(
            List.of(
                RowFactory.create("T1", "C1", at("2026-01-05T10:00:00Z"), "sports_watch", "wearables", 1, new BigDecimal("199.00"), "EUR", "web"),
                RowFactory.create("T2", "C1", at("2026-02-05T10:00:00Z"), "watch_strap", "accessories", 1, new BigDecimal("19.00"), "EUR", "web")),
            SourceContract.TRANSACTIONS.silverSchema());
    Dataset<Row> events =
        spark.createDataFrame(
            List.of(
                RowFactory.create("E1", "C1", at("2026-01-06T08:00:00Z"), "app", "setup_completed", "sports_watch", null),
                RowFactory.create("E2", "C1", at("2026-01-07T08:00:00Z"), "device", "watch_sync", "sports_watch", null),
                RowFactory.create("E3", "C1", at("2026-03-01T08:00:00Z"), "device", "watch_sync", "sports_watch", null),
                RowFactory.create("E4", "C1", at("2026-07-02T08:00:00Z"), "device", "watch_sync", "sports_watch", null),
                RowFactory.create("E5", "C2", at("2026-02-02T08:00:00Z"), "web", "page_view", null, null),
                // C4 signs up after the run date but was seen before it; L1 is in no customer file.
                RowFactory.create("E6", "C4", at("2026-06-10T08:00:00Z"), "web", "page_view", null, null),
                RowFactory.create("E7", "L1", at("2026-05-03T08:00:00Z"), "email", "email_open", null, null)),
            SourceContract.CHANNEL_EVENTS.silverSchema());
    Dataset<Row> churn =
        spark.createDataFrame(
            List.of(RowFactory.create("C2", at("2026-03-01T00:00:00Z"), "price", "too expensive")),
            SourceContract.CHURN.silverSchema());

    steps = Journeys.steps(transactions, events, churn, PhaseMap.defaults(), RUN_DATE);
    journeys =
        Journeys.journeys(customers, steps, churn, null, PhaseMap.defaults(), RUN_DATE, 60).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r));
  }

  @Test
  void matchesTheJourneySchema() {
    assertThat(List.of(Journeys.journeys(
                spark.createDataFrame(List.of(), SourceContract.CUSTOMERS.silverSchema()),
                steps.limit(0), steps.sparkSession().createDataFrame(List.of(), SourceContract.CHURN.silverSchema()),
                null, PhaseMap.defaults(), RUN_DATE, 60).schema().fieldNames()))
        .as("gold/journeys columns, in order")
        .containsExactly(JourneySchema.JOURNEYS.fieldNames());
  }

  @Test
  void stepsAfterTheRunDateAreUnknown() {
    assertThat(journeys).as("C4 signed up after the run date").doesNotContainKey("C4");
    assertThat(steps.where("customer_id = 'C1'").count()).as("C1's steps up to 2026-06-30").isEqualTo(5);
  }

  @Test
  void watchBuyerWhoWentSilentIsAbandoned() {
    Row c1 = journeys.get("C1");
    assertThat(c1.<String>getList(c1.fieldIndex("phases_reached")))
        .as("phases in journey order")
        .containsExactly("purchase", "onboarding", "usage", "loyalty");
    assertThat(c1.getString(c1.fieldIndex("current_phase"))).as("last step was a sync").isEqualTo("usage");
    assertThat(c1.getLong(c1.fieldIndex("purchase_count"))).isEqualTo(2);
    assertThat(c1.getLong(c1.fieldIndex("usage_event_count"))).isEqualTo(2);
    assertThat(c1.getBoolean(c1.fieldIndex("is_setup_completed"))).isTrue();
    assertThat(c1.getTimestamp(c1.fieldIndex("last_usage_at"))).isEqualTo(at("2026-03-01T08:00:00Z"));
    assertThat(c1.getBoolean(c1.fieldIndex("is_abandoned"))).as("121 days without a sync ≥ 60").isTrue();
    assertThat(c1.getTimestamp(c1.fieldIndex("abandoned_at"))).isEqualTo(at("2026-03-01T08:00:00Z"));
    assertThat(c1.getInt(c1.fieldIndex("tenure_days"))).isEqualTo(180);
  }

  @Test
  void churnedCustomerEndsInExit() {
    Row c2 = journeys.get("C2");
    assertThat(c2.getBoolean(c2.fieldIndex("is_churned"))).isTrue();
    assertThat(c2.getString(c2.fieldIndex("churn_reason_code"))).isEqualTo("price");
    assertThat(c2.getString(c2.fieldIndex("current_phase"))).isEqualTo("exit");
    assertThat(c2.<String>getList(c2.fieldIndex("phases_reached"))).containsExactly("consideration", "exit");
    assertThat(c2.getBoolean(c2.fieldIndex("is_abandoned"))).as("never bought or used anything").isFalse();
    assertThat(c2.getInt(c2.fieldIndex("tenure_days"))).as("signup to churn").isEqualTo(28);
  }

  @Test
  void customerOnlyInTheLogsSignedUpWhenFirstSeen() {
    Row l1 = journeys.get("L1");
    assertThat(l1).as("L1 has steps but no customers row").isNotNull();
    assertThat(l1.getTimestamp(l1.fieldIndex("signed_up_at"))).as("signup = first step").isEqualTo(at("2026-05-03T08:00:00Z"));
    assertThat(l1.getString(l1.fieldIndex("region"))).as("no customer attributes").isNull();
    assertThat(l1.getLong(l1.fieldIndex("step_count"))).isEqualTo(1);
    assertThat(l1.getString(l1.fieldIndex("current_phase"))).isEqualTo("awareness");
  }

  @Test
  void customerWithoutStepsStillHasAJourney() {
    Row c3 = journeys.get("C3");
    assertThat(c3.getLong(c3.fieldIndex("step_count"))).isZero();
    assertThat(c3.getTimestamp(c3.fieldIndex("first_seen_at"))).isEqualTo(at("2026-06-01T09:00:00Z"));
    assertThat(c3.getString(c3.fieldIndex("current_phase"))).isEqualTo("awareness");
    assertThat(c3.<String>getList(c3.fieldIndex("phases_reached"))).isEmpty();
  }
}
