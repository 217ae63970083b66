package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
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

  /** {@link #DEPTHS} from {@link Timelines#TIMELINES} rows: one shuffle, one walk per customer. */
  public static Dataset<Row> depths(Dataset<Row> timelines, List<String> steps, int windowDays, List<String> exclusions) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a funnel needs at least one step");
    }
    return timelines
        .groupBy("customer_id")
        .agg(sort_array(collect_list(struct(col("occurred_at"), col("phase"), col("touchpoint")))).as("steps"))
        .map(new Walk(steps, windowDays, exclusions), Encoders.row(DEPTHS));
  }

  /** Reached and dropped counts per step; collects at most one small row per step to the driver. */
  public static Dataset<Row> funnel(Dataset<Row> timelines, List<String> steps, int windowDays, List<String> exclusions) {
    Map<Integer, Long> customersByDepth = new HashMap<>();
    for (Row r : depths(timelines, steps, windowDays, exclusions).groupBy("steps_reached").agg(count("customer_id")).collectAsList()) {
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

  /** Walks one customer's time-sorted (occurred_at, phase, touchpoint) list through the funnel. */
  static final class Walk implements MapFunction<Row, Row> {
    private final List<String> steps;
    private final long windowMillis;
    private final Set<String> exclusions;

    Walk(List<String> steps, int windowDays, List<String> exclusions) {
      this.steps = List.copyOf(steps);
      this.windowMillis = windowDays * 86_400_000L;
      this.exclusions = new HashSet<>(exclusions);
    }

    @Override
    public Row call(Row customer) {
      List<Row> events = customer.getList(1);
      int first = -1;
      for (int i = 0; i < events.size() && first < 0; i++) {
        if (steps.get(0).equals(events.get(i).getString(1))) {
          first = i;
        }
      }
      if (first < 0) {
        return RowFactory.create(customer.getString(0), 0);
      }
      long anchor = events.get(first).getTimestamp(0).getTime();
      long stop = Long.MAX_VALUE;
      for (Row e : events) {
        long t = e.getTimestamp(0).getTime();
        if (t >= anchor && t < stop && (exclusions.contains(e.getString(1)) || exclusions.contains(e.getString(2)))) {
          stop = t;
        }
      }
      int reached = 1;
      long previous = anchor;
      for (int k = 1; k < steps.size(); k++) {
        Timestamp at = firstAtOrAfter(events, steps.get(k), previous);
        if (at == null || at.getTime() > anchor + windowMillis || at.getTime() >= stop) {
          break;
        }
        reached++;
        previous = at.getTime();
      }
      return RowFactory.create(customer.getString(0), reached);
    }

    private static Timestamp firstAtOrAfter(List<Row> events, String phase, long from) {
      for (Row e : events) {
        if (e.getTimestamp(0).getTime() >= from && phase.equals(e.getString(1))) {
          return e.getTimestamp(0);
        }
      }
      return null;
    }
  }
}
