package io.triangulate.pipelines.claims;

import io.triangulate.pipelines.claims.OutcomeCounts.Cell;
import io.triangulate.pipelines.stats.Bounds;
import io.triangulate.pipelines.stats.KaplanMeier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * Kaplan–Meier curves of a claim's time to event, from the aggregate (time, events, censored)
 * counts of {@link OutcomeCounts}: for the whole population and for each value of the claim's first
 * segment column that has at least {@code min_segment_size} customers (smaller ones are suppressed
 * as in segment_results).
 */
public final class SurvivalCurves {
  private SurvivalCurves() {}

  /**
   * S(horizon) with its 95% interval. {@code eventIsSurvival} is true when the claimed event is
   * surviving the horizon ({@code no_repeat_purchase}: the curve's event is the repeat purchase).
   */
  public record AtHorizon(double survival, Bounds interval, boolean eventIsSurvival) {
    public AtHorizon(double survival, Bounds interval) {
      this(survival, interval, false);
    }

    /** The Kaplan–Meier estimate of the claimed event rate: 1 − S(horizon), or S(horizon). */
    public double eventRate() {
      return eventIsSurvival ? survival : 1.0 - survival;
    }

    /** Lower 95% bound of {@link #eventRate()}. */
    public double eventRateLow() {
      return eventIsSurvival ? interval.lower() : 1.0 - interval.upper();
    }

    /** Upper 95% bound of {@link #eventRate()}. */
    public double eventRateHigh() {
      return eventIsSurvival ? interval.upper() : 1.0 - interval.lower();
    }
  }

  /**
   * Fits the curve of one cell. {@code stats.KaplanMeier} takes one observation per subject, so the
   * counts are expanded back; the driver holds at most population-size arrays for a moment.
   */
  public static KaplanMeier fit(Cell cell) {
    int n = Math.toIntExact(cell.population());
    double[] times = new double[n];
    boolean[] events = new boolean[n];
    int i = 0;
    for (Map.Entry<Integer, long[]> e : cell.times().entrySet()) {
      for (long j = 0; j < e.getValue()[0]; j++, i++) {
        times[i] = e.getKey();
        events[i] = true;
      }
      for (long j = 0; j < e.getValue()[1]; j++, i++) {
        times[i] = e.getKey();
      }
    }
    return KaplanMeier.fit(times, events, Verdicts.CONFIDENCE);
  }

  /**
   * S(horizon) of the claim's whole-population curve; null when the population is empty or the
   * outcome has no horizon ({@code churned}).
   */
  public static AtHorizon atHorizon(ClaimSpec spec, Cell cell) {
    if (spec.outcome().type() == ClaimSpec.OutcomeType.CHURNED) {
      return null;
    }
    AtHorizon km = atHorizon(cell, spec.horizonDays());
    boolean flip = spec.outcome().type() == ClaimSpec.OutcomeType.NO_REPEAT_PURCHASE;
    return km == null || !flip ? km : new AtHorizon(km.survival(), km.interval(), true);
  }

  /** S(horizon) of a fitted curve; null when the population is empty. */
  public static AtHorizon atHorizon(Cell cell, int horizonDays) {
    if (cell == null || cell.population() == 0) {
      return null;
    }
    KaplanMeier km = fit(cell);
    return new AtHorizon(km.survivalAt(horizonDays), km.intervalAt(horizonDays));
  }

  /** {@code gold/survival_curves} rows of one claim. */
  public static List<Row> rows(ClaimSpec spec, LocalDate runDate, Map<List<String>, Cell> cells) {
    List<Row> rows = new ArrayList<>();
    Cell base = cells.get(List.of(OutcomeCounts.ALL, OutcomeCounts.ALL));
    if (base != null && base.population() > 0) {
      addSteps(rows, spec, runDate, OutcomeCounts.ALL, OutcomeCounts.ALL, base);
    }
    if (!spec.segments().isEmpty()) {
      String column = spec.segments().get(0);
      List<Map.Entry<List<String>, Cell>> segments = cells.entrySet().stream()
          .filter(e -> e.getKey().get(0).equals(column))
          .sorted(Comparator.comparing(e -> e.getKey().get(1)))
          .toList();
      for (Map.Entry<List<String>, Cell> e : segments) {
        if (e.getValue().population() >= spec.minSegmentSize()) {
          addSteps(rows, spec, runDate, column, e.getKey().get(1), e.getValue());
        }
      }
    }
    return rows;
  }

  private static void addSteps(List<Row> rows, ClaimSpec spec, LocalDate runDate, String column, String value, Cell cell) {
    for (KaplanMeier.Step step : fit(cell).steps()) {
      rows.add(new GenericRowWithSchema(new Object[] {
          runDate.toString(), spec.id(), column, value, (int) step.time(), step.atRisk(), step.events(), step.censored(),
          step.survival(), step.interval().lower(), step.interval().upper()}, ClaimResultSchema.SURVIVAL_CURVES));
    }
  }
}
