package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.pipelines.ingest.IngestSummary;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.quality.QualityChecks;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Run every stage for one date: ingest, code-interviews, code-texts (when the lake has customer texts), journeys,"
          + " quality-gate, validate, discover, report.",
      "Idempotent: running it again for the same date leaves the same tables.",
      "Journeys are incremental after a previous run (only customers with changed facts are rebuilt); --full recomputes them.",
      "Exit codes: 0 done, 2 bad input or config, 3 an error-level quality check failed (later stages not run)."
    })
public final class NightlyJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Mixin ClaimsOption claims;

  @Option(names = "--full", description = "Recompute the journeys from all of silver instead of only the customers whose facts changed since the last run.")
  boolean full;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    TriangulateConfig resolved = claims.applyTo(config);
    // A bad quality checks file fails before ingest, not after journeys.
    QualityChecks.fromLocation(resolved.qualityChecks());
    return resolved;
  }

  @Override
  int run(StageContext ctx) {
    return runAll(ctx, date, full);
  }

  /**
   * The stages in order; stops after ingest when a source failed, so no stage reads a half-loaded
   * day, and after the quality gate when an error-level check failed, so no claim is validated on bad data.
   */
  static int runAll(StageContext ctx, LocalDate date) {
    return runAll(ctx, date, false);
  }

  /** {@link #runAll(StageContext, LocalDate)}; {@code fullJourneys} recomputes the journeys from all of silver. */
  static int runAll(StageContext ctx, LocalDate date, boolean fullJourneys) {
    IngestSummary ingest = Stages.ingest(ctx, date, List.of());
    if (ingest.hasErrors()) {
      System.err.println("triangulate nightly: ingest failed for some sources; later stages not run. Fix the files and rerun this date.");
      return EXIT_USER_ERROR;
    }
    Stages.codeInterviews(ctx);
    // Only lakes that receive customer texts run (and log) code-texts; the demo world has none.
    if (ctx.lake().exists(ctx.spark(), LakeTable.SILVER_CUSTOMER_TEXTS)) {
      Stages.codeTexts(ctx, date, true);
    }
    Stages.journeys(ctx, date, fullJourneys);
    if (!Stages.qualityGate(ctx, date).passed()) {
      System.err.println("triangulate nightly: quality gate failed; validate, discover and report not run.");
      return EXIT_QUALITY_GATE;
    }
    Stages.validate(ctx, date);
    Stages.discover(ctx, date);
    Stages.report(ctx, date);
    return 0;
  }

  public static void main(String[] args) {
    main(new NightlyJob(), args);
  }
}
