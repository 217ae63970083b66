package io.triangulate.jobs;

import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code triangulate discover --date D}: after validate, scans the date's segment columns for
 * segments that churn or abandon more than the rest (gold/discoveries, recruitment lists) and
 * proposes claims from durations heard in the interviews (reports/D/proposed_claims/,
 * gold/proposed_claims).
 */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description = {
      "Look for what the claims missed, after validate for the same date: segments whose churn or",
      "abandonment is significantly higher than the rest (gold/discoveries, with recruitment lists under",
      "<lake>/restricted/recruitment/<date>/), and claims proposed from durations heard in the interviews",
      "(<lake>/reports/<date>/proposed_claims/*.yaml, gold/proposed_claims). Rerunning a date replaces them."
    })
public final class DiscoverJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Override
  int run(StageContext ctx) {
    Stages.discover(ctx, date);
    return 0;
  }

  public static void main(String[] args) {
    main(new DiscoverJob(), args);
  }
}
