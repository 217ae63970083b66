package io.triangulate.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.claims.ClaimSpec;
import io.triangulate.pipelines.claims.ClaimSpecs;
import io.triangulate.pipelines.claims.ClaimValidation;
import io.triangulate.pipelines.claims.OutcomeCounts;
import io.triangulate.pipelines.coding.CodedSegmentSchema;
import io.triangulate.pipelines.generate.GroundTruth;
import io.triangulate.pipelines.generate.WorldGenerator;
import io.triangulate.pipelines.generate.WorldSpec;
import io.triangulate.pipelines.ingest.ContractColumn;
import io.triangulate.pipelines.ingest.ContractTypes;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.journeys.Journeys;
import io.triangulate.pipelines.journeys.PhaseMap;
import io.triangulate.pipelines.spark.Sparks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Claim validation speed: 20 claims × 5 segment columns over a generated world, validated in one
 * pass with shared scans ({@link OutcomeCounts#collect}) against one Spark job per claim, each
 * scanning the inputs itself ({@link OutcomeCounts#collectOneByOne}), interleaved in one JVM on the
 * same parquet inputs. Both feed the same driver-side statistics; results that differ abort the run.
 *
 * <p>The world's silver tables and journeys are prepared once per {@code --customers} under
 * {@code --work} (landing files typed with the contracts' parser, without the Delta ingest, which
 * bench/ingest measures) and reused by later invocations.
 */
@Command(
    name = "claims-bench",
    mixinStandardHelpOptions = true,
    description = "Claims benchmark: 20 claims × 5 segments in one pass (shared scans) vs one job per claim.")
public final class ClaimsBench implements Callable<Integer> {
  @Option(names = "--customers", defaultValue = "20000",
      description = "Customers in the generated world (≈43 events each; 230,000 ≈ 10M events). Default 20000.")
  int customers;

  @Option(names = "--runs", defaultValue = "3", description = "Runs of each variant (median reported).")
  int runs;

  @Option(names = "--warmup", defaultValue = "1", description = "Unrecorded runs of both variants first.")
  int warmup;

  @Option(names = "--work", defaultValue = "bench/results/claims",
      description = "Folder for the generated world, its prepared tables (kept between invocations) and the results.")
  Path work;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master.")
  String master;

  public static final String ONE_BY_ONE = "one job per claim";
  public static final String ONE_PASS = "one pass, shared scans";
  static final List<String> SEGMENTS = List.of("age_band", "region", "acquisition_channel", "is_setup_completed", "current_phase");

  @Override
  public Integer call() throws IOException {
    if (runs < 1) {
      throw UserError.at("claims-bench --runs").problem("must be at least 1").found(String.valueOf(runs))
          .fix("pass --runs 3 (medians need three)").build();
    }
    LocalDate date = WorldSpec.DEFAULT_RUN_DATE;
    SparkSession spark = Sparks.session(master, "triangulate-claims-bench", Map.of());
    int cores = spark.sparkContext().defaultParallelism();
    Path tables = preparedTables(spark, work, customers, date);
    Path claimsDir = writeClaims(work.resolve("claims"));
    List<ClaimSpec> specs = ClaimSpecs.loadFolder(claimsDir);
    long events = read(spark, tables, "transactions").count() + read(spark, tables, "channel_events").count();
    System.out.printf("[claims-bench] %,d customers, %,d events (transactions + channel events), %d claims%n",
        customers, events, specs.size());

    Measurements m = new Measurements();
    ClaimValidation.Results reference = null;
    for (int run = 1 - warmup; run <= runs; run++) {
      // Alternate the order so that a warm cache or a load change favours neither.
      List<String> order = run % 2 == 0 ? List.of(ONE_PASS, ONE_BY_ONE) : List.of(ONE_BY_ONE, ONE_PASS);
      StringBuilder line = new StringBuilder();
      for (String variant : order) {
        spark.catalog().clearCache();
        long start = System.nanoTime();
        ClaimValidation.Results results = validate(spark, tables, specs, date, variant.equals(ONE_PASS));
        double s = (System.nanoTime() - start) / 1e9;
        if (reference == null) {
          reference = results;
        } else if (!reference.claimResults().equals(results.claimResults()) || !reference.segmentResults().equals(results.segmentResults())) {
          throw new IllegalStateException("the one-pass and one-by-one results differ: " + variant + " run " + run);
        }
        if (run > 0) {
          m.add(variant, s, events);
        }
        line.append(String.format(Locale.ROOT, " %s %.1f s;", variant, s));
      }
      System.out.println("[claims-bench] " + (run > 0 ? "run " + run : "warm-up") + ":" + line);
    }
    System.out.println(reference);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("customers", customers);
    facts.put("events", events);
    facts.put("claims", specs.size());
    facts.put("segment_columns", SEGMENTS.size());
    facts.put("master", master);
    facts.put("java", System.getProperty("java.version"));
    String table = m.markdown(ONE_BY_ONE, cores);
    System.out.println(table);
    Measurements.write(work.resolve("claims.md"), table);
    Measurements.write(work.resolve("claims.json"), m.json("claims", ONE_BY_ONE, cores, facts));
    return 0;
  }

  /** Counts and statistics of every claim, with the counts collected in one pass or one job per claim. */
  static ClaimValidation.Results validate(SparkSession spark, Path tables, List<ClaimSpec> specs, LocalDate date, boolean onePass) {
    Dataset<Row> journeys = read(spark, tables, "journeys");
    Dataset<Row> transactions = read(spark, tables, "transactions");
    Dataset<Row> events = read(spark, tables, "channel_events");
    Map<String, Map<List<String>, OutcomeCounts.Cell>> cells = onePass
        ? OutcomeCounts.collect(spark, specs, journeys, transactions, events, date)
        : OutcomeCounts.collectOneByOne(spark, specs, journeys, transactions, events, date);
    return ClaimValidation.evaluate(spark, specs, cells, journeys, transactions,
        spark.createDataFrame(List.<Row>of(), CodedSegmentSchema.INTERVIEWS),
        spark.createDataFrame(List.<Row>of(), CodedSegmentSchema.CODED_SEGMENTS), date);
  }

  /**
   * The parquet tables of the {@code customers}-sized world under {@code work}, generated and
   * prepared on first use; bench/claims and bench/duckdb share them.
   */
  static Path preparedTables(SparkSession spark, Path work, int customers, LocalDate date) {
    Path world = work.resolve("world-" + customers);
    Path tables = world.resolve("tables");
    // _SUCCESS is written last: a preparation cut short is redone, a finished one reused.
    if (!Files.exists(tables.resolve("journeys").resolve("_SUCCESS"))) {
      prepare(spark, world, tables, date, customers);
    }
    return tables;
  }

  /** Generates the world (once) and writes typed silver tables and the journeys as parquet. */
  static void prepare(SparkSession spark, Path world, Path tables, LocalDate date, int customers) {
    // The ground truth is written last: a generation cut short is redone, a finished one reused.
    if (!Files.exists(GroundTruth.path(world, date))) {
      System.out.printf("[claims-bench] generating the world into %s%n", world);
      long start = System.nanoTime();
      WorldGenerator.generate(WorldSpec.of(WorldSpec.DEFAULT_SEED, customers, date, 0), world);
      System.out.printf(Locale.ROOT, "[claims-bench] generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
    System.out.printf("[claims-bench] preparing silver tables and journeys under %s%n", tables);
    long start = System.nanoTime();
    for (SourceContract contract : List.of(SourceContract.CUSTOMERS, SourceContract.TRANSACTIONS, SourceContract.CHANNEL_EVENTS, SourceContract.CHURN)) {
      typed(spark, contract, WorldGenerator.landingDir(world, contract.source(), date))
          .write().mode("overwrite").parquet(tables.resolve(contract.source()).toString());
    }
    Dataset<Row> churn = read(spark, tables, "churn");
    PhaseMap phases = PhaseMap.defaults();
    Dataset<Row> steps = Journeys.steps(read(spark, tables, "transactions"), read(spark, tables, "channel_events"), churn, phases, date);
    Journeys.journeys(read(spark, tables, "customers"), steps, churn, null, phases, date, Journeys.DEFAULT_ABANDONMENT_DAYS)
        .write().mode("overwrite").parquet(tables.resolve("journeys").toString());
    System.out.printf(Locale.ROOT, "[claims-bench] prepared in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** A landing folder read with all-string columns and typed with the contract's parser (no validation, no Delta). */
  static Dataset<Row> typed(SparkSession spark, SourceContract contract, Path folder) {
    StructType strings = new StructType();
    for (ContractColumn c : contract.columns()) {
      strings = strings.add(c.name(), DataTypes.StringType, true);
    }
    Dataset<Row> raw = contract.isJsonLines()
        ? spark.read().schema(strings).json(folder.toString())
        : spark.read().option("header", "true").schema(strings).csv(folder.toString());
    List<Column> columns = new ArrayList<>();
    for (ContractColumn c : contract.columns()) {
      columns.add(ContractTypes.parse(col(c.name()), c.type(), lit(null).cast(DataTypes.StringType)).as(c.name()));
    }
    return raw.select(columns.toArray(Column[]::new));
  }

  static Dataset<Row> read(SparkSession spark, Path tables, String name) {
    return spark.read().parquet(tables.resolve(name).toString());
  }

  /**
   * The 20 benchmark claims, each broken down by the same 5 segment columns: 8 churn horizons, 6
   * watch-abandonment horizons, 3 repeat-purchase horizons, churn for a reason, and two comparisons.
   */
  static Path writeClaims(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (var old = Files.list(dir)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    String segments = "segments: [" + String.join(", ", SEGMENTS) + "]\nmin_segment_size: 20\n";
    int n = 0;
    for (int h : new int[] {30, 60, 90, 120, 183, 270, 365, 540}) {
      write(dir, ++n, "churn_" + h, "outcome: {type: churn_within}\nhorizon_days: " + h + "\nexpectation: {at_least: 0.10}\n" + segments);
    }
    for (int h : new int[] {60, 90, 120, 183, 270, 365}) {
      write(dir, ++n, "watch_stops_" + h, "population: {product: sports_watch}\n"
          + "outcome: {type: usage_stops, product: sports_watch, usage_event_types: [watch_sync], inactive_days: 60}\n"
          + "horizon_days: " + h + "\nexpectation: {at_least: 0.30}\n" + segments);
    }
    for (int h : new int[] {90, 183, 365}) {
      write(dir, ++n, "no_repeat_" + h, "outcome: {type: no_repeat_purchase}\nhorizon_days: " + h + "\nexpectation: {at_least: 0.50}\n" + segments);
    }
    write(dir, ++n, "competitor_churn", "population:\n  filters: [{column: is_churned, op: '=', value: true}]\n"
        + "outcome: {type: churned, reason_codes: [competitor]}\nexpectation: {at_least: 0.20}\n" + segments);
    write(dir, ++n, "setup_churn", "outcome: {type: churned}\n"
        + "expectation:\n  compare: {column: is_setup_completed, group: false, versus: true, direction: higher}\n" + segments);
    write(dir, ++n, "setup_abandonment", "population: {product: sports_watch}\n"
        + "outcome: {type: usage_stops, product: sports_watch, usage_event_types: [watch_sync], inactive_days: 60}\n"
        + "horizon_days: 183\nexpectation:\n  compare: {column: is_setup_completed, group: false, versus: true, direction: higher}\n" + segments);
    return dir;
  }

  private static void write(Path dir, int n, String id, String body) throws IOException {
    Files.writeString(dir.resolve(String.format(Locale.ROOT, "%02d_%s.yaml", n, id)),
        "id: " + id + "\nstatement: benchmark claim " + id + "\ninterview_codes: [exit]\n" + body);
  }

  public static void main(String[] args) {
    BenchCli.main(new ClaimsBench(), "claims-bench", args);
  }
}
