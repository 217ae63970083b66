package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "code-interviews",
    mixinStandardHelpOptions = true,
    description = "Code new interview transcripts from bronze with CoreNLP and a codebook into silver/interviews and silver/coded_segments.")
public final class CodeInterviewsJob extends StageJob {
  @Mixin CodebookOption codebook;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    return codebook.apply(config);
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
