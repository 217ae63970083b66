package io.triangulate.pipelines.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;

/**
 * The journey definitions of docs/journeys.md recomputed in plain Java (no Spark) for the real-data
 * tests: they compare the gold tables with what these give from the raw files.
 */
final class PlainJourneys {
  private PlainJourneys() {}

  /** One step: when, its phase and the phase's rank (ties at one instant go to the lower rank first). */
  record Step(Instant at, String phase, int rank) {}

  /** Customers, occurrences and hours between of one directly-follows edge. */
  static final class Edge {
    final Set<String> customers = new HashSet<>();
    long occurrences;
    final List<Double> hours = new ArrayList<>();
  }

  /** {@code ../shared/data/<folder>} from {@code triangulate.shared.data}; skips the test when absent. */
  static Path sharedData(String folder, String test) {
    String configured = System.getProperty("triangulate.shared.data");
    Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "data");
    if (!Files.isDirectory(root) && configured == null) {
      root = Path.of("..", "..", "shared", "data");
    }
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) {
      System.out.println("Skipping " + test + ": no shared data at " + dir.toAbsolutePath());
    }
    Assumptions.assumeTrue(Files.isDirectory(dir), "shared data absent: " + dir.toAbsolutePath());
    return dir;
  }

  /** Exact percentile with linear interpolation between closest ranks (Spark's {@code percentile}). */
  static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.naturalOrder());
    double position = p * (sorted.size() - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
  }

  /**
   * Compares {@code gold/transitions} rows with {@link #transitions}: the same edges, customer and
   * occurrence counts, and the exact median and p90 hours between.
   */
  static void assertTransitions(Map<String, Edge> expected, List<Row> gold) {
    Map<String, Row> actual = new HashMap<>();
    for (Row r : gold) {
      actual.put(r.getAs("from_phase") + ">" + r.getAs("to_phase"), r);
    }
    assertThat(actual.keySet()).as("edges").containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((edge, e) -> {
      Row r = actual.get(edge);
      assertThat(r.<Long>getAs("customer_count")).as("%s customers", edge).isEqualTo(e.customers.size());
      assertThat(r.<Long>getAs("occurrence_count")).as("%s occurrences", edge).isEqualTo(e.occurrences);
      if (!e.hours.isEmpty()) {
        assertThat(r.<Double>getAs("median_hours_between")).as("%s median hours", edge)
            .isCloseTo(percentile(e.hours, 0.5), within(1e-6));
        assertThat(r.<Double>getAs("p90_hours_between")).as("%s p90 hours", edge)
            .isCloseTo(percentile(e.hours, 0.9), within(1e-6));
      }
    });
  }

  /** Steps sorted by time, then rank: the timeline order. */
  static List<Step> sorted(List<Step> steps) {
    List<Step> copy = new ArrayList<>(steps);
    copy.sort(Comparator.comparing(Step::at).thenComparingInt(Step::rank));
    return copy;
  }

  /**
   * The directly-follows graph over visits (runs of same-phase steps), with start and end edges,
   * keyed {@code "from>to"}.
   */
  static Map<String, Edge> transitions(Map<String, List<Step>> stepsByCustomer) {
    Map<String, Edge> edges = new HashMap<>();
    stepsByCustomer.forEach((customer, steps) -> {
      String from = Transitions.START;
      Instant leftAt = null;
      for (Step step : sorted(steps)) {
        if (step.phase().equals(from)) {
          leftAt = step.at();
          continue;
        }
        Edge edge = edges.computeIfAbsent(from + ">" + step.phase(), k -> new Edge());
        edge.customers.add(customer);
        edge.occurrences++;
        if (leftAt != null) {
          edge.hours.add(Duration.between(leftAt, step.at()).toMillis() / 3_600_000.0);
        }
        from = step.phase();
        leftAt = step.at();
      }
      Edge end = edges.computeIfAbsent(from + ">" + Transitions.END, k -> new Edge());
      end.customers.add(customer);
      end.occurrences++;
    });
    return edges;
  }
}
