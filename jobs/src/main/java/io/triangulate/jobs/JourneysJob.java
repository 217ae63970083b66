package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.journeys.JourneyPreset;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "journeys",
    mixinStandardHelpOptions = true,
    description = {
      "Build gold/journeys (one row per customer) and the journey tables from silver, with facts up to the end of --date.",
      "Incremental after a previous run: only customers whose silver rows changed since are rebuilt; --full recomputes all."
    })
public final class JourneysJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Option(names = "--abandonment-days", paramLabel = "N", description = "Days without usage that count as abandonment. Default: abandonment_days of the config, else the preset's (60 for demo).")
  Integer abandonmentDays;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "Touchpoint → phase map, funnel and gap settings of a data set: demo, cdnow, olist, fitbit."
          + " Default: journeys.preset of the config, else demo."
          + " Use the adapter's name after `ingest --adapter NAME` (docs/journeys.md, Real data).")
  String preset;

  @Option(names = "--full", description = "Recompute from all of silver. Default: incremental after a previous run"
      + " with the same settings (only customers whose facts changed since are rebuilt; docs/journeys.md, Incremental runs).")
  boolean full;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    // Checked here, before Spark starts.
    if (preset != null && !JourneyPreset.NAMES.contains(preset)) {
      throw UserError.at("--preset")
          .problem("unknown journey preset")
          .expected("one of " + JourneyPreset.NAMES)
          .found(preset)
          .fix("pass --preset with the adapter's name, e.g. --preset cdnow")
          .build();
    }
    return config.withAbandonmentDays(abandonmentDays).withJourneyPreset(preset).validate("--abandonment-days");
  }

  @Override
  int run(StageContext ctx) {
    Stages.journeys(ctx, date, full);
    return 0;
  }

  public static void main(String[] args) {
    main(new JourneysJob(), args);
  }
}
