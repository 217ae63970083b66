package io.triangulate.pipelines.claims;

import static io.triangulate.pipelines.claims.ClaimFixtures.OBSERVED_UNTIL;
import static io.triangulate.pipelines.claims.ClaimFixtures.event;
import static io.triangulate.pipelines.claims.ClaimFixtures.journey;
import static io.triangulate.pipelines.claims.ClaimFixtures.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcome flags on customers whose answers can be checked by hand; observed until 2026-06-30. */
class ClaimCompilerTest extends SparkTestBase {
  @TempDir Path dir;

  private static final String EVENT = "event";
  private static final String NOT_EVENT = "not event";
  private static final String CENSORED = "censored";

  @Test
  void usageStopsFlagsEventsNonEventsAndCensoring() {
    ClaimSpec spec = ClaimSpec.load(ClaimFixtures.claimFile(dir, "watch", ClaimFixtures.WATCH_CLAIM));
    List<Row> journeys = List.of(
        journey("W1", "2025-01-01", "25-34", "north", "web", false, null),
        journey("W2", "2025-01-01", "25-34", "north", "web", true, null),
        journey("W3", "2025-01-01", "25-34", "south", "web", true, null),
        journey("W4", "2025-01-01", "35-44", "south", "web", true, null),
        journey("W5", "2025-01-01", "35-44", "south", "web", true, null),
        journey("W6", "2025-01-01", "35-44", "south", "web", true, null),
        journey("W7", "2025-01-01", "35-44", "south", "web", true, null),
        journey("W8", "2025-01-01", "35-44", "south", "web", true, null),
        journey("W9", "2025-01-01", "35-44", "south", "web", true, null),
        journey("W10", "2025-01-01", "35-44", "south", "web", true, null),
        journey("W11", "2025-01-01", "35-44", "south", "web", true, null));
    List<Row> transactions = List.of(
        purchase("T1", "W1", "2026-01-01", "sports_watch", 1),
        purchase("T2", "W2", "2025-06-01", "sports_watch", 1),
        purchase("T3", "W3", "2025-06-01", "sports_watch", 1),
        purchase("T4", "W4", "2026-03-01", "sports_watch", 1),
        purchase("T5", "W5", "2026-03-01", "sports_watch", 1),
        purchase("T6", "W6", "2026-01-01", "watch_strap", 1),
        purchase("T7", "W7", "2026-07-05", "sports_watch", 1),
        purchase("T8", "W8", "2025-01-01", "sports_watch", 1),
        purchase("T9", "W9", "2025-03-01", "sports_watch", -1),
        purchase("T10", "W10", "2026-01-01", "sports_watch", 1),
        purchase("T11a", "W11", "2025-01-01", "sports_watch", 1),
        purchase("T11b", "W11", "2025-08-01", "sports_watch", 1));
    List<Row> events = List.of(
        // W2: last sync exactly on anchor + 183 (2025-12-01): still "stopped within the horizon".
        event("E2a", "W2", "2025-07-01", "watch_sync", "sports_watch"),
        event("E2b", "W2", "2025-12-01", "watch_sync", "sports_watch"),
        // W3: a sync on anchor + 184: used after the horizon.
        event("E3", "W3", "2025-12-02", "watch_sync", "sports_watch"),
        // W4: last sync + 60 days = 2026-06-30, the observation day: the silence is complete.
        event("E4", "W4", "2026-05-01", "watch_sync", "sports_watch"),
        // W5: last sync + 60 days = 2026-07-01: not yet known.
        event("E5", "W5", "2026-05-02", "watch_sync", "sports_watch"),
        // W8: an app_open after the horizon is not usage; the last sync is early.
        event("E8a", "W8", "2025-02-01", "watch_sync", "sports_watch"),
        event("E8b", "W8", "2025-12-01", "app_open", "sports_watch"),
        // W10: a sync after the observation day is unknown.
        event("E10a", "W10", "2026-04-01", "watch_sync", "sports_watch"),
        event("E10b", "W10", "2026-07-10", "watch_sync", "sports_watch"),
        // W11: anchored on the FIRST purchase (2025-01-01, horizon end 2025-07-03).
        event("E11", "W11", "2025-08-15", "watch_sync", "sports_watch"));

    Dataset<Row> outcomes = ClaimCompiler.outcomes(spark, spec,
        ClaimFixtures.journeys(spark, journeys), ClaimFixtures.transactions(spark, transactions),
        ClaimFixtures.events(spark, events), OBSERVED_UNTIL);

    assertThat(outcomes.columns()).as("output columns")
        .containsExactly("customer_id", "region", "is_setup_completed", "is_censored", "is_event", "time_days", "is_time_event");
    assertThat(flags(outcomes)).as("flags per customer (W6 no watch, W7 bought after the observation day, W9 only a return)")
        .isEqualTo(new TreeMap<>(Map.of(
            "W1", EVENT, "W2", EVENT, "W3", NOT_EVENT, "W4", EVENT, "W5", CENSORED,
            "W8", EVENT, "W10", EVENT, "W11", NOT_EVENT)));
    assertThat(times(outcomes)).as("days from first purchase to last sync; censored (+) while the silence is incomplete")
        .containsEntry("W1", "0") // no sync at all: stopped on the purchase day
        .containsEntry("W4", "61")
        .containsEntry("W5", "62+")
        .containsEntry("W11", "226"); // stopped after the horizon: an event for the curve, not for the rate
  }

  @Test
  void churnWithinFlagsEventsNonEventsAndCensoring() {
    ClaimSpec spec = ClaimSpec.load(ClaimFixtures.claimFile(dir, "churn",
        ClaimFixtures.churnClaim("quick_churn", 90, 0.2, "[acquisition_channel]", "[exit]")));
    List<Row> journeys = List.of(
        journey("D1", "2026-01-01", "25-34", "north", "social", true, "2026-04-01"), // anchor + 90 exactly
        journey("D2", "2026-01-01", "25-34", "north", "social", true, "2026-04-02"), // anchor + 91
        journey("D3", "2026-04-01", "25-34", "north", "web", true, null), // horizon ends on the observation day
        journey("D4", "2026-04-02", "25-34", "north", "web", true, null), // horizon ends after it
        journey("D5", "2026-04-02", "25-34", "north", "web", true, "2026-05-01"), // early churn is known early
        journey("D6", "2026-07-01", "25-34", "north", "web", true, null), // signed up after the observation day
        journey("D7", "2026-04-02", "25-34", "north", "web", true, "2026-07-15")); // churn not yet known

    Dataset<Row> outcomes = ClaimCompiler.outcomes(spark, spec, ClaimFixtures.journeys(spark, journeys),
        ClaimFixtures.transactions(spark, List.of()), ClaimFixtures.events(spark, List.of()), OBSERVED_UNTIL);

    assertThat(outcomes.columns()).as("output columns")
        .containsExactly("customer_id", "acquisition_channel", "is_censored", "is_event", "time_days", "is_time_event");
    assertThat(flags(outcomes)).as("flags per customer")
        .isEqualTo(new TreeMap<>(Map.of(
            "D1", EVENT, "D2", NOT_EVENT, "D3", NOT_EVENT, "D4", CENSORED, "D5", EVENT, "D7", CENSORED)));
    assertThat(times(outcomes)).as("time to churn, or censored at the observation day (\"+\")")
        .isEqualTo(new TreeMap<>(Map.of(
            "D1", "90", "D2", "91", "D3", "90+", "D4", "89+", "D5", "29", "D7", "89+")));
  }

  @Test
  void populationFiltersNarrowTheCustomers() {
    String yaml = ClaimFixtures.churnClaim("north_churn", 90, 0.2, "[]", "[exit]")
        + "population:\n  filters:\n    - {column: region, op: in, values: [north, east]}\n"
        + "    - {column: is_setup_completed, op: '=', value: true}\n";
    ClaimSpec spec = ClaimSpec.load(ClaimFixtures.claimFile(dir, "north", yaml));
    List<Row> journeys = List.of(
        journey("F1", "2026-01-01", "25-34", "north", "web", true, null),
        journey("F2", "2026-01-01", "25-34", "east", "web", true, null),
        journey("F3", "2026-01-01", "25-34", "south", "web", true, null),
        journey("F4", "2026-01-01", "25-34", "north", "web", false, null),
        journey("F5", "2026-01-01", "25-34", null, "web", true, null));

    Dataset<Row> outcomes = ClaimCompiler.outcomes(spark, spec, ClaimFixtures.journeys(spark, journeys),
        ClaimFixtures.transactions(spark, List.of()), ClaimFixtures.events(spark, List.of()), OBSERVED_UNTIL);

    assertThat(flags(outcomes).keySet()).as("customers in north/east with setup completed").containsExactly("F1", "F2");
  }

  /** customer → time_days, with "+" when censored there. */
  private static Map<String, String> times(Dataset<Row> outcomes) {
    Map<String, String> out = new TreeMap<>();
    for (Row row : outcomes.collectAsList()) {
      out.put(row.getAs("customer_id"), row.<Integer>getAs("time_days") + (row.<Boolean>getAs("is_time_event") ? "" : "+"));
    }
    return out;
  }

  private static Map<String, String> flags(Dataset<Row> outcomes) {
    Map<String, String> out = new TreeMap<>();
    for (Row row : outcomes.collectAsList()) {
      String id = row.getAs("customer_id");
      boolean censored = row.getAs("is_censored");
      boolean event = row.getAs("is_event");
      assertThat(censored && event).as("censored customer %s flagged as event", id).isFalse();
      out.put(id, censored ? CENSORED : event ? EVENT : NOT_EVENT);
    }
    return out;
  }
}
