package io.triangulate.pipelines.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The history of claim results without Spark: first run, withheld comparisons, moves inside the interval. */
class HistoryViewTest {
  private static final StructType HISTORY = new StructType().add("run_date", DataTypes.StringType)
      .add("claim_id", DataTypes.StringType).add("verdict", DataTypes.StringType).add("base_rate", DataTypes.DoubleType)
      .add("base_ci_low", DataTypes.DoubleType).add("base_ci_high", DataTypes.DoubleType).add("observed_n", DataTypes.LongType)
      .add("compare_group_n", DataTypes.LongType).add("compare_versus_n", DataTypes.LongType)
      .add("compare_risk_difference", DataTypes.DoubleType).add("compare_rd_ci_low", DataTypes.DoubleType)
      .add("compare_rd_ci_high", DataTypes.DoubleType);
  private static final LocalDate TODAY = LocalDate.parse("2026-06-30");

  private static Row row(String date, String id, String verdict, double rate, Long groupN) {
    return new GenericRowWithSchema(new Object[] {date, id, verdict, rate, rate - 0.05, rate + 0.05, 100L,
        groupN, groupN == null ? null : 60L, groupN == null ? null : 0.3, groupN == null ? null : 0.1,
        groupN == null ? null : 0.5}, HISTORY);
  }

  @Test
  void firstRunSaysSoAndListsNoChanges() {
    HistoryView history = new HistoryView(TODAY, List.of(row("2026-06-30", "a", "supported", 0.4, null)), 20);
    assertThat(history.previousDate()).as("no earlier run date").isEmpty();
    assertThat(history.change("a")).isEqualTo("first run");
    assertThat(history.changes()).as("nothing to compare").isEmpty();
  }

  @Test
  void comparesWithTheLatestEarlierDateAndWithholdsSmallComparisons() {
    HistoryView history = new HistoryView(TODAY, List.of(
        row("2026-06-20", "a", "contradicted", 0.1, null),
        row("2026-06-28", "a", "supported", 0.42, null), row("2026-06-30", "a", "supported", 0.40, null),
        row("2026-06-28", "cmp", "supported", 0.0, 10L), row("2026-06-30", "cmp", "inconclusive", 0.0, 25L),
        row("2026-07-01", "a", "contradicted", 0.1, null)), 20);
    assertThat(history.previousDate()).as("latest date before today, not a later one").contains("2026-06-28");
    assertThat(history.change("a")).isEqualTo("verdict unchanged; 42.0% → 40.0% (-2.0 pts) since 2026-06-28");
    assertThat(history.change("cmp")).as("yesterday's group of 10 < k: no numbers")
        .isEqualTo("was Supported; rate withheld or missing since 2026-06-28");
    assertThat(history.changes()).as("a moved inside yesterday's interval; cmp flipped")
        .containsExactly("cmp: verdict Supported → Inconclusive");
    assertThat(history.trend("a")).as("trend up to today only, in date order").hasSize(3);
  }

  @Test
  void trendViewDrawsKnownPointsNamesWithheldDatesAndSaysWhenThereIsOneRun() {
    HistoryView history = new HistoryView(TODAY, List.of(
        row("2026-06-28", "cmp", "supported", 0.0, 10L), row("2026-06-29", "cmp", "supported", 0.0, 25L),
        row("2026-06-30", "cmp", "inconclusive", 0.0, 30L), row("2026-06-30", "new", "supported", 0.4, null)), 20);
    java.util.Map<String, Object> cmp = history.view("cmp", 0.0, "no difference");
    assertThat(cmp.get("has_trend_chart")).as("two dates with numbers: a chart").isEqualTo(true);
    assertThat(cmp.get("trend_withheld")).as("06-28's group of 10 < k is named, not drawn")
        .asString().contains("2026-06-28").doesNotContain("2026-06-29");
    assertThat(cmp.get("trend_svg")).as("the drawn points carry the rows' difference").asString()
        .contains("id='trend-cmp'").contains(">+30.0 pts</text>").contains("no difference");
    assertThat(cmp.get("trend_summary")).isEqualTo("3 runs since 2026-06-28: withheld → +30.0 pts → +30.0 pts");
    java.util.Map<String, Object> fresh = history.view("new", 0.3, "claimed at least 30.0%");
    assertThat(fresh.get("is_single_run")).as("one run: a sentence instead of a chart").isEqualTo(true);
    assertThat(fresh.get("has_trend_chart")).isEqualTo(false);
  }
}
