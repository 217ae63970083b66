package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.report.ReportModel.count;
import static io.triangulate.pipelines.report.ReportModel.percent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The closing sections: where to look next (discoveries and the interviews each would need), data
 * quality (quarantined rows per table and rule, failed checks) and the Delta table versions the
 * numbers come from. A discovery is a segment, so one below the report's k is withheld.
 */
final class QualityView {
  private QualityView() {}

  private static final Comparator<Row> BY_Q = Comparator.comparingDouble((Row r) -> r.<Double>getAs("q_value"))
      .thenComparing(r -> r.<String>getAs("discovery_id"));

  static Map<String, Object> json(ReportInputs in, int k) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> discoveries = new ArrayList<>();
    for (Row r : shown(in, k)) {
      Map<String, Object> d = new LinkedHashMap<>();
      for (String c : List.of("discovery_id", "segment_column", "segment_value", "outcome", "observed_n", "rate",
          "rest_rate", "q_value", "theme_prevalence", "interviews_needed")) {
        d.put(c, r.getAs(c));
      }
      discoveries.add(d);
    }
    m.put("discoveries", discoveries);
    m.put("discoveries_withheld", in.discoveries().size() - discoveries.size());
    List<Map<String, Object>> quarantine = new ArrayList<>();
    for (Row r : in.quarantine()) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("table", r.getString(0));
      q.put("rule", r.getString(1));
      q.put("rows_on_run_date", r.getLong(2));
      q.put("rows_to_date", r.getLong(3));
      quarantine.add(q);
    }
    m.put("quarantine", quarantine);
    m.put("failed_checks", in.dataQuality() == null ? null : in.dataQuality().stream().map(QualityView::check).toList());
    m.put("table_versions", in.versions());
    return m;
  }

  /** Discoveries in segments of at least k customers, most significant first. */
  private static List<Row> shown(ReportInputs in, int k) {
    return in.discoveries().stream().filter(r -> r.<Long>getAs("observed_n") >= k).sorted(BY_Q).toList();
  }

  private static Map<String, Object> check(Row r) {
    Map<String, Object> c = new LinkedHashMap<>();
    for (String f : r.schema().fieldNames()) {
      c.put(f, r.getAs(f));
    }
    return c;
  }

  static Map<String, Object> view(ReportInputs in, int k) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> discoveries = new ArrayList<>();
    for (Row r : shown(in, k)) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("segment", r.getAs("segment_column") + " = " + r.getAs("segment_value"));
      d.put("outcome", String.valueOf(r.<String>getAs("outcome")).replace('_', ' '));
      d.put("rate", percent(r.getAs("rate")) + " vs " + percent(r.getAs("rest_rate")) + " elsewhere");
      d.put("customers", count(r.getAs("observed_n")));
      d.put("q", String.format(Locale.ROOT, "%.2g", r.<Double>getAs("q_value")));
      d.put("interviews_needed", count(r.getAs("interviews_needed")));
      discoveries.add(d);
    }
    m.put("discoveries", discoveries);
    m.put("has_discoveries", !discoveries.isEmpty());
    long withheld = in.discoveries().size() - discoveries.size();
    m.put("discoveries_note", withheld == 0 ? "" : "Discoveries in segments with fewer than " + k
        + " customers, not listed: " + withheld + ".");

    List<Map<String, Object>> quarantine = new ArrayList<>();
    long onDate = 0;
    for (Row r : in.quarantine()) {
      onDate += r.getLong(2);
      quarantine.add(Map.of("table", r.getString(0), "rule", r.getString(1),
          "on_date", count(r.getLong(2)), "to_date", count(r.getLong(3))));
    }
    m.put("quarantine", quarantine);
    m.put("has_quarantine", !quarantine.isEmpty());
    m.put("quarantine_on_date", count(onDate));

    m.put("has_checks_table", in.dataQuality() != null);
    List<Map<String, Object>> failed = new ArrayList<>();
    if (in.dataQuality() != null) {
      for (Row r : in.dataQuality()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("table", r.getAs("table_name"));
        c.put("check", r.getAs("check_id"));
        c.put("severity", r.getAs("severity"));
        c.put("metric", r.getAs("metric_name") == null ? "" : r.getAs("metric_name") + " = " + r.getAs("metric_value")
            + (r.getAs("threshold") == null ? "" : " (threshold " + r.getAs("threshold") + ")"));
        c.put("message", r.getAs("message") == null ? "" : r.getAs("message"));
        failed.add(c);
      }
    }
    m.put("failed_checks", failed);
    m.put("has_failed_checks", !failed.isEmpty());

    List<Map<String, Object>> versions = new ArrayList<>();
    in.versions().forEach((table, version) -> versions.add(Map.of("table", table, "version", version)));
    m.put("versions", versions);
    return m;
  }
}
