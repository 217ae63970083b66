package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.report.ReportModel.interval;
import static io.triangulate.pipelines.report.ReportModel.percent;
import static io.triangulate.pipelines.report.ReportModel.points;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Each claim's trend across the nightly runs in {@code gold/claim_results} and what changed since
 * the previous run date: verdict flips, rates that moved outside the previous run's interval, claims
 * that appeared or disappeared. A comparison claim's headline number is the risk difference; it is
 * withheld on any date where one of its groups was below the report's k.
 */
final class HistoryView {
  private final LocalDate runDate;
  private final List<Row> history;
  private final int k;
  private final Optional<String> previousDate;

  HistoryView(LocalDate runDate, List<Row> history, int k) {
    this.runDate = runDate;
    this.history = history;
    this.k = k;
    TreeSet<String> dates = new TreeSet<>();
    history.forEach(r -> dates.add(r.getAs("run_date")));
    this.previousDate = Optional.ofNullable(dates.lower(runDate.toString()));
  }

  /** The run date before this one with any claim result; empty on the first run. */
  Optional<String> previousDate() {
    return previousDate;
  }

  /** A claim's headline number on one date: rate (or risk difference) and interval; null when withheld or absent. */
  record Point(String runDate, String verdict, Double rate, Double low, Double high, boolean isComparison) {}

  Point point(Row r) {
    Long groupN = r.getAs("compare_group_n");
    Long versusN = r.getAs("compare_versus_n");
    boolean comparison = groupN != null && versusN != null;
    if (comparison && Math.min(groupN, versusN) < k) {
      return new Point(r.getAs("run_date"), r.getAs("verdict"), null, null, null, true);
    }
    return comparison
        ? new Point(r.getAs("run_date"), r.getAs("verdict"), r.getAs("compare_risk_difference"),
            r.getAs("compare_rd_ci_low"), r.getAs("compare_rd_ci_high"), true)
        : new Point(r.getAs("run_date"), r.getAs("verdict"), r.getAs("base_rate"), r.getAs("base_ci_low"),
            r.getAs("base_ci_high"), false);
  }

  List<Point> trend(String claimId) {
    return history.stream().filter(r -> claimId.equals(r.getAs("claim_id")))
        .filter(r -> r.<String>getAs("run_date").compareTo(runDate.toString()) <= 0)
        .sorted(java.util.Comparator.comparing((Row r) -> r.<String>getAs("run_date")))
        .map(this::point).toList();
  }

  private Optional<Point> on(String claimId, String date) {
    return trend(claimId).stream().filter(p -> p.runDate().equals(date)).findFirst();
  }

  /** The verdict card's one-line change since the previous run. */
  String change(String claimId) {
    if (previousDate.isEmpty()) {
      return "first run";
    }
    Optional<Point> before = on(claimId, previousDate.get());
    Optional<Point> now = on(claimId, runDate.toString());
    if (before.isEmpty()) {
      return "new since " + previousDate.get();
    }
    if (now.isEmpty()) {
      return "";
    }
    String verdict = before.get().verdict().equals(now.get().verdict())
        ? "verdict unchanged"
        : "was " + label(before.get().verdict());
    Double a = before.get().rate();
    Double b = now.get().rate();
    String move = a == null || b == null ? "rate withheld or missing"
        : (now.get().isComparison() ? points(a) + " → " + points(b) : percent(a) + " → " + percent(b))
            + " (" + points(b - a) + ")";
    return verdict + "; " + move + " since " + previousDate.get();
  }

  /** "What changed since the previous run": one sentence per change, verdict flips first. */
  List<String> changes() {
    List<String> flips = new ArrayList<>();
    List<String> moves = new ArrayList<>();
    if (previousDate.isEmpty()) {
      return List.of();
    }
    TreeSet<String> ids = new TreeSet<>();
    history.stream().filter(r -> previousDate.get().equals(r.getAs("run_date")) || runDate.toString().equals(r.getAs("run_date")))
        .forEach(r -> ids.add(r.getAs("claim_id")));
    for (String id : ids) {
      Optional<Point> before = on(id, previousDate.get());
      Optional<Point> now = on(id, runDate.toString());
      if (before.isEmpty()) {
        flips.add(id + ": new claim, " + label(now.get().verdict()));
        continue;
      }
      if (now.isEmpty()) {
        flips.add(id + ": no longer validated (was " + label(before.get().verdict()) + ")");
        continue;
      }
      Point a = before.get();
      Point b = now.get();
      if (!a.verdict().equals(b.verdict())) {
        flips.add(id + ": verdict " + label(a.verdict()) + " → " + label(b.verdict()));
      }
      if (a.rate() != null && b.rate() != null && a.low() != null && a.high() != null
          && (b.rate() < a.low() || b.rate() > a.high())) {
        String from = b.isComparison() ? points(a.rate()) : percent(a.rate());
        String to = b.isComparison() ? points(b.rate()) : percent(b.rate());
        moves.add(id + ": " + (b.isComparison() ? "difference " : "rate ") + from + " → " + to
            + ", outside the previous run's " + (b.isComparison() ? "interval" : interval(a.low(), a.high())));
      }
    }
    List<String> out = new ArrayList<>(flips);
    out.addAll(moves);
    return out;
  }

  /** Per claim for report.json: the previous run's verdict and number, and the trend. */
  Map<String, Object> json(String claimId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("previous_run_date", previousDate.orElse(null));
    Optional<Point> before = previousDate.flatMap(d -> on(claimId, d));
    m.put("previous_verdict", before.map(Point::verdict).orElse(null));
    m.put("previous_rate", before.map(Point::rate).orElse(null));
    m.put("change", change(claimId));
    List<Map<String, Object>> trend = new ArrayList<>();
    for (Point p : trend(claimId)) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("run_date", p.runDate());
      t.put("verdict", p.verdict());
      t.put("rate", p.rate());
      t.put("ci_low", p.low());
      t.put("ci_high", p.high());
      t.put("measure", p.isComparison() ? "risk_difference" : "base_rate");
      trend.add(t);
    }
    m.put("trend", trend);
    return m;
  }

  /**
   * Per claim for the template: the change line, the trend table, the trend chart (from the second
   * run on) and a one-line summary of the trend for the verdict card.
   *
   * @param reference the claimed threshold (a comparison claim: 0, no difference), drawn as a line
   * @param referenceLabel what the line says, e.g. "claimed at least 30.0%"
   */
  Map<String, Object> view(String claimId, double reference, String referenceLabel) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("change", change(claimId));
    List<Point> points = trend(claimId);
    List<Map<String, Object>> trend = new ArrayList<>();
    for (Point p : points) {
      Map<String, Object> t = new LinkedHashMap<>(ReportModel.verdictView(p.verdict()));
      t.put("run_date", p.runDate());
      t.put("rate", format(p));
      t.put("ci", p.rate() == null ? "" : p.isComparison()
          ? "95% CI " + points(p.low()) + " to " + points(p.high()) : interval(p.low(), p.high()));
      trend.add(t);
    }
    m.put("trend", trend);
    m.put("has_trend", trend.size() > 1);
    m.put("is_single_run", trend.size() == 1);
    m.put("single_run_date", points.isEmpty() ? "" : points.get(0).runDate());
    List<Point> drawn = points.stream().filter(p -> p.rate() != null && p.low() != null && p.high() != null).toList();
    List<String> withheld = points.stream().filter(p -> !drawn.contains(p)).map(Point::runDate).toList();
    boolean comparison = points.stream().anyMatch(Point::isComparison);
    m.put("trend_runs", points.size());
    m.put("trend_reference", referenceLabel);
    m.put("trend_summary", summary(points));
    // With two runs the card's change line already says everything the summary would.
    m.put("has_trend_summary", points.size() > 2);
    m.put("has_trend_chart", false);
    if (drawn.size() > 1) {
      List<TrendChart.Point> chartPoints = drawn.stream()
          .map(p -> new TrendChart.Point(LocalDate.parse(p.runDate()), p.rate(), p.low(), p.high())).toList();
      String title = (comparison ? "Difference of the groups' rates" : "Base-wide rate") + " with its 95% interval on each of "
          + drawn.size() + " nightly runs, " + drawn.get(0).runDate() + " to " + drawn.get(drawn.size() - 1).runDate()
          + "; " + referenceLabel;
      String svg = JourneyView.chart(() -> TrendChart.chart(claimId, title, chartPoints, reference, referenceLabel, comparison));
      m.put("trend_svg", svg);
      m.put("has_trend_chart", true);
    }
    m.put("trend_withheld", withheld.isEmpty() ? ""
        : "Not drawn (a compared group below " + k + " customers, or no interval): " + String.join(", ", withheld) + ".");
    return m;
  }

  /** The card's trend line: every value up to five runs, else first → last with the range between. */
  private static String summary(List<Point> points) {
    if (points.size() < 2) {
      return "";
    }
    String values;
    if (points.size() <= 5) {
      values = String.join(" → ", points.stream().map(HistoryView::format).toList());
    } else {
      List<Double> known = points.stream().map(Point::rate).filter(java.util.Objects::nonNull).toList();
      boolean comparison = points.get(0).isComparison();
      values = format(points.get(0)) + " → " + format(points.get(points.size() - 1))
          + (known.isEmpty() ? "" : " (range " + value(java.util.Collections.min(known), comparison) + " to "
              + value(java.util.Collections.max(known), comparison) + ")");
    }
    return points.size() + " runs since " + points.get(0).runDate() + ": " + values;
  }

  private static String format(Point p) {
    return p.rate() == null ? "withheld" : value(p.rate(), p.isComparison());
  }

  private static String value(double v, boolean comparison) {
    return comparison ? points(v) : percent(v);
  }

  private static String label(String verdict) {
    return (String) ReportModel.verdictView(verdict).get("verdict_label");
  }
}
