package io.triangulate.jobs.bench;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.claims.ClaimSpec;
import io.triangulate.pipelines.claims.ClaimSpecs;
import io.triangulate.pipelines.claims.OutcomeCounts;
import io.triangulate.pipelines.generate.WorldSpec;
import io.triangulate.pipelines.spark.Sparks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Peer comparison (issue 8, item 3): the claim-validation counts of {@code bench/claims}' 20 claims
 * × 5 segments computed by Triangulate's one-pass Spark path ({@link OutcomeCounts#collect}) and by
 * DuckDB running the equivalent SQL ({@link DuckDbClaimSql}) on the same parquet files, in one JVM,
 * interleaved, both limited to the same cores. Both produce the same (claim, segment, time) counts,
 * which the driver-side statistics then turn into verdicts; any difference in the counts aborts
 * the run. The prepared world is shared with {@code bench/claims} (same --work layout).
 */
@Command(
    name = "duckdb-bench",
    mixinStandardHelpOptions = true,
    description = "Claim validation counts: Triangulate (Spark, one pass) vs DuckDB SQL on the same parquet, same answers checked.")
public final class DuckDbBench implements Callable<Integer> {
  @Option(names = "--customers", defaultValue = "20000",
      description = "Customers in the generated world (≈43 events each; 230,000 ≈ 10M events = SF1). Default 20000.")
  int customers;

  @Option(names = "--runs", defaultValue = "3", description = "Runs of each variant (median reported).")
  int runs;

  @Option(names = "--warmup", defaultValue = "1", description = "Unrecorded runs of both variants first.")
  int warmup;

  @Option(names = "--work", defaultValue = "bench/results/claims",
      description = "Folder of the prepared world (shared with bench/claims) and the results.")
  Path work;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master; DuckDB gets as many threads as it has cores.")
  String master;

  @Option(names = "--profile",
      description = "Print each Triangulate run's Spark jobs and stages (time, tasks, rows, shuffle bytes) and its final plan.")
  boolean profile;

  public static final String DUCKDB = "duckdb sql on parquet";
  public static final String TRIANGULATE = "triangulate validate counts (spark, one pass)";

  @Override
  public Integer call() throws IOException, SQLException {
    if (runs < 1) {
      throw UserError.at("duckdb-bench --runs").problem("must be at least 1").found(String.valueOf(runs))
          .fix("pass --runs 3 (medians need three)").build();
    }
    LocalDate date = WorldSpec.DEFAULT_RUN_DATE;
    SparkSession spark = Sparks.session(master, "triangulate-duckdb-bench", Map.of());
    int cores = spark.sparkContext().defaultParallelism();
    Path tables = ClaimsBench.preparedTables(spark, work, customers, date);
    List<ClaimSpec> specs = ClaimSpecs.loadFolder(ClaimsBench.writeClaims(work.resolve("claims")));
    long events = ClaimsBench.read(spark, tables, "transactions").count() + ClaimsBench.read(spark, tables, "channel_events").count();
    String sql = DuckDbClaimSql.query(specs, tables, date);
    Files.writeString(work.resolve("duckdb-claims.sql"), sql + ";\n");
    System.out.printf("[duckdb-bench] %,d customers, %,d events, %d claims; DuckDB threads %d; SQL in %s%n",
        customers, events, specs.size(), cores, work.resolve("duckdb-claims.sql"));

    SparkProfile jobs = profile ? SparkProfile.attach(spark) : null;
    if (profile) {
      spark.listenerManager().register(new PlanPrinter());
    }
    Measurements m = new Measurements();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = duck.createStatement()) {
        s.execute("SET threads = " + cores);
        s.execute("SET TimeZone = 'UTC'"); // the calendar days are UTC days, as in Spark's session
      }
      for (int run = 1 - warmup; run <= runs; run++) {
        List<String> order = run % 2 == 0 ? List.of(TRIANGULATE, DUCKDB) : List.of(DUCKDB, TRIANGULATE);
        Map<String, TreeMap<String, long[]>> answers = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder();
        for (String variant : order) {
          spark.catalog().clearCache();
          if (jobs != null) {
            jobs.reset();
          }
          long start = System.nanoTime();
          TreeMap<String, long[]> counts = variant.equals(DUCKDB)
              ? duckdb(duck, sql)
              : canonical(OutcomeCounts.collect(spark, specs, ClaimsBench.read(spark, tables, "journeys"),
                  ClaimsBench.read(spark, tables, "transactions"), ClaimsBench.read(spark, tables, "channel_events"), date));
          double s = (System.nanoTime() - start) / 1e9;
          answers.put(variant, counts);
          if (jobs != null && variant.equals(TRIANGULATE)) {
            System.out.println("[duckdb-bench] profile of " + variant + ": " + jobs.summary());
          }
          if (run > 0) {
            m.add(variant, s, events);
          }
          line.append(String.format(Locale.ROOT, " %s %.1f s;", variant, s));
        }
        String difference = firstDifference(answers.get(TRIANGULATE), answers.get(DUCKDB));
        if (difference != null) {
          throw new IllegalStateException("Triangulate and DuckDB counts differ: " + difference);
        }
        System.out.println("[duckdb-bench] " + (run > 0 ? "run " + run : "warm-up") + ":" + line
            + " identical counts in " + answers.get(DUCKDB).size() + " cells");
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("customers", customers);
    facts.put("events", events);
    facts.put("claims", specs.size());
    facts.put("duckdb_threads", cores);
    facts.put("master", master);
    facts.put("java", System.getProperty("java.version"));
    String table = m.markdown(DUCKDB, cores);
    System.out.println(table);
    Measurements.write(work.resolve("duckdb.md"), table);
    Measurements.write(work.resolve("duckdb.json"), m.json("duckdb", DUCKDB, cores, facts));
    return 0;
  }

  /** Prints the final (adaptive) physical plan of each query the Triangulate variant runs. */
  static final class PlanPrinter implements org.apache.spark.sql.util.QueryExecutionListener {
    @Override
    public void onSuccess(String funcName, org.apache.spark.sql.execution.QueryExecution qe, long durationNs) {
      System.out.printf(Locale.ROOT, "[duckdb-bench] %s query %.1f s, plan:%n%s%n", funcName, durationNs / 1e9, qe.executedPlan());
    }

    @Override
    public void onFailure(String funcName, org.apache.spark.sql.execution.QueryExecution qe, Exception exception) {}
  }

  /** {claim|column|value|time → [population, censored, events, time events]} from DuckDB. */
  static TreeMap<String, long[]> duckdb(Connection duck, String sql) throws SQLException {
    TreeMap<String, long[]> out = new TreeMap<>();
    try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.put(key(r.getString(1), r.getString(2), r.getString(3), r.getInt(4)),
            new long[] {r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8)});
      }
    }
    return out;
  }

  /**
   * The same shape from Triangulate's cells. A cell keeps totals and per-time (events, censorings),
   * so per-time population and events are rebuilt from totals only where the claim has one time;
   * comparing totals per cell plus the per-time split is what both sides can state exactly.
   */
  static TreeMap<String, long[]> canonical(Map<String, Map<List<String>, OutcomeCounts.Cell>> cells) {
    TreeMap<String, long[]> out = new TreeMap<>();
    cells.forEach((claim, byKey) -> byKey.forEach((k, cell) -> {
      out.put(key(claim, k.get(0), k.get(1), -1), new long[] {cell.population(), cell.censored(), cell.events(), 0});
      cell.times().forEach((t, ec) -> out.put(key(claim, k.get(0), k.get(1), t), new long[] {ec[0] + ec[1], 0, 0, ec[0]}));
    }));
    return out;
  }

  private static String key(String claim, String column, String value, int time) {
    return claim + "|" + column + "|" + value + "|" + (time < 0 ? "total" : String.format(Locale.ROOT, "%06d", time));
  }

  /** Null when equal; otherwise the first differing cell, after folding DuckDB's rows to the canonical shape. */
  static String firstDifference(TreeMap<String, long[]> triangulate, TreeMap<String, long[]> duckRows) {
    TreeMap<String, long[]> duck = new TreeMap<>();
    duckRows.forEach((k, v) -> {
      String cell = k.substring(0, k.lastIndexOf('|'));
      long[] total = duck.computeIfAbsent(cell + "|total", x -> new long[4]);
      total[0] += v[0];
      total[1] += v[1];
      total[2] += v[2];
      duck.put(k, new long[] {v[0], 0, 0, v[3]});
    });
    List<String> keys = new ArrayList<>(triangulate.keySet());
    keys.addAll(duck.keySet());
    for (String k : new TreeSet<>(keys)) {
      long[] a = triangulate.get(k);
      long[] b = duck.get(k);
      if (a == null || b == null || !Arrays.equals(a, b)) {
        return k + ": triangulate " + (a == null ? "none" : Arrays.toString(a)) + ", duckdb "
            + (b == null ? "none" : Arrays.toString(b));
      }
    }
    return null;
  }

  public static void main(String[] args) {
    BenchCli.main(new DuckDbBench(), "duckdb-bench", args);
  }
}
