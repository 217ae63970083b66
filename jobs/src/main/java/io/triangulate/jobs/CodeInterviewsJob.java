package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "code-interviews",
    mixinStandardHelpOptions = true,
    description = "Code new interview transcripts from bronze with CoreNLP and a codebook into silver/interviews and silver/coded_segments.")
public final class CodeInterviewsJob extends StageJob {
  @Option(names = "--codebook", paramLabel = "FILE", description = "Codebook YAML file or classpath:<resource>. Default: the bundled customer-journey codebook.")
  String codebook;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    return config.withCodebook(codebook);
  }

  @Override
  int run(StageContext ctx) {
    Stages.codeInterviews(ctx);
    return 0;
  }

  public static void main(String[] args) {
    main(new CodeInterviewsJob(), args);
  }
}
