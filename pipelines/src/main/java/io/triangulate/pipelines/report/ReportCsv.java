package io.triangulate.pipelines.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * report.csv: one row per claim × segment (one row with empty segment columns for a claim without
 * segments), for analysts who open the numbers in a spreadsheet. Built from the same map as
 * report.json, so both files carry identical numbers and the same suppression; it holds aggregates
 * only, never customer ids or quotes. {@link #trend} writes the claims' history as trend.csv.
 */
final class ReportCsv {
  private ReportCsv() {}

  static final List<String> CLAIM_COLUMNS = List.of("claim_id", "outcome", "expectation", "threshold", "verdict",
      "population_n", "censored_n", "observed_n", "event_k", "base_rate", "base_ci_low", "base_ci_high",
      "interview_n", "interview_k", "interview_rate", "is_convergent", "km_event_rate", "panel_prevalence_missed",
      "previous_run_date", "previous_verdict", "previous_rate");
  static final List<String> SEGMENT_COLUMNS = List.of("segment_column", "segment_value", "is_suppressed",
      "min_segment_size", "observed_n", "event_k", "rate", "ci_low", "ci_high", "verdict");

  /** The CSV text, RFC 4180 quoting, header first, rows in report.json's order. */
  @SuppressWarnings("unchecked")
  static String of(Map<String, Object> json) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>();
    header.add("run_date");
    header.addAll(CLAIM_COLUMNS);
    SEGMENT_COLUMNS.forEach(c -> header.add("segment_" + c.replaceFirst("^segment_", "")));
    line(out, header);
    for (Map<String, Object> claim : (List<Map<String, Object>>) json.get("claims")) {
      List<Object> claimCells = new ArrayList<>();
      claimCells.add(json.get("run_date"));
      CLAIM_COLUMNS.forEach(c -> claimCells.add(claim.get(c)));
      List<Map<String, Object>> segments = (List<Map<String, Object>>) claim.get("segments");
      if (segments.isEmpty()) {
        List<Object> cells = new ArrayList<>(claimCells);
        SEGMENT_COLUMNS.forEach(c -> cells.add(null));
        line(out, cells);
      }
      for (Map<String, Object> segment : segments) {
        List<Object> cells = new ArrayList<>(claimCells);
        SEGMENT_COLUMNS.forEach(c -> cells.add(segment.get(c)));
        line(out, cells);
      }
    }
    return out.toString();
  }

  static final List<String> TREND_COLUMNS = List.of("run_date", "verdict", "measure", "rate", "ci_low", "ci_high");

  /**
   * trend.csv: one row per claim and nightly run up to the report's date, the numbers of the trend
   * chart and table ({@code measure} says whether {@code rate} is a base rate or a comparison's
   * difference of rates; empty when withheld).
   */
  @SuppressWarnings("unchecked")
  static String trend(Map<String, Object> json) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("report_date", "claim_id"));
    header.addAll(TREND_COLUMNS);
    line(out, header);
    for (Map<String, Object> claim : (List<Map<String, Object>>) json.get("claims")) {
      for (Map<String, Object> point : (List<Map<String, Object>>) claim.get("trend")) {
        List<Object> cells = new ArrayList<>(List.of(json.get("run_date"), claim.get("claim_id")));
        TREND_COLUMNS.forEach(c -> cells.add(point.get(c)));
        line(out, cells);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** Null is an empty cell; text that a spreadsheet would take for a formula gets a leading quote; text with a comma, quote or line break is quoted, quotes doubled. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = String.valueOf(value);
    if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      // a spreadsheet would run text from the data (a segment value) as a formula
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
