package io.triangulate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.jobs.bench.ClaimsBench;
import io.triangulate.jobs.bench.DuckDbBench;
import io.triangulate.jobs.bench.IncrementalBench;
import io.triangulate.jobs.bench.IngestBench;
import io.triangulate.jobs.bench.JourneysBench;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs every benchmark in bench/ at a tiny scale so none rots between measurements. Asserts what
 * the benchmarks produce and that their variants agree, never how long anything took.
 */
class BenchmarksSmokeTest {
  @TempDir Path work;

  @Test
  void ingestBenchmarkRunsBothVariantsOnTheSameRows() throws Exception {
    int exit = new CommandLine(new IngestBench()).execute(
        "--customers", "150", "--runs", "1", "--warmup", "0", "--master", "local[2]", "--work", work.toString());

    assertThat(exit).as("ingest-bench exit code").isZero();
    String json = Files.readString(work.resolve("ingest.json"));
    // A row-count disagreement between the variants makes the benchmark exit non-zero (checked above).
    assertThat(json).as("both variants measured")
        .contains(IngestBench.BASELINE).contains(IngestBench.FLOOR).contains(IngestBench.TRIANGULATE);
    assertThat(Files.readString(work.resolve("ingest.md"))).as("markdown table").contains("| variant | runs |");
    // The world is generated once per size and reused by the next invocation.
    assertThat(work.resolve("world-150/landing/channel_events")).as("generated landing kept").isDirectory();

    exit = new CommandLine(new IngestBench()).execute("--customers", "150", "--runs", "1", "--warmup", "0",
        "--master", "local[2]", "--work", work.toString(), "--profile");
    assertThat(exit).as("ingest-bench --profile exit code").isZero();
    assertThat(Files.readString(work.resolve("ingest-profile.md"))).as("every step timed once")
        .contains("| step | run 1 s |").contains("| parse (noop) |").contains("| typed JSON read (noop) |").contains("| typed by Java parsers (noop) |")
        .contains("| SilverLoader.load |");
  }

  @Test
  void journeysBenchmarkRunsBothVariantsOnTheSameEvents() throws Exception {
    int exit = new CommandLine(new JourneysBench()).execute(
        "--events", "2000", "--runs", "1", "--master", "local[2]", "--work", work.toString());

    // gold/timelines holding a different number of steps than events makes the benchmark fail.
    assertThat(exit).as("journeys-bench exit code").isZero();
    assertThat(Files.readString(work.resolve("journeys.json"))).as("both variants measured")
        .contains(JourneysBench.BASELINE).contains(JourneysBench.TRIANGULATE);
    assertThat(work.resolve("events-2000-50/silver/channel_events")).as("synthetic silver kept").isDirectory();
  }

  @Test
  void claimsBenchmarksAgreeOnePassOneByOneAndDuckDb() throws Exception {
    int exit = new CommandLine(new ClaimsBench()).execute(
        "--customers", "150", "--runs", "1", "--warmup", "0", "--master", "local[2]", "--work", work.toString());

    // Results that differ between one pass and one job per claim make the benchmark fail (non-zero).
    assertThat(exit).as("claims-bench exit code").isZero();
    assertThat(Files.readString(work.resolve("claims.json"))).as("both variants measured")
        .contains(ClaimsBench.ONE_PASS).contains(ClaimsBench.ONE_BY_ONE).contains("\"claims\": \"20\"");
    assertThat(work.resolve("world-150/tables/journeys")).as("prepared tables kept").isDirectory();

    // The DuckDB peer reuses the prepared world; counts that differ from Triangulate's fail it.
    int duckExit = new CommandLine(new DuckDbBench()).execute(
        "--customers", "150", "--runs", "1", "--warmup", "0", "--master", "local[2]", "--work", work.toString());
    assertThat(duckExit).as("duckdb-bench exit code").isZero();
    assertThat(Files.readString(work.resolve("duckdb.json"))).as("both variants measured")
        .contains(DuckDbBench.DUCKDB).contains(DuckDbBench.TRIANGULATE);
    assertThat(Files.readString(work.resolve("duckdb-claims.sql"))).as("the peer's SQL is kept for review")
        .contains("GROUPING SETS").contains("read_parquet");
  }

  @Test
  void incrementalBenchmarkGivesTheFullRecomputesTables() throws Exception {
    // Through journeys only: three nightlies in full cost CI about 8 minutes; the later stages are the
    // ordinary ones (tested elsewhere) and read the same tables whichever path the journeys took.
    int exit = new CommandLine(new IncrementalBench()).execute(
        "--customers", "100", "--interviews", "1", "--runs", "1", "--through", "journeys", "--master", "local[2]",
        "--quiet-night", "--work", work.toString(), "--claims", claimsDir().toString());

    // Gold tables that differ between the full recompute and the incremental nightly make it fail, as
    // does an incremental nightly that fell back to the full path.
    assertThat(exit).as("incremental-bench exit code").isZero();
    String json = Files.readString(work.resolve("incremental.json"));
    assertThat(json).as("both variants measured, each stage run and no later one")
        .contains(IncrementalBench.FULL).contains(IncrementalBench.INCREMENTAL).contains("\"journeys\": ").doesNotContain("\"quality_gate\": ");
    assertThat(json).as("day N+1 holds rows of its own").doesNotContain("\"last_day_rows\": \"0\"");
    assertThat(json).as("the quiet night measured too (--quiet-night)").contains(IncrementalBench.QUIET);
    assertThat(Files.readString(work.resolve("incremental.md"))).as("markdown table")
        .contains("| journeys |").contains("incremental share").contains("quiet-night share");
    assertThat(work.resolve("world-100-1/quiet-landing/transactions/2026-06-29/transactions.csv"))
        .as("the quiet night's transactions: the header, no rows").hasContent("transaction_id,customer_id,occurred_at,product_id,"
            + "product_category,quantity,amount,currency,channel\n");
    assertThat(work.resolve("world-100-1/base-lake/_LOADED")).as("the lake after day N is kept").isRegularFile();
  }

  @Test
  void incrementalBenchmarkRejectsAStageTheNightlyDoesNotHave() {
    var err = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new IncrementalBench());
    cli.setErr(new java.io.PrintWriter(err));
    int exit = cli.execute("--through", "journey", "--work", work.toString());

    assertThat(exit).as("exit code of a mistyped --through").isNotZero();
    assertThat(err.toString()).as("the message names the option, what was found and the stages")
        .contains("--through").contains("journey").contains("quality_gate");
  }

  /** The demo claims, from the module or the repository root, whichever Maven runs in. */
  private static Path claimsDir() {
    Path module = Path.of("../examples/demo/claims");
    return Files.isDirectory(module) ? module : Path.of("examples/demo/claims");
  }
}
