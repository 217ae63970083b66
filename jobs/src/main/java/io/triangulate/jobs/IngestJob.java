package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.pipelines.adapters.Adapters;
import io.triangulate.pipelines.ingest.IngestSummary;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Load landing/<source>/<date>/ files into Delta bronze and silver; rejected rows go to quarantine.",
      "With --adapter, first map a public data set (folder --input) onto the contracts and land it for the date."
    },
    footer = {"", "Adapters (docs/adapters.md):", Adapters.HELP})
public final class IngestJob extends StageJob {
  @Option(names = "--date", converter = DateOption.class,
      description = "Landing date, yyyy-mm-dd. Required without --adapter; with it, default today (UTC).")
  LocalDate date;

  @Option(names = "--source", paramLabel = "SOURCE", description = "Only these sources (customers, transactions, channel_events, churn, customer_texts, interviews); repeatable. Default: all.")
  List<String> sources = new ArrayList<>();

  @Option(names = "--adapter", paramLabel = "NAME", description = "Map a public data set with this adapter (listed below) and ingest it.")
  String adapter;

  @Option(names = "--input", paramLabel = "DIR", description = "The data set's folder for --adapter, e.g. ../shared/data/telco_ibm_v11.")
  String input;

  // Checked before Spark starts: a wrong combination of flags should not cost a session.
  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    if (adapter != null) {
      if (input == null || !sources.isEmpty()) {
        throw new ParameterException(spec.commandLine(),
            "--adapter needs --input DIR (the data set's folder) and takes no --source: the adapter decides its sources");
      }
      Adapters.named(adapter);
    } else if (date == null || input != null) {
      throw new ParameterException(spec.commandLine(),
          date == null ? "Missing required option: '--date=<date>'" : "--input is only for --adapter");
    }
    return config;
  }

  @Override
  int run(StageContext ctx) {
    IngestSummary summary =
        adapter != null
            ? Stages.ingestAdapter(ctx, date == null ? LocalDate.now(ZoneOffset.UTC) : date, Adapters.named(adapter), input)
            : Stages.ingest(ctx, date, sources);
    return summary.hasErrors() ? EXIT_USER_ERROR : 0;
  }

  public static void main(String[] args) {
    main(new IngestJob(), args);
  }
}
