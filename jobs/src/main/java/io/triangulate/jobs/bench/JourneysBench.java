package io.triangulate.jobs.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.journeys.JourneyPreset;
import io.triangulate.pipelines.journeys.Journeys;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.spark.Sparks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Journey-stage throughput against a plain Spark window-function sessionisation of the same silver
 * channel events, measured interleaved in one JVM. The events are synthetic (demo event types,
 * {@code --events-per-customer} per customer over half a year) and written to silver once per size.
 *
 * <ul>
 *   <li><b>baseline</b>: read silver, {@code lag} over customer ordered by time, a new session after 30
 *       minutes of silence, a running sum for the session number, one row per session (count, first,
 *       last) written to Delta: the usual "sessionise clickstream" job.
 *   <li><b>triangulate</b>: {@code Journeys.run} with the demo preset: gold/timelines, journeys,
 *       transitions, loops, variants, funnel, lifecycle, retention and journey gaps.
 * </ul>
 */
@Command(
    name = "journeys-bench",
    mixinStandardHelpOptions = true,
    description = "Journeys benchmark: the journey stage vs a plain Spark window sessionisation of the same events.")
public final class JourneysBench implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "20000000", description = "Channel events in silver (default 20,000,000).")
  long events;

  @Option(names = "--events-per-customer", defaultValue = "50", description = "Average events per customer.")
  int eventsPerCustomer;

  @Option(names = "--runs", defaultValue = "3", description = "Runs of each variant (median reported).")
  int runs;

  @Option(names = "--work", defaultValue = "bench/results/journeys",
      description = "Folder for the silver events (kept between invocations) and the outputs.")
  Path work;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master.")
  String master;

  public static final String BASELINE = "baseline: window sessionisation + delta write";
  public static final String TRIANGULATE = "triangulate journeys (timelines + 8 gold tables)";
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  private static final long START_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z
  private static final long SPAN_SECONDS = 180L * 86_400;

  @Override
  public Integer call() throws IOException {
    if (runs < 1 || events < 1 || eventsPerCustomer < 1) {
      throw UserError.at("journeys-bench").problem("--runs, --events and --events-per-customer must be at least 1")
          .found(runs + ", " + events + ", " + eventsPerCustomer).fix("pass --runs 3 (medians need three)").build();
    }
    SparkSession spark = Sparks.session(master, "triangulate-journeys-bench", Map.of());
    int cores = spark.sparkContext().defaultParallelism();
    Path data = work.resolve("events-" + events + "-" + eventsPerCustomer);
    Lake lake = new Lake(data.toString());
    if (!lake.exists(spark, LakeTable.SILVER_CHANNEL_EVENTS)) {
      System.out.printf("[journeys-bench] writing %,d synthetic channel events to %s%n", events, data);
      events(spark, events, eventsPerCustomer).write().format("delta").mode("overwrite")
          .save(lake.path(LakeTable.SILVER_CHANNEL_EVENTS));
    }
    Measurements m = new Measurements();
    for (int run = 1; run <= runs; run++) {
      IngestBench.deleteTree(data.resolve("gold"));
      IngestBench.deleteTree(work.resolve("baseline"));
      // Alternate the order, so JIT warm-up and load changes do not always favour the same variant.
      boolean baselineFirst = run % 2 == 1;
      double b = 0;
      double t = 0;
      long sessions = 0;
      for (int i = 0; i < 2; i++) {
        long start = System.nanoTime();
        if ((i == 0) == baselineFirst) {
          sessions = baseline(spark, lake, work.resolve("baseline"));
          b = (System.nanoTime() - start) / 1e9;
        } else {
          Journeys.run(spark, lake, RUN_DATE, JourneyPreset.named(JourneyPreset.DEMO));
          t = (System.nanoTime() - start) / 1e9;
        }
      }
      long steps = lake.read(spark, LakeTable.GOLD_TIMELINES).count();
      if (steps != events) {
        throw new IllegalStateException("gold/timelines has " + steps + " steps for " + events + " events");
      }
      m.add(BASELINE, b, events);
      m.add(TRIANGULATE, t, events);
      System.out.printf("[journeys-bench] run %d: baseline %.1f s (%,d sessions), triangulate %.1f s%n", run, b, sessions, t);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("events", events);
    facts.put("events_per_customer", eventsPerCustomer);
    facts.put("master", master);
    facts.put("java", System.getProperty("java.version"));
    String table = m.markdown(BASELINE, cores);
    System.out.println(table);
    Measurements.write(work.resolve("journeys.md"), table);
    Measurements.write(work.resolve("journeys.json"), m.json("journeys", BASELINE, cores, facts));
    return 0;
  }

  /** Silver channel events: customers with about {@code perCustomer} demo events each over half a year. */
  static Dataset<Row> events(SparkSession spark, long n, int perCustomer) {
    Column id = col("id");
    Column types = org.apache.spark.sql.functions.array(
        lit("social_click"), lit("email_open"), lit("page_view"), lit("email_click"), lit("setup_completed"),
        lit("app_open"), lit("watch_sync"), lit("watch_sync"), lit("watch_sync"), lit("support_call"));
    Column type = element_at(types, pmod(xxhash64(id, lit(1)), lit(10)).plus(1).cast(DataTypes.IntegerType));
    long customers = Math.max(1, n / perCustomer);
    return spark.range(n)
        .select(
            concat(lit("bench-"), id.cast(DataTypes.StringType)).as("event_id"),
            concat(lit("C"), pmod(xxhash64(id, lit(2)), lit(customers)).cast(DataTypes.StringType)).as("customer_id"),
            timestamp_seconds(lit(START_SECONDS).plus(pmod(xxhash64(id, lit(3)), lit(SPAN_SECONDS)))).as("occurred_at"),
            when(type.equalTo("page_view"), lit("web")).otherwise(lit("app")).as("channel"),
            type.as("event_type"),
            lit("watch").as("product_id"));
  }

  /** Sessions of 30 minutes' silence per customer, one row each, written to Delta; returns the session count. */
  static long baseline(SparkSession spark, Lake lake, Path out) {
    WindowSpec byTime = Window.partitionBy("customer_id").orderBy("occurred_at", "event_id");
    Column gapSeconds =
        col("occurred_at").cast(DataTypes.LongType).minus(lag(col("occurred_at"), 1).over(byTime).cast(DataTypes.LongType));
    Dataset<Row> sessions =
        lake.read(spark, LakeTable.SILVER_CHANNEL_EVENTS)
            .withColumn("_new", when(coalesce(gapSeconds, lit(Long.MAX_VALUE)).gt(1800), 1).otherwise(0))
            .withColumn("session_index", sum(col("_new")).over(byTime.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
            .groupBy("customer_id", "session_index")
            .agg(count(lit(1)).as("event_count"), min("occurred_at").as("started_at"), max("occurred_at").as("ended_at"));
    sessions.write().format("delta").mode("overwrite").save(out.toString());
    return spark.read().format("delta").load(out.toString()).count();
  }

  public static void main(String[] args) {
    BenchCli.main(new JourneysBench(), "journeys-bench", args);
  }
}
