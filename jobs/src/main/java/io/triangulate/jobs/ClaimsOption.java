package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import picocli.CommandLine.Option;

/** {@code --claims DIR}, for the commands that validate claims. */
final class ClaimsOption {
  @Option(names = "--claims", paramLabel = "DIR", description = "Folder of claim YAML files. Default: examples/demo/claims.")
  String claims;

  TriangulateConfig applyTo(TriangulateConfig config) {
    return config.withClaimsDir(claims);
  }
}
