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
}
