package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.adapters.Adapters;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.journeys.PlainJourneys.Edge;
import io.triangulate.pipelines.journeys.PlainJourneys.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journeys on the CDNOW master log (repeat purchase, lapse cohorts): the file goes through
 * {@code ingest --adapter cdnow} and {@code journeys --preset cdnow} into one lake; every expected
 * value is computed here from the raw file with plain Java. Skips when ../shared/data is absent.
 */
class CdnowJourneysTest extends SparkTestBase {
  private static final LocalDate RUN_DATE = LocalDate.of(1998, 6, 30);
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir static Path lakeDir;
  private static Lake lake;
  /** Purchase instants per customer, sorted; a line is one purchase (the adapter's local midnight). */
  private static final Map<String, List<Instant>> purchases = new HashMap<>();
  private static long lines;

  @BeforeAll
  static void runJourneys() throws IOException {
    Path dir = PlainJourneys.sharedData("cdnow", "CdnowJourneysTest");
    DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
    for (String line : Files.readAllLines(dir.resolve("CDNOW_master.txt"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4) {
        continue;
      }
      Instant at = LocalDate.parse(f[1], day).atStartOfDay(NEW_YORK).toInstant();
      purchases.computeIfAbsent(f[0], k -> new ArrayList<>()).add(at);
      lines++;
    }
    purchases.values().forEach(list -> list.sort(null));

    lake = new Lake(lakeDir.toString());
    Adapters.run(spark, lake, Adapters.named("cdnow"), dir.toString(), LocalDate.of(2026, 7, 1), "run-cdnow");
    Journeys.run(spark, lake, RUN_DATE, JourneyPreset.named(JourneyPreset.CDNOW));
  }

  private static long repeaters() {
    return purchases.values().stream().filter(p -> p.size() > 1).count();
  }

  @Test
  void everyBuyerHasAJourneyAndLapsesAreCounted() {
    List<Row> totals =
        lake.read(spark, LakeTable.GOLD_JOURNEYS)
            .agg(
                org.apache.spark.sql.functions.count("customer_id"),
                org.apache.spark.sql.functions.sum("purchase_count"),
                org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("is_abandoned"), 1).otherwise(0)),
                org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("purchase_count").gt(1), 1).otherwise(0)))
            .collectAsList();
    // Lapsed: no purchase in the 180 days up to the run date (purchases count as usage in the preset).
    long lapsed =
        purchases.values().stream()
            .map(p -> p.get(p.size() - 1).atZone(ZoneOffset.UTC).toLocalDate())
            .filter(last -> ChronoUnit.DAYS.between(last, RUN_DATE) >= 180)
            .count();
    Row row = totals.get(0);
    assertThat(purchases).as("CDNOW customers (the README says 23,570)").hasSize(23_570);
    assertThat(row.getLong(0)).as("journeys: one per customer in the log, none in a customer file").isEqualTo(purchases.size());
    assertThat(row.getLong(1)).as("purchases: every line of the file").isEqualTo(lines);
    assertThat(row.getLong(2)).as("lapsed customers (no purchase for 180 days)").isEqualTo(lapsed);
    assertThat(row.getLong(3)).as("repeat buyers (more than one line)").isEqualTo(repeaters());
    System.out.printf("CDNOW: %d journeys, %d purchases, %d repeat buyers, %d lapsed%n",
        purchases.size(), lines, repeaters(), lapsed);
  }

  @Test
  void transitionsAndFunnelAreTheRepeatPurchaseCounts() {
    Map<String, List<Step>> steps = new HashMap<>();
    purchases.forEach((customer, at) -> {
      List<Step> list = new ArrayList<>();
      for (int i = 0; i < at.size(); i++) {
        list.add(new Step(at.get(i), i == 0 ? "purchase" : "loyalty", i == 0 ? 3 : 7));
      }
      steps.put(customer, list);
    });
    Map<String, Edge> expected = PlainJourneys.transitions(steps);
    PlainJourneys.assertTransitions(expected, lake.read(spark, LakeTable.GOLD_TRANSITIONS).collectAsList());
    assertThat(expected.get("purchase>loyalty").customers).as("repeat buyers").hasSize((int) repeaters());

    // Funnel: first purchase → a repeat within 365 days of it (in milliseconds, as the funnel counts).
    long withinYear =
        purchases.values().stream()
            .filter(p -> p.size() > 1 && Duration.between(p.get(0), p.get(1)).compareTo(Duration.ofDays(365)) <= 0)
            .count();
    List<Row> funnel = lake.read(spark, LakeTable.GOLD_FUNNEL).orderBy("funnel_step").collectAsList();
    assertThat(funnel).as("funnel steps").hasSize(2);
    assertThat(funnel.get(0).<Long>getAs("reached_count")).as("first purchase").isEqualTo(purchases.size());
    assertThat(funnel.get(1).<Long>getAs("reached_count")).as("repeat within a year").isEqualTo(withinYear);
    System.out.printf("CDNOW: repeat within a year %d; purchase>loyalty median %.1f h, p90 %.1f h%n",
        withinYear, PlainJourneys.percentile(expected.get("purchase>loyalty").hours, 0.5),
        PlainJourneys.percentile(expected.get("purchase>loyalty").hours, 0.9));

    // Gaps of 90 days or more between consecutive purchases: lapses that ended in a return.
    Map<String, Long> gaps = new TreeMap<>();
    steps.forEach((customer, list) -> {
      for (int i = 1; i < list.size(); i++) {
        if (Duration.between(list.get(i - 1).at(), list.get(i).at()).toMillis() / 86_400_000.0 >= 90) {
          gaps.merge(list.get(i - 1).phase() + ">" + list.get(i).phase(), 1L, Long::sum);
        }
      }
    });
    Map<String, Long> actualGaps = new TreeMap<>();
    for (Row r : lake.read(spark, LakeTable.GOLD_JOURNEY_GAPS).collectAsList()) {
      actualGaps.put(r.getAs("from_phase") + ">" + r.getAs("to_phase"), r.<Long>getAs("gap_count"));
    }
    assertThat(actualGaps).as("gaps of at least 90 days by phase pair").isEqualTo(gaps);
    System.out.println("CDNOW: gaps of 90 days or more " + gaps);
  }

  @Test
  void retentionByFirstPurchaseMonth() {
    // cohort|months since → cohort size, active, new, returning, resurrecting, dormant
    Map<String, long[]> expected = new TreeMap<>();
    YearMonth last = YearMonth.from(RUN_DATE);
    purchases.values().forEach(p -> {
      YearMonth cohort = YearMonth.from(p.get(0).atZone(ZoneOffset.UTC));
      TreeSet<Long> active = new TreeSet<>();
      p.forEach(at -> active.add(cohort.until(YearMonth.from(at.atZone(ZoneOffset.UTC)), ChronoUnit.MONTHS)));
      long months = cohort.until(last, ChronoUnit.MONTHS);
      for (long m = 0; m <= months; m++) {
        long[] c = expected.computeIfAbsent(cohort + "|" + m, k -> new long[6]);
        c[0]++;
        boolean isActive = active.contains(m);
        int bucket = !isActive ? 5 : active.contains(m - 1) ? 3 : active.lower(m) != null ? 4 : 2;
        c[1] += isActive ? 1 : 0;
        c[bucket]++;
      }
    });
    Map<String, long[]> actual = new TreeMap<>();
    for (Row r : lake.read(spark, LakeTable.GOLD_RETENTION).collectAsList()) {
      actual.put(
          YearMonth.from(r.<java.sql.Date>getAs("cohort_month").toLocalDate()) + "|" + r.<Integer>getAs("months_since_signup"),
          new long[] {
            r.getAs("cohort_size"), r.getAs("active_customers"), r.getAs("new_count"),
            r.getAs("returning_count"), r.getAs("resurrecting_count"), r.getAs("dormant_count")
          });
    }
    assertThat(actual.keySet()).as("cohort × month rows (cohorts Jan–Mar 1997)").isEqualTo(expected.keySet());
    expected.forEach((key, c) -> assertThat(actual.get(key))
        .as("%s: size, active, new, returning, resurrecting, dormant", key).containsExactly(c));
    printSummary(expected);
  }

  /** The numbers docs/journeys.md quotes, printed so a rerun shows them. */
  private static void printSummary(Map<String, long[]> retention) {
    StringBuilder out = new StringBuilder("CDNOW retention (cohort|month: size active):");
    retention.forEach((k, c) -> out.append(' ').append(k).append('=').append(c[0]).append('/').append(c[1]));
    System.out.println(out);
  }

  @Test
  void everyJourneyTableIsWrittenAndTheInterviewTablesAreEmpty() {
    PlainJourneys.assertEveryJourneyTableWithoutInterviews(spark, lake);
  }
}
