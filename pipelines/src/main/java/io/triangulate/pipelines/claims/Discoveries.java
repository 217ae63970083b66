package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.triangulate.pipelines.claims.ClaimSpec.Expectation;
import io.triangulate.pipelines.claims.ClaimSpec.Outcome;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import io.triangulate.pipelines.claims.ClaimSpec.Population;
import io.triangulate.pipelines.claims.OutcomeCounts.Cell;
import io.triangulate.pipelines.stats.DiscoveryCoverage;
import io.triangulate.pipelines.stats.MultipleTesting;
import io.triangulate.pipelines.stats.TwoProportions;
import io.triangulate.pipelines.stats.TwoProportions.ZTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Looks for what the interviews may have missed: segments (values of the run's segment columns)
 * whose rate of a standard outcome — churn within 90 and 365 days, sports-watch abandonment within
 * 183 days — is significantly higher than the rest of the base (one-sided pooled z test,
 * Benjamini–Hochberg over the whole scan). Each discovery gets a recruitment list of pseudonymous
 * customer ids to interview next, written to {@code <lake>/restricted/recruitment/<date>/<id>.csv}
 * and never into the report.
 */
public final class Discoveries {
  private Discoveries() {}

  /** Smallest segment (and rest) that is scanned; smaller ones would only add noise and re-identification risk. */
  public static final int MIN_SEGMENT_SIZE = 20;
  /** At most this many discoveries (lowest q first) get recruitment lists. */
  public static final int MAX_LISTS = 20;
  public static final int RECRUIT_WITH_EVENT = 20;
  public static final int RECRUIT_WITHOUT_EVENT = 10;
  /** Fixed so the same lake and date give the same list. */
  public static final long SEED = 20260514L;
  /** The product whose abandonment is scanned, and the usage event that shows it is used. */
  static final String WATCH = "sports_watch";
  static final String WATCH_USAGE = "watch_sync";

  public static final StructType DISCOVERIES =
      new StructType()
          .add("run_date", StringType, false)
          .add("discovery_id", StringType, false) // names the recruitment file
          .add("segment_column", StringType, false)
          .add("segment_value", StringType, false)
          .add("outcome", StringType, false) // churn_90d | churn_365d | watch_abandonment_183d
          .add("observed_n", LongType, false)
          .add("event_k", LongType, false)
          .add("rate", DoubleType, false)
          .add("rest_observed_n", LongType, false)
          .add("rest_rate", DoubleType, false)
          .add("z", DoubleType, false)
          .add("p_value", DoubleType, false) // one-sided: segment rate > rest rate
          .add("q_value", DoubleType, false) // BH over every segment × outcome scanned
          .add("theme_prevalence", DoubleType, false) // event_k / all observed customers of the outcome
          .add("interviews_needed", LongType, false) // random interviews to meet one such customer with prob. 0.9
          .add("recruitment_n", LongType, false); // ids in the recruitment list (0 beyond MAX_LISTS)

  /** The outcomes scanned, as claims without threshold; {@code segments} = the columns to scan. */
  static List<ClaimSpec> scanSpecs(List<String> segments) {
    Expectation none = new Expectation(true, 0.0);
    Population everyone = new Population(null, List.of());
    Outcome churn = new Outcome(OutcomeType.CHURN_WITHIN, null, List.of(), 0);
    Outcome watch = new Outcome(OutcomeType.USAGE_STOPS, WATCH, List.of(WATCH_USAGE), ClaimSpec.DEFAULT_INACTIVE_DAYS);
    return List.of(
        new ClaimSpec("churn_90d", "churn within 90 days", List.of("exit"), everyone, churn, 90, none, segments, MIN_SEGMENT_SIZE, "", null),
        new ClaimSpec("churn_365d", "churn within 365 days", List.of("exit"), everyone, churn, 365, none, segments, MIN_SEGMENT_SIZE, "", null),
        new ClaimSpec("watch_abandonment_183d", "sports-watch abandonment within 183 days", List.of("product_abandonment"),
            new Population(WATCH, List.of()), watch, 183, none, segments, MIN_SEGMENT_SIZE, "", null));
  }

  /** A scanned (outcome, column, value) test. */
  private record Candidate(ClaimSpec spec, String column, String value, Cell cell, long restN, long restK, ZTest z) {}

  /**
   * Scans, writes {@code gold/discoveries} for {@code runDate} and the recruitment lists; returns the
   * discovery rows. {@code columns} are the segment columns to scan (the run's claims' segments).
   */
  public static List<Row> run(
      SparkSession spark, io.triangulate.pipelines.lake.Lake lake, LocalDate runDate, List<String> columns,
      Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents) {
    List<ClaimSpec> specs = scanSpecs(columns);
    Map<String, Map<List<String>, Cell>> cells = columns.isEmpty() ? Map.of() : OutcomeCounts.collect(spark, specs, journeys, transactions, channelEvents, runDate);
    List<Candidate> candidates = new ArrayList<>();
    for (ClaimSpec spec : specs) {
      Map<List<String>, Cell> byKey = cells.getOrDefault(spec.id(), Map.of());
      Cell base = byKey.get(List.of(OutcomeCounts.ALL, OutcomeCounts.ALL));
      if (base == null) {
        continue;
      }
      List<Map.Entry<List<String>, Cell>> entries = byKey.entrySet().stream()
          .sorted(Comparator.comparing((Map.Entry<List<String>, Cell> e) -> e.getKey().get(0)).thenComparing(e -> e.getKey().get(1)))
          .toList();
      for (Map.Entry<List<String>, Cell> e : entries) {
        if (e.getKey().get(0).isEmpty()) {
          continue;
        }
        Cell c = e.getValue();
        long restN = base.observed() - c.observed();
        long restK = base.events() - c.events();
        if (c.observed() < MIN_SEGMENT_SIZE || restN < MIN_SEGMENT_SIZE) {
          continue;
        }
        candidates.add(new Candidate(spec, e.getKey().get(0), e.getKey().get(1), c, restN, restK,
            TwoProportions.zTest(c.events(), c.observed(), restK, restN)));
      }
    }
    double[] q = MultipleTesting.benjaminiHochberg(candidates.stream().mapToDouble(c -> c.z().pGreater()).toArray());
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (q[i] < SignificanceTests.ALPHA) {
        found.add(i);
      }
    }
    found.sort(Comparator.comparingDouble((Integer i) -> q[i]).thenComparing(i -> id(candidates.get(i))));

    String folder = lake.root() + "/restricted/recruitment/" + runDate;
    // Rerunning a date replaces its lists, like the gold tables' partitions.
    FileSystem fs = Discover.clearFolder(spark, folder);
    List<Row> rows = new ArrayList<>();
    // Each outcome's per-customer rows, computed once (a pass over the events) and cached for all of its
    // recruitment lists; computed per list, every list repeated a pass over all the events.
    Map<String, Dataset<Row>> outcomes = new HashMap<>();
    try {
      for (int rank = 0; rank < found.size(); rank++) {
        Candidate c = candidates.get(found.get(rank));
        long listed = 0;
        if (rank < MAX_LISTS) {
          Dataset<Row> specOutcomes = outcomes.computeIfAbsent(c.spec().id(), id ->
              ClaimCompiler.outcomes(spark, c.spec(), journeys, transactions, channelEvents, runDate).persist(StorageLevel.MEMORY_AND_DISK()));
          List<String[]> recruits = recruits(c, specOutcomes);
          writeCsv(fs, new Path(folder + "/" + id(c) + ".csv"), recruits);
          listed = recruits.size();
        }
      Cell base = cells.get(c.spec().id()).get(List.of(OutcomeCounts.ALL, OutcomeCounts.ALL));
      double prevalence = (double) c.cell().events() / base.observed();
      rows.add(new GenericRowWithSchema(new Object[] {
          runDate.toString(), id(c), c.column(), c.value(), c.spec().id(), c.cell().observed(), c.cell().events(),
          (double) c.cell().events() / c.cell().observed(), c.restN(), (double) c.restK() / c.restN(), c.z().z(), c.z().pGreater(),
          q[found.get(rank)], prevalence, prevalence > 0 ? DiscoveryCoverage.panelSizeFor(prevalence, 0.9) : 0L, listed}, DISCOVERIES));
      }
    } finally {
      outcomes.values().forEach(Dataset::unpersist);
    }
    return rows;
  }

  /** e.g. {@code churn_90d__acquisition_channel__social}. */
  static String id(Candidate c) {
    return c.spec().id() + "__" + c.column() + "__" + c.value().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  /**
   * Up to {@link #RECRUIT_WITH_EVENT} segment customers who had the event and {@link
   * #RECRUIT_WITHOUT_EVENT} who did not (the contrast that explains "why them"), each stratum a
   * seeded pseudo-random sample (order of a keyed hash of the id), so reruns give the same list.
   */
  private static List<String[]> recruits(Candidate c, Dataset<Row> outcomes) {
    Column inSegment = coalesce(col(c.column()).cast("string"), lit(ClaimValidation.MISSING_VALUE)).equalTo(lit(c.value()));
    Dataset<Row> observed = outcomes.filter(inSegment.and(not(col(ClaimCompiler.IS_CENSORED))))
        .withColumn("draw", xxhash64(col("customer_id"), lit(SEED)));
    List<String[]> out = new ArrayList<>();
    for (boolean event : new boolean[] {true, false}) {
      int limit = event ? RECRUIT_WITH_EVENT : RECRUIT_WITHOUT_EVENT;
      for (Row r : observed.filter(col(ClaimCompiler.IS_EVENT).equalTo(lit(event))).orderBy(col("draw"), col("customer_id"))
          .limit(limit).select("customer_id").collectAsList()) {
        out.add(new String[] {r.getString(0), event ? "with_event" : "without_event"});
      }
    }
    return out;
  }

  private static void writeCsv(FileSystem fs, Path file, List<String[]> rows) {
    StringBuilder csv = new StringBuilder("customer_id,stratum\n");
    rows.forEach(r -> csv.append(r[0]).append(',').append(r[1]).append('\n'));
    Discover.writeText(fs, file, csv.toString());
  }
}
