package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.report.ReportModel.count;

import io.triangulate.pipelines.journeys.PhaseMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The journeys section: the phase funnel and the phase flow as charts, loops, long gaps, what
 * interviewees said against what they did, and the touchpoints no log covers. Every count of
 * customers below the report's k is withheld (and the page says how many rows that hid).
 */
final class JourneyView {
  private JourneyView() {}

  static final String START = "start";
  static final String END = "end";

  /** Raw numbers for report.json. */
  static Map<String, Object> json(ReportInputs in, int k) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> funnel = new ArrayList<>();
    for (Row r : sorted(in.funnel(), "funnel_step")) {
      long reached = r.<Long>getAs("reached_count");
      boolean hidden = reached < k;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("funnel_step", r.getAs("funnel_step"));
      s.put("phase", r.getAs("phase"));
      s.put("is_suppressed", hidden);
      s.put("reached_count", hidden ? null : reached);
      s.put("conversion_from_start", hidden ? null : r.getAs("conversion_from_start"));
      funnel.add(s);
    }
    m.put("funnel", funnel);
    m.put("transitions", edges(in.transitions(), k, "occurrence_count"));
    m.put("transitions_withheld", belowK(in.transitions(), k));
    m.put("loops", edges(in.loops(), k, "occurrence_count"));
    m.put("loops_withheld", belowK(in.loops(), k));
    m.put("gaps", edges(in.gaps(), k, "gap_count"));
    m.put("gaps_withheld", belowK(in.gaps(), k));
    List<Map<String, Object>> sayDo = new ArrayList<>();
    for (Row r : in.sayDo()) {
      long n = r.<Long>getAs("customer_count");
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("verdict", r.getAs("verdict"));
      s.put("is_suppressed", n < k);
      s.put("customer_count", n < k ? null : n);
      sayDo.add(s);
    }
    m.put("say_do", sayDo);
    return m;
  }

  /** How many rows a count below k left out: the page says it, so report.json says it too. */
  private static long belowK(List<Row> rows, int k) {
    return rows.stream().filter(r -> r.<Long>getAs("customer_count") < k).count();
  }

  private static List<Map<String, Object>> edges(List<Row> rows, int k, String countColumn) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.<Long>getAs("customer_count") >= k) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("from_phase", r.getAs("from_phase"));
        e.put("to_phase", r.getAs("to_phase"));
        e.put("customer_count", r.getAs("customer_count"));
        e.put(countColumn, r.getAs(countColumn));
        out.add(e);
      }
    }
    return out;
  }

  /** Formatted strings, tables and charts for the template. */
  static Map<String, Object> view(ReportInputs in, int k) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<SectionCharts.FunnelStep> steps = new ArrayList<>();
    List<String> hiddenSteps = new ArrayList<>();
    for (Row r : sorted(in.funnel(), "funnel_step")) {
      long reached = r.<Long>getAs("reached_count");
      if (reached < k) {
        hiddenSteps.add(r.getAs("phase"));
      } else {
        steps.add(new SectionCharts.FunnelStep(r.getAs("phase"), reached));
      }
    }
    m.put("has_funnel", !steps.isEmpty());
    if (!steps.isEmpty()) {
      m.put("funnel_svg", chart(() -> SectionCharts.funnelChart("phases",
          "Customers reaching each funnel step: " + describe(steps), steps)));
    }
    m.put("funnel_note", hiddenSteps.isEmpty() ? "" : "Steps reached by fewer than " + k + " customers are not shown: "
        + String.join(", ", hiddenSteps) + ".");

    List<Row> shown = in.transitions().stream().filter(r -> r.<Long>getAs("customer_count") >= k
        && !r.getAs("from_phase").equals(r.getAs("to_phase"))).toList();
    List<String> nodes = nodes(shown);
    List<FlowChart.Edge> edges = new ArrayList<>();
    for (Row r : shown) {
      edges.add(new FlowChart.Edge(nodes.indexOf(r.<String>getAs("from_phase")), nodes.indexOf(r.<String>getAs("to_phase")),
          r.<Long>getAs("customer_count")));
    }
    m.put("has_flow", !edges.isEmpty());
    if (!edges.isEmpty()) {
      m.put("flow_svg", chart(() -> FlowChart.flowChart("phases",
          "Directly-follows graph of journey phases with " + edges.size() + " transitions", nodes, edges)));
    }
    int hiddenEdges = in.transitions().size() - shown.size();
    m.put("flow_note", hiddenEdges == 0 ? "" : "Transitions taken by fewer than " + k
        + " customers, not drawn: " + hiddenEdges + ".");

    m.put("loops", rows(in.loops(), k, "occurrence_count", null));
    m.put("loops_note", hiddenNote(in.loops(), k, "Back-steps"));
    m.put("has_loops", !in.loops().isEmpty());
    m.put("gaps", rows(in.gaps(), k, "gap_count", "median_gap_days"));
    m.put("gaps_note", hiddenNote(in.gaps(), k, "Gaps"));
    m.put("has_gaps", !in.gaps().isEmpty());
    List<Map<String, Object>> sayDo = new ArrayList<>();
    for (Row r : in.sayDo()) {
      long n = r.<Long>getAs("customer_count");
      sayDo.add(Map.of("verdict", String.valueOf(r.<String>getAs("verdict")).replace('_', ' '),
          "customers", n < k ? "fewer than " + k : count(n)));
    }
    m.put("say_do", sayDo);
    m.put("has_say_do", !sayDo.isEmpty());
    List<String> uncovered = new ArrayList<>();
    for (Row r : in.coverage()) {
      if (!r.<Boolean>getAs("is_covered")) {
        uncovered.add(r.<String>getAs("touchpoint_id") + " (" + r.<Long>getAs("interview_count") + " interviews)");
      }
    }
    m.put("has_uncovered", !uncovered.isEmpty());
    m.put("uncovered", String.join(", ", uncovered));
    m.put("has_journeys", !in.funnel().isEmpty() || !in.transitions().isEmpty() || !in.sayDo().isEmpty());
    return m;
  }

  /** Phases in journey order (the default phase map's, unknown ones after it), between start and end. */
  static List<String> nodes(List<Row> edges) {
    List<String> order = PhaseMap.defaults().phases();
    List<String> phases = new ArrayList<>();
    for (Row r : edges) {
      for (String p : List.of(r.<String>getAs("from_phase"), r.<String>getAs("to_phase"))) {
        if (!phases.contains(p) && !p.equals(START) && !p.equals(END)) {
          phases.add(p);
        }
      }
    }
    phases.sort(Comparator.<String>comparingInt(p -> order.contains(p) ? order.indexOf(p) : order.size())
        .thenComparing(Comparator.naturalOrder()));
    List<String> nodes = new ArrayList<>();
    nodes.add(START);
    nodes.addAll(phases);
    nodes.add(END);
    return nodes;
  }

  private static List<Map<String, Object>> rows(List<Row> rows, int k, String countColumn, String daysColumn) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows.stream().sorted(Comparator.comparing((Row r) -> -r.<Long>getAs("customer_count"))).toList()) {
      if (r.<Long>getAs("customer_count") < k) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", r.getAs("from_phase"));
      m.put("to", r.getAs("to_phase"));
      m.put("customers", count(r.getAs("customer_count")));
      m.put("times", count(r.getAs(countColumn)));
      if (daysColumn != null) {
        m.put("days", String.format(Locale.ROOT, "%.0f", r.<Double>getAs(daysColumn)));
        m.put("max_days", String.format(Locale.ROOT, "%.0f", r.<Double>getAs("max_gap_days")));
      }
      out.add(m);
    }
    return out;
  }

  private static String hiddenNote(List<Row> rows, int k, String what) {
    long hidden = rows.stream().filter(r -> r.<Long>getAs("customer_count") < k).count();
    return hidden == 0 ? "" : what + " with fewer than " + k + " customers, not listed: " + hidden + ".";
  }

  private static List<Row> sorted(List<Row> rows, String column) {
    return rows.stream().sorted(Comparator.comparing((Row r) -> r.<Integer>getAs(column))).toList();
  }

  private static String describe(List<SectionCharts.FunnelStep> steps) {
    List<String> parts = new ArrayList<>();
    steps.forEach(s -> parts.add(s.phase() + " " + count(s.reached())));
    return String.join(", ", parts);
  }

  /** A chart, or a sentence saying why it is missing: a bare server may lack the font Java2D needs. */
  static String chart(java.util.function.Supplier<String> draw) {
    try {
      return draw.get();
    } catch (RuntimeException | Error e) {
      return "<p class=\"muted\">(chart not drawn: " + e.getClass().getSimpleName()
          + "; install a font such as Debian's fonts-dejavu-core, e.g. with bin/setup)</p>";
    }
  }
}
