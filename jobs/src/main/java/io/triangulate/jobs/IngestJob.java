package io.triangulate.jobs;

import io.triangulate.pipelines.ingest.IngestSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Load landing/<source>/<date>/ files into Delta bronze and silver; rejected rows go to quarantine.")
public final class IngestJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Landing date, yyyy-mm-dd.")
  LocalDate date;

  @Option(names = "--source", paramLabel = "SOURCE", description = "Only these sources (customers, transactions, channel_events, churn, interviews); repeatable. Default: all.")
  List<String> sources = new ArrayList<>();

  @Override
  int run(StageContext ctx) {
    IngestSummary summary = Stages.ingest(ctx, date, sources);
    return summary.hasErrors() ? EXIT_USER_ERROR : 0;
  }

  public static void main(String[] args) {
    main(new IngestJob(), args);
  }
}
