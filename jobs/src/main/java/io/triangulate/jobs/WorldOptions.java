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

  @Option(names = "--texts-per-1000", paramLabel = "N",
      description = "Customer texts (support tickets, reviews, survey answers) per 1,000 customers, written to landing/customer_texts;"
          + " 0 writes none. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
  int textsPer1000;

  WorldSpec spec() {
    return WorldSpec.of(seed, customers, date, interviews).withTextsPer1000(textsPer1000);
  }
}
