package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.pipelines.coding.QdaLake;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `triangulate import-codings`: analysts' corrections from a .qdpx into silver/coded_segments as manual codes. */
@Command(
    name = "import-codings",
    mixinStandardHelpOptions = true,
    description = "Read a .qdpx written by export-qdpx and corrected in a QDA program: every segment whose codes "
        + "changed becomes a manual segment with the analyst's codes (overriding the automatic codes of that span), "
        + "new coded spans become new manual segments. Manual segments survive re-coding.")
public final class ImportCodingsJob extends StageJob {
  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The corrected .qdpx file.")
  Path in;

  @Mixin CodebookOption codebook;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    return codebook.apply(config);
  }

  @Override
  int run(StageContext ctx) {
    Codebook book = CodebookOption.load(ctx.config());
    QdaLake.ImportSummary s = QdaLake.importCodings(ctx.spark(), ctx.lake(), book, in);
    ctx.out().printf("Imported %s: %d interviews, %d segments corrected, %d added, %d unchanged%n",
        in, s.interviews(), s.segmentsCorrected(), s.segmentsAdded(), s.segmentsUnchanged());
    return 0;
  }

  public static void main(String[] args) {
    main(new ImportCodingsJob(), args);
  }
}
