package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.pipelines.quality.QualityChecks;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code triangulate quality-gate}: runs the declarative quality checks on silver and gold, writes
 * gold/data_quality for the date and exits with {@link StageJob#EXIT_QUALITY_GATE} when an
 * error-level check failed. The Airflow DAG's {@code quality_gate} task runs this main.
 */
@Command(
    name = "quality-gate",
    mixinStandardHelpOptions = true,
    description = {
      "Run the data-quality checks (completeness, uniqueness, ranges, allowed values, freshness, row-count drop) "
          + "on silver and gold; write gold/data_quality for --date.",
      "Exit codes: 0 passed (warnings are printed), 2 bad input or config, 3 an error-level check failed."
    })
public final class QualityGateJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class, description = "Run date, yyyy-mm-dd.")
  LocalDate date;

  @Option(names = "--checks", paramLabel = "FILE",
      description = "Quality checks YAML (docs/quality.md). Default: the built-in checks (classpath:quality/quality.yaml).")
  String checks;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    TriangulateConfig resolved = config.withQualityChecks(checks);
    // A bad checks file fails here, before Spark starts.
    QualityChecks.fromLocation(resolved.qualityChecks());
    return resolved;
  }

  @Override
  int run(StageContext ctx) {
    return Stages.qualityGate(ctx, date).passed() ? 0 : EXIT_QUALITY_GATE;
  }

  public static void main(String[] args) {
    main(new QualityGateJob(), args);
  }
}
