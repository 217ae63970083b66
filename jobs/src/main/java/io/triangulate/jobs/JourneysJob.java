package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "journeys",
    mixinStandardHelpOptions = true,
    description = "Build gold/journeys (one row per customer) from silver, with facts up to the end of --date.")
public final class JourneysJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Option(names = "--abandonment-days", paramLabel = "N", description = "Days without usage that count as abandonment. Default: 60.")
  Integer abandonmentDays;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    return config.withAbandonmentDays(abandonmentDays).validate("--abandonment-days");
  }

  @Override
  int run(StageContext ctx) {
    Stages.journeys(ctx, date);
    return 0;
  }

  public static void main(String[] args) {
    main(new JourneysJob(), args);
  }
}
