package io.triangulate.jobs.bench;

import io.triangulate.nlp.UserError;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.pipelines.claims.ClaimValidation;
import io.triangulate.pipelines.claims.Discover;
import io.triangulate.pipelines.coding.CodeInterviews;
import io.triangulate.pipelines.generate.LastDaySplit;
import io.triangulate.pipelines.generate.WorldGenerator;
import io.triangulate.pipelines.generate.WorldSpec;
import io.triangulate.pipelines.ingest.Ingest;
import io.triangulate.pipelines.journeys.IncrementalJourneys;
import io.triangulate.pipelines.journeys.JourneyPreset;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.quality.QualityChecks;
import io.triangulate.pipelines.quality.QualityGate;
import io.triangulate.pipelines.report.ReportRenderer;
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
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Incremental nightly (issue 8 point 4): after a full load of day N, the nightly for day N+1 with one
 * day of new data, incrementally, against a full recompute of the same nightly, interleaved in one JVM.
 *
 * <p>The world is generated once and split by {@link LastDaySplit} into a history (day N) and its last
 * day (N+1). A base lake gets the nightly for N once. Then each run, in alternating order:
 *
 * <ul>
 *   <li><b>full recompute</b>: a fresh lake; ingest of N and N+1 (every landing file), code-interviews,
 *       journeys from all of silver ({@code --full}), quality gate, validate, discover, report for N+1;
 *   <li><b>incremental</b>: a copy of the base lake; the nightly for N+1 as it runs every night:
 *       ingest of N+1's files, code-interviews (nothing new to code), incremental journeys, quality
 *       gate, validate, discover, report.
 * </ul>
 *
 * Every gold journey table and the claim results of the two lakes must have the same rows, or the
 * benchmark fails. Output: per stage and in all, medians, min–max and the incremental share, in
 * {@code <work>/incremental.md} and {@code incremental.json}.
 */
@Command(
    name = "incremental-bench",
    mixinStandardHelpOptions = true,
    description = "Incremental nightly benchmark: day N+1 after a full load, incremental vs full recompute, per stage.")
public final class IncrementalBench implements Callable<Integer> {
  @Option(names = "--customers", defaultValue = "20000", description = "Customers of the generated world (default 20,000).")
  int customers;

  @Option(names = "--interviews", defaultValue = "3",
      description = "Interview transcripts in the world (default 3; validate needs coded interviews, and each costs CoreNLP time in the full recompute).")
  int interviews;

  @Option(names = "--runs", defaultValue = "3", description = "Runs of each variant (median reported).")
  int runs;

  @Option(names = "--work", defaultValue = "bench/results/incremental",
      description = "Folder for the world and the base lake (kept between invocations) and the outputs.")
  Path work;

  @Option(names = "--claims", defaultValue = "examples/demo/claims", description = "Claims folder for validate.")
  Path claims;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master.")
  String master;

  @Option(names = "--through", defaultValue = "report",
      description = "Last stage of each nightly (default report, the whole nightly). CI's smoke test stops after"
          + " journeys, the stage whose incremental path it checks; the later stages read the same tables either way.")
  String through;

  @Option(names = "--quiet-night",
      description = "Also time a third variant: the incremental nightly for day N+1 on a night on which nothing happened (CSV"
          + " sources deliver their header only, JSON-lines sources nothing). Its time is the incremental nightly's floor.")
  boolean quietNight;

  public static final String FULL = "full recompute";
  public static final String INCREMENTAL = "incremental";
  public static final String QUIET = "quiet night";
  static final List<String> STAGES = List.of("ingest", "code_interviews", "journeys", "quality_gate", "validate", "discover", "report");
  /** The generated world's run date: day N+1 is the day before, day N the day before that. */
  static final LocalDate GENERATED = WorldSpec.DEFAULT_RUN_DATE;

  static final List<LakeTable> COMPARED =
      List.of(
          LakeTable.GOLD_TIMELINES, LakeTable.GOLD_JOURNEYS, LakeTable.GOLD_TRANSITIONS, LakeTable.GOLD_LOOPS,
          LakeTable.GOLD_VARIANTS, LakeTable.GOLD_FUNNEL, LakeTable.GOLD_LIFECYCLE, LakeTable.GOLD_RETENTION,
          LakeTable.GOLD_JOURNEY_GAPS, LakeTable.GOLD_TOUCHPOINT_COVERAGE, LakeTable.GOLD_SAY_DO,
          LakeTable.GOLD_CLAIM_RESULTS, LakeTable.GOLD_SEGMENT_RESULTS);

  @Override
  public Integer call() throws IOException {
    if (runs < 1 || customers < 1) {
      throw UserError.at("incremental-bench").problem("--runs and --customers must be at least 1")
          .found(runs + ", " + customers).fix("pass --runs 3 (medians need three)").build();
    }
    if (!STAGES.contains(through)) {
      throw UserError.at("incremental-bench --through").problem("not a stage of the nightly")
          .found(through).expected(String.join(", ", STAGES)).fix("pass one of the stages, or leave it out for the whole nightly").build();
    }
    SparkSession spark = Sparks.session(master, "triangulate-incremental-bench", Map.of());
    int cores = spark.sparkContext().defaultParallelism();
    Path world = work.resolve("world-" + customers + "-" + interviews);
    LastDaySplit.Days days = prepareWorld(world);
    LocalDate dayN = days.history();
    LocalDate dayN1 = days.lastDay();
    Path base = world.resolve("base-lake");
    // The marker names the last stage loaded: a base lake made by a shorter nightly lacks later stages' tables.
    String loadedPrefix = dayN + " through ";
    Path marker = base.resolve("_LOADED");
    if (!loadedThrough(marker, loadedPrefix, through)) {
      IngestBench.deleteTree(base);
      System.out.printf("[incremental-bench] full load of day %s into %s%n", dayN, base);
      nightly(spark, lakeAt(base, world.resolve("landing")), List.of(dayN), dayN, true);
      Files.writeString(marker, loadedPrefix + through);
    }
    Map<String, List<Map<String, Double>>> times = new LinkedHashMap<>();
    times.put(FULL, new ArrayList<>());
    times.put(INCREMENTAL, new ArrayList<>());
    if (quietNight) {
      times.put(QUIET, new ArrayList<>());
    }
    Path quietLanding = quietNight ? quietLanding(world, dayN1) : null;
    Path fullLake = work.resolve("lake-full");
    Path incrementalLake = work.resolve("lake-incremental");
    Path quietLake = work.resolve("lake-quiet");
    for (int run = 1; run <= runs; run++) {
      IngestBench.deleteTree(fullLake);
      IngestBench.deleteTree(incrementalLake);
      IngestBench.deleteTree(quietLake);
      copyLake(base, incrementalLake);
      Lake full = lakeAt(fullLake, world.resolve("landing"));
      Lake incremental = new Lake(incrementalLake.toString());
      Map<String, Runnable> variants = new LinkedHashMap<>();
      variants.put(FULL, () -> times.get(FULL).add(nightly(spark, full, List.of(dayN, dayN1), dayN1, true)));
      variants.put(INCREMENTAL, () -> times.get(INCREMENTAL).add(nightly(spark, incremental, List.of(dayN1), dayN1, false)));
      if (quietNight) {
        copyLake(base, quietLake, quietLanding);
        Lake quiet = new Lake(quietLake.toString());
        variants.put(QUIET, () -> times.get(QUIET).add(nightly(spark, quiet, List.of(dayN1), dayN1, false)));
      }
      // Rotate the order, so JIT warm-up and load changes do not always favour the same variant.
      List<Runnable> order = new ArrayList<>(variants.values());
      java.util.Collections.rotate(order, -((run - 1) % order.size()));
      for (Runnable variant : order) {
        spark.catalog().clearCache();
        variant.run();
      }
      List<LakeTable> compared = compared(through);
      for (LakeTable table : compared) {
        sameRows(spark, table, full, incremental, dayN1);
      }
      System.out.printf("[incremental-bench] run %d: full %.1f s, incremental %.1f s%s; %d tables identical%n", run,
          total(times.get(FULL).get(run - 1)), total(times.get(INCREMENTAL).get(run - 1)),
          quietNight ? String.format(Locale.ROOT, ", quiet night %.1f s", total(times.get(QUIET).get(run - 1))) : "",
          compared.size());
    }
    long events = new Lake(incrementalLake.toString()).read(spark, LakeTable.GOLD_TIMELINES).count();
    String table = markdown(times, ran(through));
    System.out.println(table);
    Measurements.write(work.resolve("incremental.md"), table);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("customers", customers);
    facts.put("steps", events);
    facts.put("history_rows", days.historyRows());
    facts.put("last_day_rows", days.lastDayRows());
    facts.put("day_n", dayN.toString());
    facts.put("day_n_plus_1", dayN1.toString());
    facts.put("cores", cores);
    facts.put("master", master);
    facts.put("through", through);
    Measurements.write(work.resolve("incremental.json"), json(times, facts));
    return 0;
  }

  /** Whether the base lake's marker ({@code prefix} + a stage) names {@code through} or a later stage. */
  private static boolean loadedThrough(Path marker, String prefix, String through) throws IOException {
    if (!Files.exists(marker)) {
      return false;
    }
    String loaded = Files.readString(marker);
    return loaded.startsWith(prefix) && STAGES.indexOf(loaded.substring(prefix.length())) >= STAGES.indexOf(through);
  }

  /** Generates the world for {@link #GENERATED} once and splits off its last day. */
  private LastDaySplit.Days prepareWorld(Path world) throws IOException {
    Path marker = world.resolve("_SPLIT");
    if (Files.exists(marker)) {
      String[] counts = Files.readString(marker).trim().split(",");
      return new LastDaySplit.Days(GENERATED.minusDays(2), GENERATED.minusDays(1), Long.parseLong(counts[0]), Long.parseLong(counts[1]));
    }
    IngestBench.deleteTree(world);
    System.out.printf("[incremental-bench] generating %,d customers into %s%n", customers, world);
    WorldGenerator.generate(WorldSpec.of(WorldSpec.DEFAULT_SEED, customers, GENERATED, interviews), world);
    LastDaySplit.Days days = LastDaySplit.split(world, GENERATED);
    System.out.printf("[incremental-bench] day %s: %,d history rows; day %s: %,d rows%n",
        days.history(), days.historyRows(), days.lastDay(), days.lastDayRows());
    Files.writeString(marker, days.historyRows() + "," + days.lastDayRows());
    return days;
  }

  /** A lake at {@code root} whose landing folder is {@code landing} (linked, not copied). */
  private static Lake lakeAt(Path root, Path landing) throws IOException {
    Files.createDirectories(root);
    Path link = root.resolve("landing");
    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, landing.toAbsolutePath());
    }
    return new Lake(root.toString());
  }

  /**
   * A landing folder for {@code day} on which nothing happened: each CSV source's file of that day with
   * its header and no rows. JSON-lines sources deliver nothing: a JSON-lines file without rows is empty,
   * and the landing contract says not to write one (ingest rejects it, {@code LandingFiles.checkNotEmpty}).
   */
  static Path quietLanding(Path world, LocalDate day) throws IOException {
    Path quiet = world.resolve("quiet-landing");
    IngestBench.deleteTree(quiet);
    try (Stream<Path> sources = Files.list(world.resolve("landing"))) {
      for (Path source : sources.filter(p -> !p.getFileName().toString().startsWith("_")).toList()) {
        Path dayFolder = source.resolve(day.toString());
        if (!Files.isDirectory(dayFolder)) {
          continue;
        }
        try (Stream<Path> files = Files.list(dayFolder)) {
          for (Path file : files.toList()) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".csv")) {
              continue;
            }
            Path target = quiet.resolve(source.getFileName().toString()).resolve(day.toString()).resolve(name);
            Files.createDirectories(target.getParent());
            String header;
            try (Stream<String> lines = Files.lines(file)) {
              header = lines.findFirst().orElseThrow() + "\n";
            }
            Files.writeString(target, header);
          }
        }
      }
    }
    return quiet;
  }

  /** Copies a lake's tables; the landing link is recreated, not followed. */
  private static void copyLake(Path from, Path to) throws IOException {
    copyLake(from, to, null);
  }

  /** {@link #copyLake(Path, Path)}, with the copy's landing linked to {@code landing} when not null. */
  private static void copyLake(Path from, Path to, Path landing) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, landing != null ? landing.toAbsolutePath() : Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /**
   * The nightly's stages for {@code runDate}, ingesting {@code ingestDates}; seconds per stage. Unless
   * {@code full}, the journeys must run incrementally (a fallback to the full path fails the benchmark).
   */
  private Map<String, Double> nightly(SparkSession spark, Lake lake, List<LocalDate> ingestDates, LocalDate runDate, boolean full) {
    Map<String, Runnable> stages = new LinkedHashMap<>();
    stages.put("ingest", () -> {
      for (LocalDate date : ingestDates) {
        var summary = Ingest.run(spark, lake, date, Ingest.allSources(), "bench-" + date);
        if (summary.hasErrors()) {
          throw new IllegalStateException("ingest of " + date + " failed: " + summary.errors());
        }
      }
    });
    stages.put("code_interviews", () -> CodeInterviews.run(spark, lake, Codebook.fromResource("codebooks/customer_journey.yaml").yaml()));
    stages.put("journeys", () -> {
      JourneyPreset preset = JourneyPreset.named(JourneyPreset.DEMO);
      IncrementalJourneys.Result journeys = IncrementalJourneys.run(spark, lake, runDate, preset, preset.abandonmentDays(), full);
      System.out.printf("[incremental-bench] journeys %s: %s%n", full ? FULL : INCREMENTAL, journeys);
      if (!full && !journeys.incremental()) {
        throw new IllegalStateException("the journeys after a full load ran in full: " + journeys.fullReason());
      }
    });
    stages.put("quality_gate", () -> {
      QualityGate.Result gate = QualityGate.run(spark, lake, runDate, QualityChecks.fromLocation(QualityChecks.DEFAULT_LOCATION));
      if (!gate.passed()) {
        throw new IllegalStateException("quality gate failed: " + gate.failureMessage());
      }
    });
    stages.put("validate", () -> ClaimValidation.run(spark, lake, runDate, claims));
    stages.put("discover", () -> Discover.run(spark, lake, runDate));
    stages.put("report", () -> ReportRenderer.render(spark, lake, runDate));
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (String stage : ran(through)) {
      long start = System.nanoTime();
      stages.get(stage).run();
      seconds.put(stage, (System.nanoTime() - start) / 1e9);
    }
    return seconds;
  }

  /**
   * Fails unless both lakes' {@code table} hold the same rows (as multisets). Tables kept per
   * {@code run_date} are compared on {@code runDate}'s rows: the incremental lake also holds the base
   * load's results for day N, which the full recompute (one nightly for day N+1) never wrote.
   */
  static void sameRows(SparkSession spark, LakeTable table, Lake a, Lake b, LocalDate runDate) {
    Dataset<Row> left = ofRunDate(a.read(spark, table), runDate);
    Dataset<Row> right = ofRunDate(b.read(spark, table), runDate)
        .select(left.columns()[0], java.util.Arrays.copyOfRange(left.columns(), 1, left.columns().length));
    long onlyLeft = left.exceptAll(right).count();
    long onlyRight = right.exceptAll(left).count();
    if (onlyLeft != 0 || onlyRight != 0) {
      throw new IllegalStateException(table + " differs between the full recompute and the incremental nightly: "
          + onlyLeft + " rows only in the full one, " + onlyRight + " only in the incremental one");
    }
  }

  private static Dataset<Row> ofRunDate(Dataset<Row> rows, LocalDate runDate) {
    return java.util.Arrays.asList(rows.columns()).contains("run_date")
        ? rows.where(org.apache.spark.sql.functions.col("run_date").equalTo(runDate.toString()))
        : rows;
  }

  private static double total(Map<String, Double> run) {
    return run.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static List<Double> series(List<Map<String, Double>> runs, String stage) {
    List<Double> values = new ArrayList<>();
    for (Map<String, Double> run : runs) {
      values.add(stage == null ? total(run) : run.get(stage));
    }
    return values;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String range(List<Double> values) {
    return String.format(Locale.ROOT, "%.1f–%.1f",
        values.stream().mapToDouble(Double::doubleValue).min().orElse(0), values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }

  /** The stages a nightly that ends with {@code through} runs, in order. */
  static List<String> ran(String through) {
    return STAGES.subList(0, STAGES.indexOf(through) + 1);
  }

  /** The compared tables those stages write: the journeys' gold tables, and the claim results once validate ran. */
  static List<LakeTable> compared(String through) {
    if (!ran(through).contains("journeys")) {
      return List.of();
    }
    return ran(through).contains("validate")
        ? COMPARED
        : COMPARED.stream().filter(t -> t != LakeTable.GOLD_CLAIM_RESULTS && t != LakeTable.GOLD_SEGMENT_RESULTS).toList();
  }

  static String markdown(Map<String, List<Map<String, Double>>> times, List<String> stages) {
    StringBuilder md = new StringBuilder();
    boolean quiet = times.containsKey(QUIET);
    md.append("| stage | full recompute median s | min–max s | incremental median s | min–max s | incremental share |")
        .append(quiet ? " quiet night median s | min–max s | quiet-night share |\n" : "\n");
    md.append("|---|---:|---:|---:|---:|---:|").append(quiet ? "---:|---:|---:|\n" : "\n");
    List<String> rows = new ArrayList<>(stages);
    rows.add(null);
    for (String stage : rows) {
      List<Double> full = series(times.get(FULL), stage);
      List<Double> incremental = series(times.get(INCREMENTAL), stage);
      md.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.1f | %s | %s |",
          stage == null ? "**nightly in all**" : stage, median(full), range(full), median(incremental), range(incremental),
          share(incremental, full)));
      if (quiet) {
        List<Double> quietNight = series(times.get(QUIET), stage);
        md.append(String.format(Locale.ROOT, " %.1f | %s | %s |", median(quietNight), range(quietNight), share(quietNight, full)));
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** {@code part}'s median as a percentage of {@code whole}'s. */
  private static String share(List<Double> part, List<Double> whole) {
    return median(whole) > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * median(part) / median(whole)) : "–";
  }

  private static String json(Map<String, List<Map<String, Double>>> times, Map<String, Object> facts) {
    StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"incremental\",\n");
    facts.forEach((k, v) -> json.append(String.format(Locale.ROOT, "  \"%s\": \"%s\",%n", k, v)));
    json.append("  \"runs\": {\n");
    int v = 0;
    for (Map.Entry<String, List<Map<String, Double>>> variant : times.entrySet()) {
      json.append("    \"").append(variant.getKey()).append("\": [");
      List<String> runs = new ArrayList<>();
      for (Map<String, Double> run : variant.getValue()) {
        List<String> stages = new ArrayList<>();
        run.forEach((stage, s) -> stages.add(String.format(Locale.ROOT, "\"%s\": %.3f", stage, s)));
        runs.add("{" + String.join(", ", stages) + "}");
      }
      json.append(String.join(", ", runs)).append("]").append(++v < times.size() ? ",\n" : "\n");
    }
    json.append("  }\n}\n");
    return json.toString();
  }

  public static void main(String[] args) {
    BenchCli.main(new IncrementalBench(), "incremental-bench", args);
  }
}
