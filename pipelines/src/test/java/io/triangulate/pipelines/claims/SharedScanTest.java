package io.triangulate.pipelines.claims;

import static io.triangulate.pipelines.claims.ClaimFixtures.OBSERVED_UNTIL;
import static io.triangulate.pipelines.claims.ClaimFixtures.claimFile;
import static io.triangulate.pipelines.claims.ClaimFixtures.event;
import static io.triangulate.pipelines.claims.ClaimFixtures.journey;
import static io.triangulate.pipelines.claims.ClaimFixtures.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.claims.OutcomeCounts.Cell;
import io.triangulate.pipelines.journeys.JourneySchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass path (claims of a family counted together: {@link OutcomeCounts#collect}) against
 * one job per claim ({@link OutcomeCounts#collectOneByOne}) on a small world with every outcome
 * type, families of several claims that differ in horizon, inactivity window, filter and segment
 * columns, a pooled comparison on {@code first_product_id} and filters: same counts in every cell
 * and time step, so the same verdicts. A few cells of the newer outcome types are checked by hand.
 *
 * <p>World, observed until 2026-06-30; everybody signed up on 2025-01-01:
 * C1 buys a watch on 2025-01-10 and again on 2025-03-01, syncs it until 2025-03-01, churns on
 * 2025-02-01 (competitor); C2 buys two watches on 2025-01-10, syncs until 2026-06-20, churns on
 * 2025-05-01 (price); C3 buys a band and a watch at the same time on 2025-01-10 (first product: band,
 * the smaller id) and buys again on 2026-06-01; C4 buys a watch on 2026-06-01; C5 buys a watch on
 * 2025-01-10 and returns it on 2025-02-01; C6 churns on 2026-07-05, after the run date; C7, C8 buy
 * nothing.
 */
class SharedScanTest extends SparkTestBase {
  @TempDir static Path claimsDir;
  private static List<ClaimSpec> specs;
  private static Dataset<Row> journeys;
  private static Dataset<Row> transactions;
  private static Dataset<Row> events;

  @BeforeAll
  static void world() {
    int reason = JourneySchema.JOURNEYS.fieldIndex("churn_reason_code");
    List<Row> people = new ArrayList<>();
    people.add(withValue(journey("C1", "2025-01-01", "25-34", "north", "web", true, "2025-02-01"), reason, "competitor"));
    people.add(withValue(journey("C2", "2025-01-01", "25-34", "south", "web", false, "2025-05-01"), reason, "price"));
    people.add(journey("C3", "2025-01-01", "35-44", "north", "social", true, null));
    people.add(journey("C4", "2025-01-01", "35-44", "south", "social", false, null));
    people.add(journey("C5", "2025-01-01", "25-34", "north", "store", true, null));
    people.add(withValue(journey("C6", "2025-01-01", "35-44", "south", "store", true, "2026-07-05"), reason, "competitor"));
    people.add(journey("C7", "2025-01-01", "25-34", "north", "web", false, null));
    people.add(journey("C8", "2025-01-01", "35-44", "south", "web", true, null));
    journeys = ClaimFixtures.journeys(spark, people);
    transactions = ClaimFixtures.transactions(spark, List.of(
        purchase("T1", "C1", "2025-01-10", "sports_watch", 1), purchase("T2", "C1", "2025-03-01", "sports_watch", 1),
        purchase("T3", "C2", "2025-01-10", "sports_watch", 1), purchase("T4", "C2", "2025-01-10", "sports_watch", 1),
        purchase("T5", "C3", "2025-01-10", "sports_watch", 1), purchase("T6", "C3", "2025-01-10", "band", 1),
        purchase("T7", "C3", "2026-06-01", "band", 1), purchase("T8", "C4", "2026-06-01", "sports_watch", 1),
        purchase("T9", "C5", "2025-01-10", "sports_watch", 1), purchase("T10", "C5", "2025-02-01", "sports_watch", -1)));
    events = ClaimFixtures.events(spark, List.of(
        event("E1", "C1", "2025-03-01", "watch_sync", "sports_watch"), event("E2", "C2", "2026-06-20", "watch_sync", "sports_watch"),
        event("E3", "C2", "2026-06-25", "app_open", "sports_watch"), event("E4", "C5", "2025-01-20", "watch_sync", "sports_watch")));
    claimFile(claimsDir, "a", ClaimFixtures.WATCH_CLAIM.replace("segments: [region, is_setup_completed]",
        "segments: [region, first_product_id]\nmin_segment_size: 1"));
    claimFile(claimsDir, "b", ClaimFixtures.churnClaim("churn_90", 90, 0.2, "[age_band, acquisition_channel]", "[exit]"));
    claimFile(claimsDir, "c", """
        id: competitor_reason
        statement: Competitors are why people leave
        interview_codes: [exit]
        outcome: {type: churned, reason_codes: [competitor]}
        expectation: {at_least: 0.1}
        segments: [region]
        min_segment_size: 1
        """);
    claimFile(claimsDir, "d", """
        id: one_time_buyers
        statement: Most buyers never buy again
        interview_codes: [loyalty]
        population:
          filters: [{column: age_band, op: in, values: ['25-34', '35-44']}]
        outcome: {type: no_repeat_purchase}
        horizon_days: 365
        expectation: {at_least: 0.5}
        segments: [first_product_id, region]
        min_segment_size: 1
        """);
    claimFile(claimsDir, "e", """
        id: watch_first_churn
        statement: Watch-first customers churn more than band-first or non-buyers
        interview_codes: [exit]
        outcome: {type: churned}
        expectation:
          compare: {column: first_product_id, group: sports_watch, versus: [band, none], direction: higher}
        segments: [is_setup_completed]
        min_segment_size: 1
        """);
    // Same families as claims a and b, with another horizon, inactivity window, filter and segments:
    // counted in the same aggregations as conditional sums, so cells must not leak between them.
    claimFile(claimsDir, "f", ClaimFixtures.WATCH_CLAIM.replace("id: watch_abandonment", "id: watch_stops_90")
        .replace("horizon_days: 183", "horizon_days: 90").replace("inactive_days: 60", "inactive_days: 30")
        .replace("segments: [region, is_setup_completed]", "segments: [is_setup_completed]\nmin_segment_size: 1"));
    claimFile(claimsDir, "g", """
        id: north_churn_365
        statement: Northern customers cancel within a year
        interview_codes: [exit]
        population:
          filters: [{column: region, op: '=', value: north}]
        outcome: {type: churn_within}
        horizon_days: 365
        expectation: {at_least: 0.1}
        segments: [region, age_band]
        min_segment_size: 1
        """);
    specs = ClaimSpecs.loadFolder(claimsDir);
  }

  /**
   * Every customer's flags are computed once: no filter over them below the aggregate. A filter on the
   * masks (or the size(keys) > 0 that a plain explode infers) is pushed through the projection that
   * defines them and inlines the whole expression again for every customer: half the claim
   * validation's time at SF3 (docs/benchmarks.md, "Peer comparison: DuckDB").
   */
  @Test
  void flagsAreNotRecomputedInPushedDownFilters(@TempDir Path files) {
    // From Parquet, as in the lake: filters over in-memory rows are evaluated away by the optimizer.
    journeys.write().parquet(files.resolve("journeys").toString());
    transactions.write().parquet(files.resolve("transactions").toString());
    events.write().parquet(files.resolve("events").toString());
    var plan = OutcomeCounts.counts(OutcomeCounts.families(specs), spark.read().parquet(files.resolve("journeys").toString()),
            spark.read().parquet(files.resolve("transactions").toString()), spark.read().parquet(files.resolve("events").toString()),
            OBSERVED_UNTIL, 15)
        .queryExecution().optimizedPlan();
    List<String> filters = new ArrayList<>();
    plan.foreach(node -> {
      if (node instanceof org.apache.spark.sql.catalyst.plans.logical.Filter f) {
        filters.add(f.condition().sql());
      }
      return null;
    });
    assertThat(filters).as("filters of the optimized one-pass plan").isNotEmpty()
        .noneMatch(c -> c.contains("CASE WHEN")).noneMatch(c -> c.contains("size("));
  }

  @Test
  void onePassCountsAndVerdictsEqualOneJobPerClaim() {
    Map<String, Map<List<String>, Cell>> shared = OutcomeCounts.collect(spark, specs, journeys, transactions, events, OBSERVED_UNTIL);
    Map<String, Map<List<String>, Cell>> single = OutcomeCounts.collectOneByOne(spark, specs, journeys, transactions, events, OBSERVED_UNTIL);
    assertThat(flatten(shared)).as("every claim × segment cell, with its time steps").isEqualTo(flatten(single));
    // Two claims per mask: the churn and usage families need two and three mask columns.
    Map<String, Map<List<String>, Cell>> narrow = OutcomeCounts.collect(specs, journeys, transactions, events, OBSERVED_UNTIL, 2);
    assertThat(flatten(narrow)).as("the same cells with the flags spread over several mask columns").isEqualTo(flatten(single));
    assertThat(shared).as("all seven claims counted").hasSize(7);
    assertThat(shared.get("north_churn_365").keySet()).as("the filtered claim: only its own columns, only northern values")
        .containsExactlyInAnyOrder(List.of("", ""), List.of("region", "north"), List.of("age_band", "25-34"), List.of("age_band", "35-44"));
    Cell north = shared.get("north_churn_365").get(List.of("", ""));
    assertThat(List.of(north.population(), north.censored(), north.events()))
        .as("C1 C3 C5 C7 signed up in the north; C1 churned within the year").containsExactly(4L, 0L, 1L);

    // Hand checks of the newer outcome types (see the class comment).
    Cell noRepeat = shared.get("one_time_buyers").get(List.of("", ""));
    assertThat(List.of(noRepeat.population(), noRepeat.censored(), noRepeat.events()))
        .as("buyers C1-C5; C4 censored (first purchase 2026-06-01); C2, C3 (repeat after 365 days), C5 (a return is no purchase)")
        .containsExactly(5L, 1L, 3L);
    Cell band = shared.get("one_time_buyers").get(List.of(ClaimSpec.FIRST_PRODUCT_ID, "band"));
    assertThat(band.events()).as("C3's first product is band (same time, smaller id)").isEqualTo(1L);
    Cell competitor = shared.get("competitor_reason").get(List.of("", ""));
    assertThat(List.of(competitor.observed(), competitor.events()))
        .as("C1 only: C2 left for price, C6's churn is after the run date").containsExactly(8L, 1L);
    Cell nonBuyers = shared.get("watch_first_churn").get(List.of(ClaimSpec.FIRST_PRODUCT_ID, ClaimValidation.MISSING_VALUE));
    assertThat(nonBuyers.observed()).as("C6-C8 never bought").isEqualTo(3L);

    // The statistics are computed on the driver from the counts alone: equal counts, equal rows.
    Dataset<Row> interviews = ClaimFixtures.interviews(spark, List.of());
    Dataset<Row> segments = ClaimFixtures.segments(spark, List.of());
    ClaimValidation.Results onePass =
        ClaimValidation.evaluate(spark, specs, shared, journeys, transactions, interviews, segments, OBSERVED_UNTIL);
    ClaimValidation.Results oneByOne =
        ClaimValidation.evaluate(spark, specs, single, journeys, transactions, interviews, segments, OBSERVED_UNTIL);
    assertThat(onePass.claimResults()).as("claim_results rows").isEqualTo(oneByOne.claimResults());
    assertThat(onePass.segmentResults()).as("segment_results rows").isEqualTo(oneByOne.segmentResults());
    assertThat(onePass.survivalCurves()).as("survival_curves rows").isEqualTo(oneByOne.survivalCurves());
    Row compare = onePass.claimResults().stream().filter(r -> "watch_first_churn".equals(r.getAs("claim_id"))).findFirst().orElseThrow();
    assertThat(List.of(compare.<Long>getAs("compare_group_n"), compare.<Long>getAs("compare_group_k"),
            compare.<Long>getAs("compare_versus_n"), compare.<Long>getAs("compare_versus_k")))
        .as("watch-first C1 C2 C4 C5 (2 churned) vs band-first C3; 'none' matches nobody").containsExactly(4L, 2L, 1L, 0L);
  }

  private static Map<String, List<Long>> flatten(Map<String, Map<List<String>, Cell>> cells) {
    Map<String, List<Long>> out = new TreeMap<>();
    cells.forEach((claim, byKey) -> byKey.forEach((key, cell) -> {
      List<Long> values = new ArrayList<>(List.of(cell.population(), cell.censored(), cell.events()));
      cell.times().forEach((time, counts) -> values.addAll(List.of((long) time, counts[0], counts[1])));
      out.put(claim + "/" + key, values);
    }));
    return out;
  }

  private static Row withValue(Row row, int index, Object value) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    values[index] = value;
    return RowFactory.create(values);
  }
}
