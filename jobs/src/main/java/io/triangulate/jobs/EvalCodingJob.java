package io.triangulate.jobs;

import io.triangulate.nlp.UserError;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.SentimentParser;
import io.triangulate.nlp.eval.EvalCoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `triangulate eval-coding`: machine coding vs the hand-coded wearable reviews. No Spark. */
@Command(
    name = "eval-coding",
    mixinStandardHelpOptions = true,
    description = "Measure the CoreNLP coding against people: codes the hand-coded clauses of the wearable_reviews "
        + "data set with an aspect codebook and prints per-aspect precision/recall/F1, macro F1 and sentiment agreement.")
public final class EvalCodingJob implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR",
      description = "The wearable_reviews folder (coded_clauses.csv). Default: ../shared/data/wearable_reviews next to the project.")
  Path data;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the result as Markdown, e.g. docs/coding-eval.md.")
  Path out;

  @Option(names = "--codebook", paramLabel = "FILE",
      description = "Codebook YAML whose code labels are the data set's aspects. Default: the bundled " + EvalCoding.WEARABLE_CODEBOOK + ".")
  Path codebook;

  @Option(names = "--sentiment-every", paramLabel = "N", defaultValue = "" + EvalCoding.DEFAULT_SENTIMENT_EVERY,
      description = "Measure sentiment on every N-th review (1: all; parsing is slow). Default: ${DEFAULT-VALUE}.")
  int sentimentEvery;

  @Option(names = "--no-sentiment", description = "Skip the parser and the sentiment model (aspects only; fast).")
  boolean noSentiment;

  @Option(names = "--sentiment-parser", paramLabel = "sr|pcfg", defaultValue = "sr",
      description = "Parser whose trees the sentiment model reads: sr (shift-reduce, needs CoreNLP's models-english"
          + " jar; the default) or pcfg (10-30x slower). Default: ${DEFAULT-VALUE}.")
  String sentimentParser;

  @Override
  public Integer call() {
    try {
      Path dir = data != null ? data : defaultData();
      Codebook book = codebook != null ? Codebook.load(codebook) : Codebook.fromResource(EvalCoding.WEARABLE_CODEBOOK);
      SentimentParser parser = SentimentParser.parse(sentimentParser, "--sentiment-parser");
      EvalCoding.Report report = EvalCoding.run(dir, book, noSentiment ? 0 : Math.max(1, sentimentEvery), parser);
      System.out.println(report.markdown());
      if (out != null) {
        String command = "bin/triangulate eval-coding" + (data != null ? " --data " + data : "")
            + (codebook != null ? " --codebook " + codebook : "") + (noSentiment ? " --no-sentiment" : sentimentEvery != EvalCoding.DEFAULT_SENTIMENT_EVERY ? " --sentiment-every " + sentimentEvery : "")
            + (!noSentiment && parser != SentimentParser.DEFAULT ? " --sentiment-parser " + parser.id() : "") + " --out " + out;
        write(out, EvalCoding.document(report, command));
        System.out.println("Wrote " + out.toAbsolutePath());
      }
      return 0;
    } catch (UserError e) {
      System.err.println("triangulate eval-coding: " + e.getMessage());
      return StageJob.EXIT_USER_ERROR;
    }
  }

  private static Path defaultData() {
    String home = System.getProperty("triangulate.home", ".");
    return Path.of(home).toAbsolutePath().normalize().resolve("../shared/data/wearable_reviews").normalize();
  }

  private static void write(Path file, String text) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserError.at(file.toString()).problem("cannot write the evaluation").found(e.toString())
          .fix("choose a writable --out path").cause(e).build();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvalCodingJob()).execute(args));
  }
}
