package io.triangulate.pipelines.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;

/**
 * A duration claim's Kaplan–Meier chart from {@code gold/survival_curves}: the whole population
 * and each segment curve whose starting population reaches the report's k (smaller ones are named,
 * not drawn). The claim's horizon is read from its outcome text ("… within 90 days …").
 */
final class SurvivalView {
  private SurvivalView() {}

  private static final Pattern HORIZON = Pattern.compile("within (\\d+) days");

  static Map<String, Object> view(Row claim, List<Row> survival, int k) {
    String id = claim.getAs("claim_id");
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, List<Row>> byCurve = new LinkedHashMap<>();
    survival.stream().filter(r -> id.equals(r.getAs("claim_id")))
        .sorted(Comparator.comparing((Row r) -> r.<String>getAs("segment_column"))
            .thenComparing(r -> r.<String>getAs("segment_value")).thenComparing(r -> r.<Integer>getAs("time_days")))
        .forEach(r -> byCurve.computeIfAbsent(label(r), x -> new ArrayList<>()).add(r));
    List<SectionCharts.Curve> curves = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byCurve.entrySet()) {
      List<Row> steps = e.getValue();
      // The first step's at-risk count is everyone in the curve: the segment's size.
      if (steps.get(0).<Long>getAs("at_risk") < k) {
        hidden.add(e.getKey());
        continue;
      }
      List<SectionCharts.Step> points = new ArrayList<>();
      for (Row s : steps) {
        points.add(new SectionCharts.Step(s.getAs("time_days"), s.getAs("survival"), s.getAs("ci_low"), s.getAs("ci_high")));
      }
      curves.add(new SectionCharts.Curve(e.getKey(), points));
    }
    m.put("has_km", !curves.isEmpty());
    if (curves.isEmpty()) {
      return m;
    }
    Matcher horizon = HORIZON.matcher(String.valueOf(claim.<String>getAs("outcome")));
    int horizonDays = horizon.find() ? Integer.parseInt(horizon.group(1)) : 0;
    m.put("km_svg", JourneyView.chart(() -> SectionCharts.kmChart(id,
        "Kaplan–Meier curve: share of customers without the event over time, with 95% bands, for "
            + String.join(", ", curves.stream().map(SectionCharts.Curve::label).toList()), curves, horizonDays)));
    m.put("km_hidden", hidden.isEmpty() ? "" : "Not drawn (fewer than " + k + " customers): " + String.join(", ", hidden) + ".");
    m.put("km_at_horizon", ReportModel.percent(claim.getAs("km_event_rate")));
    m.put("km_ci", claim.getAs("km_ci_low") == null ? "no interval"
        : ReportModel.interval(1 - claim.<Double>getAs("km_ci_high"), 1 - claim.<Double>getAs("km_ci_low")));
    return m;
  }

  private static String label(Row r) {
    String column = r.getAs("segment_column");
    return column.isEmpty() ? "all customers" : column + " = " + r.getAs("segment_value");
  }
}
