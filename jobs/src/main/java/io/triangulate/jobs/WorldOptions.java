package io.triangulate.jobs;

import io.triangulate.pipelines.generate.WorldSpec;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** Size and seed of the synthetic world, shared by `generate` and `demo`. */
final class WorldOptions {
  @Option(names = "--date", converter = DateOption.class, description = "Run date the world ends on, yyyy-mm-dd. Default: ${DEFAULT-VALUE}.", defaultValue = "2026-06-30")
  LocalDate date;

  @Option(names = "--customers", paramLabel = "N", description = "Number of customers. Default: ${DEFAULT-VALUE}.", defaultValue = "20000")
  int customers;

  @Option(names = "--interviews", paramLabel = "N", description = "Number of interview transcripts. Default: ${DEFAULT-VALUE}.", defaultValue = "18")
  int interviews;

  @Option(names = "--seed", description = "Random seed; the same seed gives the same files. Default: ${DEFAULT-VALUE}.", defaultValue = "42")
  long seed;

  WorldSpec spec() {
    return WorldSpec.of(seed, customers, date, interviews);
  }
}
