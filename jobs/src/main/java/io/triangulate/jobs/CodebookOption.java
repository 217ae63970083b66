package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.nlp.codebook.Codebook;
import picocli.CommandLine.Option;

/** The {@code --codebook} option of the commands that code or exchange coded segments. */
public final class CodebookOption {
  @Option(names = "--codebook", paramLabel = "FILE",
      description = "Codebook YAML file or classpath:<resource>. Default: the bundled customer-journey codebook.")
  String codebook;

  /** The config with this option applied (unset: the config's codebook). */
  TriangulateConfig apply(TriangulateConfig config) {
    return config.withCodebook(codebook);
  }

  /** The config's codebook, loaded and validated on the driver. */
  static Codebook load(TriangulateConfig config) {
    return Codebook.parse(Stages.readCodebook(config.codebook()), config.codebook());
  }
}
