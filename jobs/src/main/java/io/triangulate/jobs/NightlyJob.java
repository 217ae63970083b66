package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.pipelines.ingest.IngestSummary;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Run every stage for one date: ingest, code-interviews, journeys, validate, discover, report.",
      "Idempotent: running it again for the same date leaves the same tables."
    })
public final class NightlyJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Mixin ClaimsOption claims;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    return claims.applyTo(config);
  }

  @Override
  int run(StageContext ctx) {
    return runAll(ctx, date);
  }

  /** The stages in order; stops after ingest when a source failed, so no stage reads a half-loaded day. */
  static int runAll(StageContext ctx, LocalDate date) {
    IngestSummary ingest = Stages.ingest(ctx, date, List.of());
    if (ingest.hasErrors()) {
      System.err.println("triangulate nightly: ingest failed for some sources; later stages not run. Fix the files and rerun this date.");
      return EXIT_USER_ERROR;
    }
    Stages.codeInterviews(ctx);
    Stages.journeys(ctx, date);
    Stages.validate(ctx, date);
    Stages.discover(ctx, date);
    Stages.report(ctx, date);
    return 0;
  }

  public static void main(String[] args) {
    main(new NightlyJob(), args);
  }
}
