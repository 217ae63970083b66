package io.triangulate.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.generate.WorldGenerator;
import io.triangulate.pipelines.generate.WorldSpec;
import io.triangulate.pipelines.ingest.BronzeLoader;
import io.triangulate.pipelines.ingest.BronzeLoader.Lineage;
import io.triangulate.pipelines.ingest.BronzeSchema;
import io.triangulate.pipelines.ingest.ContractColumn;
import io.triangulate.pipelines.ingest.ContractExpressions;
import io.triangulate.pipelines.ingest.ContractTypes;
import io.triangulate.pipelines.ingest.Ingest;
import io.triangulate.pipelines.ingest.IngestSummary;
import io.triangulate.pipelines.ingest.JsonLinesPass;
import io.triangulate.pipelines.ingest.LandingFiles;
import io.triangulate.pipelines.ingest.LandingFiles.LandingFile;
import io.triangulate.pipelines.ingest.RepeatedKeyHashes;
import io.triangulate.pipelines.ingest.SilverConstraints;
import io.triangulate.pipelines.ingest.SilverLoader;
import io.triangulate.pipelines.ingest.SilverValidation;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.ingest.SourceOptions;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.spark.Sparks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest throughput, landing → silver, for the channel_events source (the largest), against a
 * baseline measured in the same JVM on the same files: a plain Spark read of the JSON Lines with
 * the same all-string schema and a Delta write, without validation, lineage, dedup or quarantine.
 * A third variant, the floor, is the least a bronze + silver design can do (see {@link #floor}). The
 * variants are run interleaved, each into a fresh lake, so load changes on the machine hit all alike.
 */
@Command(
    name = "ingest-bench",
    mixinStandardHelpOptions = true,
    description = "Ingest benchmark: landing → silver for channel_events vs a plain Spark read + Delta write.")
public final class IngestBench implements Callable<Integer> {
  @Option(names = "--customers", defaultValue = "120000",
      description = "Customers in the generated world (≈47 channel events each; default ≈5.2M events).")
  int customers;

  @Option(names = "--runs", defaultValue = "3", description = "Runs of each variant (median reported).")
  int runs;

  @Option(names = "--warmup", defaultValue = "1",
      description = "Unrecorded runs of both variants first, so JIT and Delta start-up cost neither.")
  int warmup;

  @Option(names = "--work", defaultValue = "bench/results/ingest",
      description = "Folder for the generated landing files (kept between invocations) and the lakes.")
  Path work;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master.")
  String master;

  @Option(names = "--profile", description = "Instead of the comparison, time the steps of the silver path one by one (<work>/ingest-profile.md).")
  boolean profile;

  public static final String BASELINE = "baseline: spark read + delta write";
  public static final String FLOOR = "floor: bronze copy + one typed pass to silver (no key pass, dedup, quarantine)";
  public static final String TRIANGULATE = "triangulate ingest (bronze + silver + quarantine)";

  @Override
  public Integer call() throws IOException {
    if (runs < 1) {
      throw UserError.at("ingest-bench --runs").problem("must be at least 1").found(String.valueOf(runs))
          .fix("pass --runs 3 (medians need three)").build();
    }
    LocalDate date = WorldSpec.DEFAULT_RUN_DATE;
    Path world = work.resolve("world-" + customers);
    Path events = WorldGenerator.landingDir(world, SourceContract.CHANNEL_EVENTS.source(), date);
    if (!Files.isDirectory(events)) {
      System.out.printf("[ingest-bench] generating %,d customers into %s%n", customers, world);
      WorldGenerator.generate(WorldSpec.of(WorldSpec.DEFAULT_SEED, customers, date, 0), world);
    }
    SparkSession spark = Sparks.session(master, "triangulate-ingest-bench", Map.of());
    int cores = spark.sparkContext().defaultParallelism();
    if (profile) {
      String table = profile(spark, events, work.resolve("profile"), date);
      System.out.println(table);
      Measurements.write(work.resolve("ingest-profile.md"), table);
      return 0;
    }
    Measurements m = new Measurements();
    for (int run = 1 - warmup; run <= runs; run++) {
      Path lakes = work.resolve("lakes");
      deleteTree(lakes);
      long start = System.nanoTime();
      baseline(spark, events, lakes.resolve("baseline"));
      double baselineSeconds = seconds(start);
      long baselineRows = spark.read().format("delta").load(lakes.resolve("baseline").toString()).count();
      if (run > 0) {
        m.add(BASELINE, baselineSeconds, baselineRows);
      }

      start = System.nanoTime();
      long floorRows = floor(spark, events, lakes.resolve("floor"), date, "floor-" + run);
      double floorSeconds = seconds(start);
      if (floorRows != baselineRows) {
        throw new IllegalStateException("the floor variant disagrees with the baseline: silver rows " + floorRows
            + ", baseline rows " + baselineRows);
      }
      if (run > 0) {
        m.add(FLOOR, floorSeconds, floorRows);
      }

      Path lake = lakes.resolve("triangulate");
      Files.createDirectories(lake);
      // The lake sees the generated landing folder without copying it.
      Files.createSymbolicLink(lake.resolve("landing"), world.resolve("landing").toAbsolutePath());
      start = System.nanoTime();
      IngestSummary summary = Ingest.run(spark, new Lake(lake.toString()), date,
          List.of(SourceContract.CHANNEL_EVENTS.source()), "bench-" + run);
      double s = seconds(start);
      IngestSummary.SourceResult result = summary.source(SourceContract.CHANNEL_EVENTS.source());
      if (summary.hasErrors() || result.rowsIn() != baselineRows) {
        throw new IllegalStateException("ingest disagrees with the baseline: " + summary
            + " baseline rows " + baselineRows);
      }
      if (run > 0) {
        m.add(TRIANGULATE, s, result.rowsIn());
      }
      System.out.printf("[ingest-bench] %s: baseline %.1f s, floor %.1f s, triangulate %.1f s (%,d rows: %,d silver, %,d quarantined, %,d duplicates)%n",
          run > 0 ? "run " + run : "warm-up", baselineSeconds, floorSeconds, s, result.rowsIn(), result.validRows(),
          result.quarantined(), result.duplicates());
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("customers", customers);
    facts.put("master", master);
    facts.put("java", System.getProperty("java.version"));
    String table = m.markdown(BASELINE, cores);
    System.out.println(table);
    Measurements.write(work.resolve("ingest.md"), table);
    Measurements.write(work.resolve("ingest.json"), m.json("ingest", BASELINE, cores, facts));
    return 0;
  }

  /** Plain read of the same files with the bronze column types (all strings), written to Delta. */
  static void baseline(SparkSession spark, Path events, Path out) {
    StructType schema = new StructType();
    for (ContractColumn column : SourceContract.CHANNEL_EVENTS.columns()) {
      schema = schema.add(column.name(), DataTypes.StringType, true);
    }
    spark.read().schema(schema).json(events.toString())
        .write().format("delta").mode("overwrite").save(out.toString());
  }

  /**
   * The least a bronze + silver design can do, through the same code paths and table settings as
   * {@code Ingest}: the landing files copied into bronze with their lineage rows, then read once from
   * the copies by {@link JsonLinesPass} and written to silver with every column typed, and nothing
   * else (no repeated-key pass, duplicate marking, quarantine, MERGE or delivery check). Returns
   * silver's row count, counted after the timed part by the caller's clock.
   */
  static long floor(SparkSession spark, Path events, Path lake, LocalDate date, String runId) {
    SourceContract contract = SourceContract.CHANNEL_EVENTS;
    List<LandingFile> files = LandingFiles.list(spark, events.toString(), false, ".jsonl");
    Lineage lineage = new Lineage(date, runId, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
    String bronzePath = lake.resolve("bronze").toString();
    BronzeLoader.land(spark, contract, files, lineage, SourceOptions.DEFAULT, bronzePath);
    Dataset<Row> typed = null;
    for (BronzeLoader.BronzeFile file : BronzeLoader.files(spark, bronzePath, date)) {
      Dataset<Row> rows = JsonLinesPass.classify(spark, contract, file, new long[0], false);
      typed = typed == null ? rows : typed.unionByName(rows);
    }
    Dataset<Row> silver = typed.select(silverColumns(contract));
    String silverPath = lake.resolve("silver").toString();
    SilverConstraints.ensure(spark, silverPath, contract, silver.schema());
    DeltaWrites.insertInto(silver, silverPath);
    return spark.read().format("delta").load(silverPath).count();
  }

  /** The typed columns of classified rows as silver's columns, without filtering any row. */
  private static Column[] silverColumns(SourceContract contract) {
    List<Column> columns = new ArrayList<>();
    for (ContractColumn column : contract.columns()) {
      columns.add(col(SilverValidation.TYPED + column.name()).cast(column.type()).as(column.name()));
    }
    columns.add(col(BronzeSchema.SOURCE_FILE));
    columns.add(col(BronzeSchema.LANDING_DATE));
    return columns.toArray(Column[]::new);
  }

  /**
   * Each step of the silver path timed on its own, {@code runs} times after {@code warmup}: where
   * ingest's time goes beyond the baseline. Returns a Markdown table, one column per run.
   */
  private String profile(SparkSession spark, Path events, Path lake, LocalDate date) {
    SourceContract contract = SourceContract.CHANNEL_EVENTS;
    List<LandingFile> files = LandingFiles.list(spark, events.toString(), false, ".jsonl");
    Lineage lineage = new Lineage(date, "profile", Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
    Map<String, Runnable> steps = new LinkedHashMap<>();
    // Rows parsed straight from the landing files: the silver path without bronze's write and read-back.
    Dataset<Row> bronze = BronzeLoader.readTabular(spark, contract, files, lineage, SourceOptions.DEFAULT);
    steps.put("baseline", () -> baseline(spark, events, lake.resolve("baseline")));
    steps.put("parse (noop)", () -> noop(bronze));
    steps.put("repeated keys", () -> SilverValidation.repeatedKeys(bronze, contract).collectAsList());
    // The same typing written as Spark expressions (rlike, cast, from_json), as ingest did before.
    steps.put("typed by Spark expressions (noop)",
        () -> noop(bronze.select(typedColumns(contract, true).toArray(Column[]::new))));
    steps.put("typed by Java parsers (noop)",
        () -> noop(bronze.select(typedColumns(contract, false).toArray(Column[]::new))));
    steps.put("classify (noop)", () -> noop(SilverValidation.classify(bronze, contract)));
    // The same rows through ingest's JSON Lines path: the key pass, then one pass of plain Java per line.
    List<BronzeLoader.BronzeFile> landed = files.stream()
        .map(f -> BronzeLoader.BronzeFile.of(spark, f, f.path(), SourceOptions.DEFAULT, lineage)).toList();
    steps.put("bronze land (copy + lineage row)", () -> BronzeLoader.land(
        spark, contract, files, lineage, SourceOptions.DEFAULT, fresh(lake.resolve("bronze"))));
    steps.put("repeated key hashes", () -> RepeatedKeyHashes.of(
        JsonLinesPass.lines(spark, landed), contract, null, SilverLoader.MAX_BROADCAST_KEYS));
    Dataset<Row> passed = JsonLinesPass.classify(spark, contract, landed.get(0), new long[0], false);
    steps.put("JSON Lines pass (noop)", () -> noop(passed));
    steps.put("JSON Lines pass -> silver table", () -> {
      String path = fresh(lake.resolve("passed"));
      Dataset<Row> silver = passed.select(silverColumns(contract));
      SilverConstraints.ensure(spark, path, contract, silver.schema());
      DeltaWrites.insertInto(silver, path);
    });
    // What one typed pass could cost: Spark's reader parsing every column straight into its contract
    // type (the object into a map, timestamps while parsing). Not the contract's rules: a bound only.
    // (A file source reads every column as nullable, so the silver schema's NOT NULLs do not apply.)
    StructType typed = contract.silverSchema().add(BronzeSchema.CORRUPT_RECORD, DataTypes.StringType, true);
    steps.put("typed JSON read (noop)", () -> noop(spark.read().schema(typed).json(events.toString())));
    Dataset<Row> silverRows = SilverValidation.toSilver(
        SilverValidation.classify(bronze, contract).withColumn(SilverValidation.IS_DUPLICATE, lit(false)), contract);
    steps.put("silver rows (noop)", () -> noop(silverRows));
    steps.put("silver rows -> parquet", () -> silverRows.write().mode("overwrite").parquet(lake.resolve("parquet").toString()));
    steps.put("silver rows -> delta", () -> silverRows.write().format("delta").mode("overwrite")
        .save(lake.resolve("delta").toString()));
    steps.put("silver rows -> silver table", () -> {
      String path = fresh(lake.resolve("constrained"));
      SilverConstraints.ensure(spark, path, contract, silverRows.schema());
      DeltaWrites.insertInto(silverRows, path);
    });
    steps.put("... + observe", () -> {
      String path = fresh(lake.resolve("observed"));
      SilverConstraints.ensure(spark, path, contract, silverRows.schema());
      DeltaWrites.insertInto(silverRows.observe(new Observation(), count(lit(1)).as("n"),
          count(when(col("customer_id").isNull(), lit(1))).as("no_customer")), path);
    });
    steps.put("SilverLoader.load", () -> SilverLoader.load(spark, bronze, contract, fresh(lake.resolve("silver")),
        fresh(lake.resolve("quarantine")), date.toString()));
    Map<String, List<String>> timings = new LinkedHashMap<>();
    for (int run = 1 - warmup; run <= runs; run++) {
      for (Map.Entry<String, Runnable> step : steps.entrySet()) {
        long start = System.nanoTime();
        step.getValue().run();
        double s = seconds(start);
        System.out.printf("[ingest-profile] run %d %-28s %6.1f s%n", run, step.getKey(), s);
        if (run > 0) {
          timings.computeIfAbsent(step.getKey(), k -> new ArrayList<>()).add(String.format("%.1f", s));
        }
      }
    }
    StringBuilder md = new StringBuilder("| step |");
    for (int run = 1; run <= runs; run++) {
      md.append(" run ").append(run).append(" s |");
    }
    md.append("\n|---|").append("---:|".repeat(runs)).append('\n');
    timings.forEach((step, values) -> md.append("| ").append(step).append(" | ")
        .append(String.join(" | ", values)).append(" |\n"));
    return md.toString();
  }

  /** Every contract column typed, by {@link ContractExpressions} or by {@link ContractTypes} (what ingest uses). */
  private static List<Column> typedColumns(SourceContract contract, boolean expressions) {
    List<Column> typed = new ArrayList<>();
    for (ContractColumn column : contract.columns()) {
      Column raw = col(column.name());
      typed.add((expressions ? ContractExpressions.parse(raw, column.type()) : ContractTypes.parse(raw, column.type()))
          .as(column.name()));
    }
    return typed;
  }

  private static String fresh(Path path) {
    try {
      deleteTree(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path.toString();
  }

  private static void noop(Dataset<Row> rows) {
    rows.write().format("noop").mode("overwrite").save();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p); // a symlink is deleted, never followed: walk does not follow links
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  public static void main(String[] args) {
    BenchCli.main(new IngestBench(), "ingest-bench", args);
  }
}
