package io.triangulate.pipelines.report;

import io.triangulate.pipelines.claims.Verdicts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The report's content built from gold result rows: {@link #json()} keeps raw numbers for
 * report.json, {@link #view()} adds the formatted strings the HTML template shows. Both come from
 * the same rows, so the page and the JSON cannot disagree.
 *
 * <p>Customer ids never enter the model: the gold tables hold only aggregates, quotes are redacted
 * in silver, and suppressed segments keep neither their count nor their rate.
 */
final class ReportModel {
  private final LocalDate runDate;
  private final List<Row> claims;
  private final List<Row> segments;
  private final int minSegmentSize;
  private final ReportInputs inputs;
  private final HistoryView history;

  /**
   * @param minSegmentSize the report's own floor k: a segment with fewer observed customers is
   *     shown without numbers even when the claim's floor let it through
   */
  ReportModel(LocalDate runDate, ReportInputs inputs, int minSegmentSize) {
    this.runDate = runDate;
    this.minSegmentSize = minSegmentSize;
    this.inputs = inputs;
    this.history = new HistoryView(runDate, inputs.history(), minSegmentSize);
    List<Row> claims = inputs.claims();
    List<Row> segments = inputs.segments();
    this.claims = claims.stream().sorted(Comparator.comparing(r -> r.<String>getAs("claim_id"))).toList();
    this.segments =
        segments.stream()
            .sorted(Comparator.<Row, String>comparing(r -> r.getAs("claim_id"))
                .thenComparing(r -> r.<String>getAs("segment_column"))
                .thenComparing(r -> r.<String>getAs("segment_value")))
            .toList();
  }

  /** Raw numbers, for machines. */
  Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run_date", runDate.toString());
    root.put("confidence_level", 0.95);
    root.put("min_segment_size", minSegmentSize);
    root.put("previous_run_date", history.previousDate().orElse(null));
    root.put("changes", history.changes());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row claim : claims) {
      Map<String, Object> c = new LinkedHashMap<>();
      for (String field : List.of("claim_id", "statement", "spec_hash", "outcome", "expectation", "threshold",
          "population_n", "censored_n", "observed_n", "event_k", "base_rate", "base_ci_low", "base_ci_high",
          "interview_n", "interview_k", "interview_rate", "interview_ci_low", "interview_ci_high", "is_convergent",
          "verdict", "km_event_rate", "km_survival_at_horizon", "km_ci_low", "km_ci_high", "panel_prevalence_missed")) {
        c.put(field, claim.getAs(field));
      }
      c.put("verdict_reason", reason(claim));
      c.putAll(history.json(claim.getAs("claim_id")));
      c.put("supported_segments", claim.getList(claim.fieldIndex("supported_segments")));
      List<Map<String, Object>> quotes = new ArrayList<>();
      List<String> ids = claim.getList(claim.fieldIndex("quote_segment_ids"));
      List<String> texts = claim.getList(claim.fieldIndex("quotes"));
      for (int i = 0; i < ids.size(); i++) {
        quotes.add(orderedMap("segment_id", ids.get(i), "text", texts.get(i)));
      }
      c.put("quotes", quotes);
      List<Map<String, Object>> segs = new ArrayList<>();
      for (Row s : segmentsOf(claim)) {
        boolean suppressed = isSuppressed(s);
        Map<String, Object> m = orderedMap("segment_column", s.getAs("segment_column"), "segment_value", s.getAs("segment_value"));
        m.put("is_suppressed", suppressed);
        m.put("min_segment_size", floor(s));
        m.put("observed_n", suppressed ? null : s.getAs("observed_n"));
        m.put("event_k", suppressed ? null : s.getAs("event_k"));
        m.put("rate", suppressed ? null : s.getAs("rate"));
        m.put("ci_low", suppressed ? null : s.getAs("ci_low"));
        m.put("ci_high", suppressed ? null : s.getAs("ci_high"));
        m.put("verdict", verdictOf(s));
        segs.add(m);
      }
      c.put("segments", segs);
      out.add(c);
    }
    root.put("claims", out);
    root.put("journeys", JourneyView.json(inputs, minSegmentSize));
    root.putAll(QualityView.json(inputs, minSegmentSize));
    return root;
  }

  /** The verdict reason without any group below k (see {@link Redaction}). */
  private String reason(Row claim) {
    return Redaction.reason(claim.getAs("verdict_reason"), minSegmentSize, comparisonBelowK(claim));
  }

  private boolean comparisonBelowK(Row claim) {
    Long groupN = claim.getAs("compare_group_n");
    Long versusN = claim.getAs("compare_versus_n");
    return groupN != null && versusN != null && Math.min(groupN, versusN) < minSegmentSize;
  }

  /** Formatted strings and flags for the Mustache template. */
  Map<String, Object> view() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run_date", runDate.toString());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row claim : claims) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("claim_id", claim.getAs("claim_id"));
      c.put("statement", claim.getAs("statement"));
      c.put("expectation", claim.getAs("expectation"));
      c.put("outcome", claim.getAs("outcome"));
      c.putAll(verdictView(claim.getAs("verdict")));
      c.put("verdict_reason", reason(claim));
      boolean comparison = claim.getAs("compare_group_n") != null && claim.getAs("compare_versus_n") != null;
      c.putAll(comparison ? history.view(claim.getAs("claim_id"), 0.0, "no difference")
          : history.view(claim.getAs("claim_id"), claim.<Double>getAs("threshold"), claimed(claim)));
      c.putAll(SurvivalView.view(claim, inputs.survival(), minSegmentSize));
      Double missed = claim.getAs("panel_prevalence_missed");
      c.put("has_coverage", missed != null);
      c.put("coverage", missed == null ? "" : "A pattern shared by up to " + percent(missed) + " of customers would, with"
          + " probability 90% or more, not appear in any of these " + count(claim.getAs("interview_n")) + " interviews.");
      c.put("observed_n", count(claim.getAs("observed_n")));
      c.put("population_n", count(claim.getAs("population_n")));
      c.put("censored_n", count(claim.getAs("censored_n")));
      c.put("has_censored", claim.<Long>getAs("censored_n") > 0);
      c.put("event_k", count(claim.getAs("event_k")));
      Long groupN = claim.getAs("compare_group_n");
      Long versusN = claim.getAs("compare_versus_n");
      if (comparisonBelowK(claim)) {
        // The groups are segments too: below the report's k their rates, and the gap, stay hidden.
        c.put("base_rate", "–");
        c.put("base_ci", "withheld: a compared group has fewer than " + minSegmentSize + " customers");
      } else if (groupN != null && versusN != null && groupN > 0 && versusN > 0) {
        // A comparison claim is about the gap between two groups, not the pooled rate.
        double groupRate = (double) claim.<Long>getAs("compare_group_k") / groupN;
        double versusRate = (double) claim.<Long>getAs("compare_versus_k") / versusN;
        c.put("base_rate", points(claim.getAs("compare_risk_difference")));
        c.put("base_ci", "95% CI " + points(claim.getAs("compare_rd_ci_low")) + " to " + points(claim.getAs("compare_rd_ci_high"))
            + "; " + percent(groupRate) + " of " + count(groupN) + " vs " + percent(versusRate) + " of " + count(versusN));
      } else {
        c.put("base_rate", percent(claim.getAs("base_rate")));
        c.put("base_ci", interval(claim.getAs("base_ci_low"), claim.getAs("base_ci_high")));
      }
      c.put("interview_n", count(claim.getAs("interview_n")));
      c.put("interview_k", count(claim.getAs("interview_k")));
      c.put("interview_rate", percent(claim.getAs("interview_rate")));
      c.put("interview_ci", interval(claim.getAs("interview_ci_low"), claim.getAs("interview_ci_high")));
      Boolean convergent = claim.getAs("is_convergent");
      c.put("convergence",
          convergent == null ? "not assessable (no interviews or no observed customers)"
              : convergent ? "convergent: the base-wide rate lies inside the interview interval"
              : "divergent: the base-wide rate lies outside the interview interval");
      c.put("convergence_class", convergent == null ? "unknown" : convergent ? "convergent" : "divergent");
      c.put("quotes", claim.getList(claim.fieldIndex("quotes")));
      c.put("has_quotes", !claim.getList(claim.fieldIndex("quotes")).isEmpty());
      List<Map<String, Object>> segs = new ArrayList<>();
      for (Row s : segmentsOf(claim)) {
        boolean suppressed = isSuppressed(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segment", s.getAs("segment_column") + " = " + s.getAs("segment_value"));
        m.put("is_suppressed", suppressed);
        m.put("min_segment_size", floor(s));
        m.put("observed_n", suppressed ? "–" : count(s.getAs("observed_n")));
        m.put("rate", suppressed ? "–" : percent(s.getAs("rate")));
        m.put("ci", suppressed ? "no interval" : interval(s.getAs("ci_low"), s.getAs("ci_high")));
        m.putAll(verdictView(verdictOf(s)));
        segs.add(m);
      }
      c.put("segments", segs);
      c.put("has_segments", !segs.isEmpty());
      c.putAll(chartView(claim));
      out.add(c);
    }
    root.put("claims", out);
    List<String> changes = history.changes();
    root.put("is_first_run", history.previousDate().isEmpty());
    root.put("previous_run_date", history.previousDate().orElse(""));
    root.put("changes", changes);
    root.put("has_changes", !changes.isEmpty());
    root.put("min_segment_size", minSegmentSize);
    root.put("journeys", JourneyView.view(inputs, minSegmentSize));
    root.putAll(QualityView.view(inputs, minSegmentSize));
    return root;
  }

  /** The chart of one claim and, in words, which segments it leaves out and why. */
  private Map<String, Object> chartView(Row claim) {
    String id = claim.getAs("claim_id");
    List<ReportCharts.Bar> bars = new ArrayList<>();
    Double rate = claim.getAs("base_rate");
    Double low = claim.getAs("base_ci_low");
    Double high = claim.getAs("base_ci_high");
    if (rate != null && low != null && high != null) {
      bars.add(new ReportCharts.Bar("all customers", rate, low, high, claim.getAs("verdict")));
    }
    List<String> hidden = new ArrayList<>();
    for (Row s : segmentsOf(claim)) {
      String label = s.getAs("segment_column") + " = " + s.getAs("segment_value");
      Double segmentRate = s.getAs("rate");
      if (isSuppressed(s) || segmentRate == null || s.getAs("ci_low") == null || s.getAs("ci_high") == null) {
        hidden.add(label);
      } else {
        bars.add(new ReportCharts.Bar(label, segmentRate, s.getAs("ci_low"), s.getAs("ci_high"), verdictOf(s)));
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (bars.isEmpty()) {
      m.put("has_chart", false);
      return m;
    }
    try {
      m.put("chart_svg", ReportCharts.barChart(id,
          "Rate with 95% interval for all customers and by segment; " + claimed(claim),
          bars, claim.getAs("threshold"), claimed(claim)));
      m.put("has_chart", true);
    } catch (RuntimeException | Error e) {
      // Java2D needs a font; a bare server may have none. The numbers are all in the tables, so the
      // report is still complete without the picture.
      m.put("has_chart", false);
      m.put("has_hidden_segments", true);
      m.put("hidden_segments", "(chart not drawn: " + e.getClass().getSimpleName()
          + "; install a font such as Debian's fonts-dejavu-core, e.g. with bin/setup)");
      return m;
    }
    m.put("has_hidden_segments", !hidden.isEmpty());
    m.put("hidden_segments", String.join(", ", hidden));
    return m;
  }

  /** The claimed threshold in words, as the charts label their dashed line: "claimed at least 30.0%". */
  private static String claimed(Row claim) {
    String direction = String.valueOf(claim.<String>getAs("expectation")).startsWith("at most") ? "at most " : "at least ";
    return "claimed " + direction + percent(claim.getAs("threshold"));
  }

  /** Suppressed by the claim's own floor or by the report's k, whichever is stricter. */
  private boolean isSuppressed(Row segment) {
    if (segment.<Boolean>getAs("is_suppressed")) {
      return true;
    }
    Long observed = segment.getAs("observed_n");
    return observed == null || observed < minSegmentSize;
  }

  private int floor(Row segment) {
    return Math.max(segment.<Integer>getAs("min_segment_size"), minSegmentSize);
  }

  /** A segment hidden by the report's k must not reveal through its verdict what its rate is. */
  private String verdictOf(Row segment) {
    return isSuppressed(segment) ? Verdicts.SUPPRESSED : segment.getAs("verdict");
  }

  private List<Row> segmentsOf(Row claim) {
    String id = claim.getAs("claim_id");
    return segments.stream().filter(s -> id.equals(s.getAs("claim_id"))).toList();
  }

  /** The verdict as a word, an icon and a CSS class: readable without colour. */
  static Map<String, Object> verdictView(String verdict) {
    String label;
    String icon;
    switch (verdict) {
      case "supported" -> { label = "Supported"; icon = "✔"; }
      case "contradicted" -> { label = "Contradicted"; icon = "✘"; }
      case "holds_in_segments" -> { label = "Holds in segments"; icon = "◐"; }
      case "suppressed" -> { label = "Suppressed"; icon = "–"; }
      case "not_tested" -> { label = "Not tested"; icon = "○"; }
      default -> { label = "Inconclusive"; icon = "?"; }
    }
    return orderedMap("verdict", verdict, "verdict_label", label, "verdict_icon", icon);
  }

  static String percent(Double fraction) {
    return fraction == null ? "–" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  /** A difference of two rates in percentage points, signed. */
  static String points(Double difference) {
    if (difference == null) {
      return "–";
    }
    // A change that rounds to nothing reads "+0.0 pts", not "-0.0 pts".
    double pts = Math.abs(difference * 100) < 0.05 ? 0.0 : difference * 100;
    return String.format(Locale.ROOT, "%+.1f pts", pts);
  }

  static String interval(Double low, Double high) {
    return low == null || high == null
        ? "no interval"
        : String.format(Locale.ROOT, "95%% CI %.1f–%.1f%%", low * 100, high * 100);
  }

  static String count(Long n) {
    return n == null ? "–" : String.format(Locale.ROOT, "%,d", n);
  }

  private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
    Map<String, Object> m = orderedMap(k1, v1, k2, v2);
    m.put(k3, v3);
    return m;
  }
}
