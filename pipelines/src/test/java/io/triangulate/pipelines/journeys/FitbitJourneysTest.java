package io.triangulate.pipelines.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.adapters.Adapters;
import io.triangulate.pipelines.generate.LandingFiles;
import io.triangulate.pipelines.journeys.PlainJourneys.Step;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
 * Journeys on the Fitbit daily activity log ({@code ingest --adapter fitbit}, {@code journeys
 * --preset fitbit}): every logged day is a usage step. Expected values come from the raw CSV with
 * plain Java; the data set has no interviews, so the interview tables must exist and be empty.
 * Skips when ../shared/data is absent.
 */
class FitbitJourneysTest extends SparkTestBase {
  private static final LocalDate RUN_DATE = LocalDate.of(2016, 5, 12);
  private static final int LAPSE_DAYS = 7;

  @TempDir static Path lakeDir;
  private static Lake lake;
  /** Distinct logged days per user (the file repeats 24 user-days; ingest keeps one of each). */
  private static final Map<String, TreeSet<LocalDate>> days = new HashMap<>();

  private static LocalDate day(String text) {
    for (String pattern : List.of("M/d/yyyy", "yyyy-MM-dd")) {
      try {
        return LocalDate.parse(text, DateTimeFormatter.ofPattern(pattern));
      } catch (DateTimeParseException e) {
        // next pattern
      }
    }
    throw new IllegalArgumentException("unexpected ActivityDate " + text);
  }

  @BeforeAll
  static void runJourneys() {
    Path dir = PlainJourneys.sharedData("fitbit_usage", "FitbitJourneysTest");
    for (Map<String, String> row : LandingFiles.readCsv(dir.resolve("dailyActivity_merged.csv")).rows()) {
      days.computeIfAbsent(row.get("Id"), k -> new TreeSet<>()).add(day(row.get("ActivityDate")));
    }
    lake = new Lake(lakeDir.toString());
    Adapters.run(spark, lake, Adapters.named("fitbit"), dir.toString(), LocalDate.of(2026, 7, 3), "run-fitbit");
    Journeys.run(spark, lake, RUN_DATE, JourneyPreset.named(JourneyPreset.FITBIT));
  }

  @Test
  void everyJourneyTableIsWrittenAndTheInterviewTablesAreEmpty() {
    PlainJourneys.assertEveryJourneyTableWithoutInterviews(spark, lake);
    assertThat(lake.read(spark, LakeTable.GOLD_LOOPS).count()).as("one phase only: no back-steps").isZero();
  }

  @Test
  void journeysCountDaysLapsesAndGaps() {
    long steps = days.values().stream().mapToLong(TreeSet::size).sum();
    assertThat(lake.read(spark, LakeTable.GOLD_TIMELINES).count()).as("one step per distinct user-day").isEqualTo(steps);

    Map<String, Row> journeys = new HashMap<>();
    lake.read(spark, LakeTable.GOLD_JOURNEYS).collectAsList().forEach(r -> journeys.put(r.getAs("customer_id"), r));
    assertThat(journeys.keySet()).as("one journey per user").isEqualTo(days.keySet());
    long lapsed = days.values().stream().filter(d -> ChronoUnit.DAYS.between(d.last(), RUN_DATE) >= LAPSE_DAYS).count();
    assertThat(journeys.values().stream().filter(r -> r.<Boolean>getAs("is_abandoned")).count())
        .as("users whose last logged day is at least 7 days before %s", RUN_DATE).isEqualTo(lapsed);
    days.forEach((user, d) -> assertThat(journeys.get(user).<Long>getAs("usage_event_count")).as("%s days", user)
        .isEqualTo(d.size()));

    List<Double> gaps = new ArrayList<>();
    Map<String, List<Step>> stepsByUser = new HashMap<>();
    days.forEach((user, d) -> {
      LocalDate previous = null;
      for (LocalDate date : d) {
        if (previous != null && ChronoUnit.DAYS.between(previous, date) >= LAPSE_DAYS) {
          gaps.add((double) ChronoUnit.DAYS.between(previous, date));
        }
        previous = date;
        stepsByUser.computeIfAbsent(user, k -> new ArrayList<>())
            .add(new Step(date.atStartOfDay(ZoneOffset.UTC).toInstant(), "usage", 5));
      }
    });
    List<Row> gapRows = lake.read(spark, LakeTable.GOLD_JOURNEY_GAPS).collectAsList();
    long gapCount = gapRows.stream().mapToLong(r -> r.<Long>getAs("gap_count")).sum();
    assertThat(gapCount).as("silences of 7 days or more between logged days").isEqualTo(gaps.size());
    PlainJourneys.assertTransitions(
        PlainJourneys.transitions(stepsByUser), lake.read(spark, LakeTable.GOLD_TRANSITIONS).collectAsList());
    System.out.println("Fitbit: " + days.size() + " users, " + steps + " days, " + lapsed + " lapsed on " + RUN_DATE
        + ", gaps " + gaps);
  }

  @Test
  void funnelAndRetentionCountActiveUsersPerMonth() {
    List<Row> funnel = lake.read(spark, LakeTable.GOLD_FUNNEL).collectAsList();
    assertThat(funnel).as("one-step usage funnel").hasSize(1);
    assertThat(funnel.get(0).<Long>getAs("reached_count")).isEqualTo(days.size());

    // Cohort = month of the first logged day (no customer file); active = any logged day in the month.
    Map<String, Long> expected = new TreeMap<>();
    days.values().forEach(d -> {
      LocalDate cohort = d.first().withDayOfMonth(1);
      for (LocalDate month = cohort; !month.isAfter(RUN_DATE); month = month.plusMonths(1)) {
        LocalDate m = month;
        boolean active = d.stream().anyMatch(x -> x.withDayOfMonth(1).equals(m));
        expected.merge(cohort + "+" + ChronoUnit.MONTHS.between(cohort, month) + (active ? " active" : " size"), 1L, Long::sum);
        if (active) {
          expected.merge(cohort + "+" + ChronoUnit.MONTHS.between(cohort, month) + " size", 1L, Long::sum);
        }
      }
    });
    Map<String, Long> actual = new TreeMap<>();
    for (Row r : lake.read(spark, LakeTable.GOLD_RETENTION).collectAsList()) {
      String key = r.getAs("cohort_month").toString() + "+" + r.<Integer>getAs("months_since_signup");
      actual.put(key + " size", r.getAs("cohort_size"));
      if (r.<Long>getAs("active_customers") > 0) {
        actual.put(key + " active", r.getAs("active_customers"));
      }
    }
    assertThat(actual).as("cohort sizes and active users per month since first day").isEqualTo(expected);
    System.out.println("Fitbit retention: " + actual);
  }
}
