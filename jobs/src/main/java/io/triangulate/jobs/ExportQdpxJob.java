package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.pipelines.coding.QdaLake;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `triangulate export-qdpx`: the lake's coded segments as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA. */
@Command(
    name = "export-qdpx",
    mixinStandardHelpOptions = true,
    description = "Write the lake's coded interview segments as a REFI-QDA project (.qdpx): one redacted text per "
        + "interview, the codebook's codes, one coding per code and segment. Analysts check and correct it in their "
        + "QDA program; import-codings reads the corrections back.")
public final class ExportQdpxJob extends StageJob {
  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .qdpx file to write.")
  Path out;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DateOption.class,
      description = "Only interviews whose transcript landed on this date. Default: all interviews.")
  LocalDate date;

  @Mixin CodebookOption codebook;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    return codebook.apply(config);
  }

  @Override
  int run(StageContext ctx) {
    Codebook book = CodebookOption.load(ctx.config());
    QdaLake.ExportSummary summary = QdaLake.exportQdpx(ctx.spark(), ctx.lake(), book, date, out);
    ctx.out().printf("Wrote %s: %d interviews, %d segments, %d codings%n",
        out.toAbsolutePath(), summary.interviews(), summary.segments(), summary.codings());
    return 0;
  }

  public static void main(String[] args) {
    main(new ExportQdpxJob(), args);
  }
}
