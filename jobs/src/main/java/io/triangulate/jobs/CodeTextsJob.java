package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.nlp.coding.SentimentParser;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `triangulate code-texts`: codes new customer texts (reviews, tickets, survey answers) into silver/coded_texts. */
@Command(
    name = "code-texts",
    mixinStandardHelpOptions = true,
    description = {
      "Code new and changed customer texts (silver/customer_texts: reviews, support tickets, survey answers)"
          + " landed on or before --date with CoreNLP and a codebook into silver/coded_texts (one row per coded,"
          + " PII-redacted sentence) and silver/text_codings (one row per text coded).",
      "Incremental: a text already coded with the same content and codebook version is not annotated again."
    })
public final class CodeTextsJob extends StageJob {
  @Option(names = "--date", required = true, converter = DateOption.class,
      description = "Run date, yyyy-mm-dd: texts landed on or before it are coded.")
  LocalDate date;

  @Option(names = "--no-sentiment", negatable = false,
      description = "Skip CoreNLP sentiment (the parser, most of the coding time); the sentiment column stays empty.")
  boolean noSentiment;

  @Option(names = "--sentiment-parser", paramLabel = "sr|pcfg", defaultValue = "sr",
      description = "Parser whose trees the sentiment model reads: sr (shift-reduce, needs CoreNLP's models-english"
          + " jar; the default) or pcfg (10-30x slower). Default: ${DEFAULT-VALUE}.")
  String sentimentParser;

  @Mixin CodebookOption codebook;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    return codebook.apply(config);
  }

  @Override
  int run(StageContext ctx) {
    Stages.codeTexts(ctx, date, !noSentiment, SentimentParser.parse(sentimentParser, "--sentiment-parser"));
    return 0;
  }

  public static void main(String[] args) {
    main(new CodeTextsJob(), args);
  }
}
