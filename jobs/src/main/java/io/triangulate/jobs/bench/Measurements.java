package io.triangulate.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall times of repeated runs of named variants, summarised as median and min–max, and written as
 * a Markdown table plus a JSON file under the benchmark's output folder. Variants are measured
 * interleaved (A B A B …) by the callers so that a change in machine load hits both alike.
 */
final class Measurements {
  private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
  private final Map<String, Long> rows = new LinkedHashMap<>();

  void add(String variant, double wallSeconds, long rowCount) {
    seconds.computeIfAbsent(variant, k -> new ArrayList<>()).add(wallSeconds);
    rows.put(variant, rowCount);
  }

  double median(String variant) {
    List<Double> sorted = new ArrayList<>(seconds.get(variant));
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double min(String variant) {
    return seconds.get(variant).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  double max(String variant) {
    return seconds.get(variant).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  /** Rows per second per core at the median time. */
  double rowsPerSecondPerCore(String variant, int cores) {
    return rows.get(variant) / median(variant) / cores;
  }

  /** A Markdown table: variant, runs, median, min–max, rows, rows/s/core, ratio to {@code baseline}. */
  String markdown(String baseline, int cores) {
    StringBuilder out = new StringBuilder();
    out.append("| variant | runs | median s | min–max s | rows | rows/s per core | × baseline |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (String variant : seconds.keySet()) {
      out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f–%.1f | %,d | %,.0f | %.2f |%n",
          variant, seconds.get(variant).size(), median(variant), min(variant), max(variant),
          rows.get(variant), rowsPerSecondPerCore(variant, cores), median(variant) / median(baseline)));
    }
    return out.toString();
  }

  String json(String benchmark, String baseline, int cores, Map<String, Object> facts) {
    StringBuilder out = new StringBuilder("{\n");
    out.append(String.format(Locale.ROOT, "  \"benchmark\": \"%s\",%n  \"cores\": %d,%n", benchmark, cores));
    facts.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  \"%s\": \"%s\",%n", k, v)));
    out.append("  \"variants\": {\n");
    List<String> names = new ArrayList<>(seconds.keySet());
    for (int i = 0; i < names.size(); i++) {
      String v = names.get(i);
      out.append(String.format(Locale.ROOT,
          "    \"%s\": {\"seconds\": %s, \"median_s\": %.3f, \"rows\": %d, \"ratio_to_baseline\": %.3f}%s%n",
          v, seconds.get(v), median(v), rows.get(v), median(v) / median(baseline),
          i < names.size() - 1 ? "," : ""));
    }
    return out.append("  }\n}\n").toString();
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
