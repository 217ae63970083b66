package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Test every claim in the claims folder against the whole base; write gold/claim_results and gold/segment_results.")
public final class ValidateJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Mixin ClaimsOption claims;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    return claims.applyTo(config);
  }

  @Override
  int run(StageContext ctx) {
    Stages.validate(ctx, date);
    return 0;
  }

  public static void main(String[] args) {
    main(new ValidateJob(), args);
  }
}
