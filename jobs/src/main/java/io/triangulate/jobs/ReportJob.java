package io.triangulate.jobs;

import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Render the insight report for a run date to <lake>/reports/<date>/index.html.")
public final class ReportJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Override
  int run(StageContext ctx) {
    Stages.report(ctx, date);
    return 0;
  }

  public static void main(String[] args) {
    main(new ReportJob(), args);
  }
}
