package io.triangulate.pipelines.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
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

  /**
   * Every gold table of the journey stage exists; the interview tables ({@code say_do},
   * {@code touchpoint_coverage}) are empty with their schema, as a real data set has no interviews.
   */
  static void assertEveryJourneyTableWithoutInterviews(SparkSession spark, Lake lake) {
    for (LakeTable table : List.of(LakeTable.GOLD_TIMELINES, LakeTable.GOLD_JOURNEYS, LakeTable.GOLD_TRANSITIONS,
        LakeTable.GOLD_VARIANTS, LakeTable.GOLD_LOOPS, LakeTable.GOLD_FUNNEL, LakeTable.GOLD_RETENTION,
        LakeTable.GOLD_LIFECYCLE, LakeTable.GOLD_JOURNEY_GAPS)) {
      assertThat(lake.exists(spark, table)).as("%s written", table).isTrue();
    }
    Map<LakeTable, StructType> empty = Map.of(
        LakeTable.GOLD_SAY_DO, SayDo.SAY_DO, LakeTable.GOLD_TOUCHPOINT_COVERAGE, Gaps.TOUCHPOINT_COVERAGE);
    empty.forEach((table, schema) -> {
      assertThat(lake.exists(spark, table)).as("%s written although there are no interviews", table).isTrue();
      Dataset<Row> rows = lake.read(spark, table);
      assertThat(rows.schema().fieldNames()).as("%s schema", table).containsExactly(schema.fieldNames());
      assertThat(rows.count()).as("%s: no interviews, no rows", table).isZero();
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
