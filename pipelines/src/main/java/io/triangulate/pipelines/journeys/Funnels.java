package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An ordered phase funnel ({@code gold/funnel}).
 *
 * <p>A customer enters at the first time they are in step 1's phase (the anchor). They reach step
 * k+1 at their first step in its phase at or after the time they reached step k, no later than
 * {@code windowDays} after the anchor, and before their first exclusion step at or after the anchor
 * (a step whose phase or touchpoint is listed in {@code exclusions}, e.g. {@code exit}). So step 1
 * counts every customer who was ever in that phase, counts never grow along the funnel, and the
 * dropped counts add up to entered minus completed.
 */
public final class Funnels {
  private Funnels() {}

  public static final int DEFAULT_WINDOW_DAYS = 365;

  public static final StructType FUNNEL =
      new StructType()
          .add("funnel_step", DataTypes.IntegerType, false) // 1-based
          .add("phase", DataTypes.StringType, false)
          .add("reached_count", DataTypes.LongType, false)
          .add("dropped_count", DataTypes.LongType, false) // reached this step, not the next; 0 at the last
          .add("conversion_from_previous", DataTypes.DoubleType, true) // null at step 1 or 0 reached before
          .add("conversion_from_start", DataTypes.DoubleType, true)
          .add("window_days", DataTypes.IntegerType, false);

  /** Per customer with a step: how many funnel steps they reached (0 = never entered). */
  public static final StructType DEPTHS =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("steps_reached", DataTypes.IntegerType, false);

  /** The demo funnel: the forward phases of {@code phases}, without support and exit. */
  public static List<String> defaultSteps(PhaseMap phases) {
    List<String> steps = new ArrayList<>(phases.phases());
    steps.removeAll(List.of("support", PhaseMap.EXIT));
    return steps;
  }

  /**
   * {@link #DEPTHS} from {@link Timelines#TIMELINES} rows: one shuffle by customer, a sort by step
   * within partitions (which spills to disk; step order is time order), then one streaming walk per
   * customer that keeps only a few counters. On {@link Timelines#clustered} input the shuffle and
   * the sort are already done. A customer's steps are never collected into one array, so a customer with millions
   * of steps needs no more memory than one with ten.
   */
  public static Dataset<Row> depths(Dataset<Row> timelines, List<String> steps, int windowDays, List<String> exclusions) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a funnel needs at least one step");
    }
    return timelines
        .select(col("customer_id"), col("occurred_at"), col("phase"), col("touchpoint"), col("step_index"))
        .repartition(col("customer_id"))
        .sortWithinPartitions(col("customer_id"), col("step_index"))
        .mapPartitions(new Walk(steps, windowDays, exclusions), Encoders.row(DEPTHS));
  }

  /** Reached and dropped counts per step; collects at most one small row per step to the driver. */
  public static Dataset<Row> funnel(Dataset<Row> timelines, List<String> steps, int windowDays, List<String> exclusions) {
    return fromDepths(depths(timelines, steps, windowDays, exclusions), steps, windowDays);
  }

  /** {@link #FUNNEL} from {@link #DEPTHS} rows of every customer with a step (the global half of {@link #funnel}). */
  public static Dataset<Row> fromDepths(Dataset<Row> depths, List<String> steps, int windowDays) {
    Map<Integer, Long> customersByDepth = new HashMap<>();
    for (Row r : depths.groupBy("steps_reached").agg(count("customer_id")).collectAsList()) {
      customersByDepth.put(r.getInt(0), r.getLong(1));
    }
    long[] reached = new long[steps.size() + 2];
    for (int k = steps.size(); k >= 1; k--) {
      reached[k] = reached[k + 1] + customersByDepth.getOrDefault(k, 0L);
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 1; k <= steps.size(); k++) {
      long next = k < steps.size() ? reached[k + 1] : reached[k];
      rows.add(RowFactory.create(
          k,
          steps.get(k - 1),
          reached[k],
          reached[k] - next,
          k > 1 && reached[k - 1] > 0 ? (double) reached[k] / reached[k - 1] : null,
          reached[1] > 0 ? (double) reached[k] / reached[1] : null,
          windowDays));
    }
    return SparkSession.active().createDataFrame(rows, FUNNEL);
  }

  /**
   * Walks each customer's time-sorted steps through the funnel. Steps at the same instant are taken
   * as one group, so the order of ties cannot matter: an exclusion in a group stops progress at that
   * instant (reaching a step needs a time before the first exclusion), and several funnel steps in one
   * group are reached together (each needs a time at or after the previous step's).
   */
  static final class Walk implements MapPartitionsFunction<Row, Row> {
    private final List<String> steps;
    private final long windowMillis;
    private final Set<String> exclusions;

    Walk(List<String> steps, int windowDays, List<String> exclusions) {
      this.steps = List.copyOf(steps);
      this.windowMillis = windowDays * 86_400_000L;
      this.exclusions = new HashSet<>(exclusions);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sorted) {
      return new Iterator<>() {
        private Row pending = sorted.hasNext() ? sorted.next() : null;

        @Override
        public boolean hasNext() {
          return pending != null;
        }

        @Override
        public Row next() {
          if (pending == null) {
            throw new NoSuchElementException();
          }
          String customer = pending.getString(0);
          Progress progress = new Progress();
          while (pending != null && customer.equals(pending.getString(0))) {
            long at = pending.getTimestamp(1).getTime();
            Set<String> phases = new HashSet<>();
            boolean excluded = false;
            while (pending != null && customer.equals(pending.getString(0)) && pending.getTimestamp(1).getTime() == at) {
              phases.add(pending.getString(2));
              excluded |= exclusions.contains(pending.getString(2)) || exclusions.contains(pending.getString(3));
              pending = sorted.hasNext() ? sorted.next() : null;
            }
            progress.group(at, phases, excluded);
          }
          return RowFactory.create(customer, progress.reached);
        }
      };
    }

    /** One customer's progress; fed the groups of same-instant steps in time order. */
    private final class Progress {
      int reached;
      long anchor;
      boolean done;

      void group(long at, Set<String> phases, boolean excluded) {
        if (done) {
          return;
        }
        if (reached == 0) {
          if (!phases.contains(steps.get(0))) {
            return; // exclusions before the anchor do not count
          }
          anchor = at;
          reached = 1;
        } else if (at > anchor + windowMillis) {
          done = true;
          return;
        }
        if (excluded) {
          done = true;
          return;
        }
        while (reached < steps.size() && phases.contains(steps.get(reached))) {
          reached++;
        }
      }
    }
  }
}
