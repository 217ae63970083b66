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
    description = "Build gold/journeys (one row per customer) from silver, with facts up to the end of --date.")
public final class JourneysJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Option(names = "--abandonment-days", paramLabel = "N", description = "Days without usage that count as abandonment. Default: 60 (the preset's for a real data set).")
  Integer abandonmentDays;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "Touchpoint → phase map, funnel and gap settings of a data set: demo (default), cdnow, olist, fitbit."
          + " Use the adapter's name after `ingest --adapter NAME` (docs/journeys.md, Real data).")
  String preset = JourneyPreset.DEMO;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    // Checked here, before Spark starts.
    if (!JourneyPreset.NAMES.contains(preset)) {
      throw UserError.at("--preset")
          .problem("unknown journey preset")
          .expected("one of " + JourneyPreset.NAMES)
          .found(preset)
          .fix("pass --preset with the adapter's name, e.g. --preset cdnow")
          .build();
    }
    return config.withAbandonmentDays(abandonmentDays).validate("--abandonment-days");
  }

  @Override
  int run(StageContext ctx) {
    if (JourneyPreset.DEMO.equals(preset)) {
      Stages.journeys(ctx, date);
      return 0;
    }
    JourneyPreset chosen = JourneyPreset.named(preset);
    Stages.journeys(ctx, date, chosen, abandonmentDays != null ? abandonmentDays : chosen.abandonmentDays());
    return 0;
  }

  public static void main(String[] args) {
    main(new JourneysJob(), args);
  }
}
