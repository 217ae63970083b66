package io.triangulate.jobs;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.claims.ClaimValidation;
import io.triangulate.pipelines.coding.CodeInterviews;
import io.triangulate.pipelines.ingest.Ingest;
import io.triangulate.pipelines.ingest.IngestSummary;
import io.triangulate.pipelines.journeys.Journeys;
import io.triangulate.pipelines.journeys.PhaseMap;
import io.triangulate.pipelines.report.ReportRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The nightly's stages as plain calls, shared by the per-stage commands and {@code nightly}. Each
 * prints one summary line (or table) and how long it took.
 */
final class Stages {
  private Stages() {}

  /** Ingests the given sources, or every source when the list is empty. */
  static IngestSummary ingest(StageContext ctx, LocalDate date, List<String> sources) {
    List<String> chosen = sources.isEmpty() ? Ingest.allSources() : sources;
    return timed(ctx, "ingest", () -> Ingest.run(ctx.spark(), ctx.lake(), date, chosen, runId("ingest", date)));
  }

  static Object codeInterviews(StageContext ctx) {
    String codebook = readCodebook(ctx.config().codebook());
    return timed(ctx, "code-interviews", () -> CodeInterviews.run(ctx.spark(), ctx.lake(), codebook));
  }

  static long journeys(StageContext ctx, LocalDate date) {
    return timed(ctx, "journeys", () -> Journeys.run(ctx.spark(), ctx.lake(), date, PhaseMap.defaults(), ctx.config().abandonmentDays()));
  }

  /** Validates every claim; prints one "claim: verdict" line per claim. */
  static ClaimValidation.Results validate(StageContext ctx, LocalDate date) {
    Path claims = Path.of(ctx.config().claimsDir());
    return timed(ctx, "validate", () -> ClaimValidation.run(ctx.spark(), ctx.lake(), date, claims), Stages::verdicts);
  }

  private static String verdicts(ClaimValidation.Results results) {
    return results.claimResults().size() + " claims"
        + results.claimResults().stream()
            .map(r -> String.format("%n  %-28s %s", r.<String>getAs("claim_id"), r.<String>getAs("verdict")))
            .collect(java.util.stream.Collectors.joining());
  }

  static Object report(StageContext ctx, LocalDate date) {
    return timed(ctx, "report", () -> ReportRenderer.render(ctx.spark(), ctx.lake(), date));
  }

  /** Reads a codebook from a file or {@code classpath:<resource>}. */
  static String readCodebook(String location) {
    try {
      if (location.startsWith("classpath:")) {
        String resource = location.substring("classpath:".length());
        try (InputStream in = Stages.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw UserError.at("codebook " + location).problem("resource not found on the classpath")
                .fix("use a codebook file path, or one of the bundled codebooks under codebooks/").build();
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return Files.readString(Path.of(location), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserError.at("codebook " + location).problem("cannot read the codebook").found(e.getMessage())
          .fix("check the path given with --codebook or the codebook config key").cause(e).build();
    }
  }

  /** Run ids are unique per invocation; tables stay identical on rerun because none of them keys on it. */
  private static String runId(String stage, LocalDate date) {
    return date + "-" + stage + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  interface StageBody<T> {
    T run() throws Exception;
  }

  private static <T> T timed(StageContext ctx, String stage, StageBody<T> body) {
    return timed(ctx, stage, body, String::valueOf);
  }

  private static <T> T timed(StageContext ctx, String stage, StageBody<T> body, java.util.function.Function<T, String> summary) {
    long start = System.nanoTime();
    ctx.out().printf("[%s] started%n", stage);
    try {
      T result = body.run();
      ctx.out().printf("[%s] done in %.1f s: %s%n", stage, (System.nanoTime() - start) / 1e9, summary.apply(result));
      return result;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(stage + " failed: " + e.getMessage(), e);
    }
  }
}
