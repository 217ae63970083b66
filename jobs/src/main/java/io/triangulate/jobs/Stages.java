package io.triangulate.jobs;

import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.SentimentParser;
import io.triangulate.pipelines.adapters.Adapter;
import io.triangulate.pipelines.adapters.Adapters;
import io.triangulate.pipelines.claims.ClaimValidation;
import io.triangulate.pipelines.claims.Discover;
import io.triangulate.pipelines.coding.CodeInterviews;
import io.triangulate.pipelines.coding.CodeTexts;
import io.triangulate.pipelines.coding.TextCodingSummary;
import io.triangulate.pipelines.coding.CodingSummary;
import io.triangulate.pipelines.ingest.Ingest;
import io.triangulate.pipelines.ingest.IngestSummary;
import io.triangulate.pipelines.journeys.JourneyPreset;
import io.triangulate.pipelines.journeys.IncrementalJourneys;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.quality.CheckOutcome;
import io.triangulate.pipelines.quality.QualityChecks;
import io.triangulate.pipelines.quality.QualityGate;
import io.triangulate.pipelines.report.ReportRenderer;
import io.triangulate.pipelines.runs.RunRecord;
import io.triangulate.pipelines.runs.RunsTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The nightly's stages as plain calls, shared by the per-stage commands and {@code nightly}. Each
 * prints its result and how long it took, appends a row to {@code gold/runs} (also when it fails)
 * and prints that row as one {@code run ...} line.
 */
final class Stages {
  private Stages() {}

  /** Ingests the given sources, or every source when the list is empty. */
  static IngestSummary ingest(StageContext ctx, LocalDate date, List<String> sources) {
    List<String> chosen = sources.isEmpty() ? Ingest.allSources() : sources;
    // One Airflow task per source: the stage name says which, so parallel ingests stay apart in gold/runs.
    String stage = sources.isEmpty() ? "ingest" : "ingest_" + String.join("_", sources);
    return timed(ctx, stage, date,
        () -> Ingest.run(ctx.spark(), ctx.lake(), date, chosen, ctx.runId(), ctx.config().sources()), Stages::ingestCounts);
  }

  /** Maps a public data set with an adapter, lands it for {@code date} and ingests it (stage {@code ingest_<adapter>}). */
  static IngestSummary ingestAdapter(StageContext ctx, LocalDate date, Adapter adapter, String input) {
    return timed(ctx, "ingest_" + adapter.name(), date,
        () -> Adapters.run(ctx.spark(), ctx.lake(), adapter, input, date, ctx.runId(), ctx.config().sources()),
        Stages::ingestCounts);
  }

  static CodingSummary codeInterviews(StageContext ctx) {
    String codebook = readCodebook(ctx.config().codebook());
    return timed(ctx, "code_interviews", null, () -> CodeInterviews.run(ctx.spark(), ctx.lake(), codebook),
        s -> new Counts(s.transcripts(), s.segmentsWritten(), (long) s.failures().size(), null));
  }

  /** Codes the new and changed customer texts landed on or before {@code date} (stage {@code code_texts}). */
  static TextCodingSummary codeTexts(StageContext ctx, LocalDate date, boolean withSentiment) {
    return codeTexts(ctx, date, withSentiment, SentimentParser.DEFAULT);
  }

  /** {@link #codeTexts(StageContext, LocalDate, boolean)} with the parser whose trees sentiment reads. */
  static TextCodingSummary codeTexts(StageContext ctx, LocalDate date, boolean withSentiment, SentimentParser parser) {
    String codebook = readCodebook(ctx.config().codebook());
    return timed(ctx, "code_texts", date, () -> CodeTexts.run(ctx.spark(), ctx.lake(), date, codebook, withSentiment, parser),
        s -> new Counts(s.texts(), s.segmentsWritten(), (long) s.failures().size(), null));
  }

  /**
   * Journeys with the config's preset ({@code journeys.preset}, default demo) and abandonment days
   * ({@code abandonment_days}, default the preset's): incremental after a previous run
   * ({@link IncrementalJourneys}), from all of silver when {@code full} or when it must.
   */
  static IncrementalJourneys.Result journeys(StageContext ctx, LocalDate date, boolean full) {
    JourneyPreset preset = JourneyPreset.named(ctx.config().journeyPreset());
    Integer days = ctx.config().abandonmentDays();
    int abandonmentDays = days != null ? days : preset.abandonmentDays();
    return timed(ctx, "journeys", date,
        () -> IncrementalJourneys.run(ctx.spark(), ctx.lake(), date, preset, abandonmentDays, full),
        r -> new Counts(null, r.journeys(), null, null));
  }

  /**
   * Runs the quality checks of the config's {@code quality.checks} and writes gold/data_quality.
   * Prints one line per check (failed warn checks only there); failed error checks are also listed
   * on stderr and mark the stage failed in gold/runs. The caller stops on {@link QualityGate.Result#passed()} false.
   */
  static QualityGate.Result qualityGate(StageContext ctx, LocalDate date) {
    QualityGate.Result result = timed(ctx, "quality_gate", date,
        () -> QualityGate.run(ctx.spark(), ctx.lake(), date, QualityChecks.fromLocation(ctx.config().qualityChecks()), ctx.runId()),
        r -> new Counts(null, (long) r.outcomes().size(), null, r.passed() ? null : r.failureMessage()));
    for (CheckOutcome outcome : result.outcomes()) {
      ctx.out().println("[quality_gate] " + outcome.summaryLine());
    }
    if (!result.passed()) {
      System.err.println("triangulate: " + result.failureMessage());
    }
    return result;
  }

  static ClaimValidation.Results validate(StageContext ctx, LocalDate date) {
    Path claims = Path.of(ctx.config().claimsDir());
    return timed(ctx, "validate", date, () -> ClaimValidation.run(ctx.spark(), ctx.lake(), date, claims),
        r -> new Counts(null, (long) r.claimResults().size(), null, null));
  }

  static Discover.Results discover(StageContext ctx, LocalDate date) {
    return timed(ctx, "discover", date, () -> Discover.run(ctx.spark(), ctx.lake(), date),
        r -> new Counts(null, (long) r.discoveries().size(), null, null));
  }

  static String report(StageContext ctx, LocalDate date) {
    return timed(ctx, "report", date, () -> ReportRenderer.render(ctx.spark(), ctx.lake(), date), r -> Counts.NONE);
  }

  /**
   * Loads and validates a codebook from a file or {@code classpath:<resource>} on the driver, so a
   * bad codebook fails before any executor starts; executors get its YAML text.
   */
  static String readCodebook(String location) {
    String classpath = "classpath:";
    Codebook codebook =
        location.startsWith(classpath)
            ? Codebook.fromResource(location.substring(classpath.length()))
            : Codebook.load(Path.of(location));
    return codebook.yaml();
  }


  /** What a stage's result says for gold/runs; null = not applicable. A non-null error marks the run failed. */
  record Counts(Long rowsIn, Long rowsOut, Long quarantined, String error) {
    static final Counts NONE = new Counts(null, null, null, null);
  }

  static Counts ingestCounts(IngestSummary summary) {
    long in = 0;
    long out = 0;
    long quarantined = 0;
    for (IngestSummary.SourceResult source : summary.sources()) {
      in += source.rowsIn();
      out += source.validRows();
      quarantined += source.quarantined();
    }
    return new Counts(in, out, quarantined, summary.hasErrors() ? String.join("; ", summary.errors()) : null);
  }

  interface StageBody<T> {
    T run() throws Exception;
  }

  private static <T> T timed(StageContext ctx, String stage, LocalDate date, StageBody<T> body, Function<T, Counts> counts) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    ctx.out().printf("[%s] started%n", stage);
    try {
      T result = body.run();
      ctx.out().printf("[%s] done in %.1f s: %s%n", stage, (System.nanoTime() - start) / 1e9, result);
      record(ctx, stage, date, startedAt, start, counts.apply(result));
      return result;
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      record(ctx, stage, date, startedAt, start, new Counts(null, null, null, message));
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(stage + " failed: " + message, e);
    }
  }

  /**
   * Appends the stage's row to gold/runs and prints it. A failure to record is reported on stderr but
   * does not fail the stage: the run log is for operators, the stage's tables are already written.
   */
  private static void record(StageContext ctx, String stage, LocalDate date, Instant startedAt, long startNanos, Counts counts) {
    RunRecord run =
        new RunRecord(
            ctx.runId(),
            date,
            stage,
            counts.rowsIn(),
            counts.rowsOut(),
            counts.quarantined(),
            (System.nanoTime() - startNanos) / 1_000_000,
            ctx.spark().sparkContext().applicationId(),
            counts.error() == null ? RunRecord.SUCCEEDED : RunRecord.FAILED,
            startedAt,
            Instant.now(),
            counts.error());
    try {
      RunsTable.append(ctx.spark(), ctx.lake(), List.of(run));
    } catch (RuntimeException e) {
      System.err.println("triangulate: could not record the run in " + ctx.lake().path(LakeTable.GOLD_RUNS) + ": " + e.getMessage());
    }
    ctx.out().println(run.summaryLine());
  }
}
