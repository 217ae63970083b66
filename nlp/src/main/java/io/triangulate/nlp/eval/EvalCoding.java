package io.triangulate.nlp.eval;

import io.triangulate.nlp.codebook.Code;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.SentimentParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the whole coding evaluation on the {@code wearable_reviews} data set: loads the human coding,
 * codes the same clauses with a codebook (and sentiment on matched sentences), scores one against
 * the other. What {@code triangulate eval-coding} calls.
 */
public final class EvalCoding {
  /** The codebook whose labels are the data set's 20 aspects. */
  public static final String WEARABLE_CODEBOOK = "codebooks/wearable_aspects.yaml";

  private EvalCoding() {}

  /** By default sentiment is measured on every 10th review: the parser costs far more than coding. */
  public static final int DEFAULT_SENTIMENT_EVERY = 10;

  /**
   * The evaluation and what it cost.
   *
   * @param aspects aspect scores over all reviews (coded without sentiment)
   * @param sentiment the evaluation of the sentiment sample (its sentiment agreement is what counts);
   *     null when sentiment was not measured
   * @param sentimentEvery the sample is every n-th review in review-id order; 0 for none
   * @param sampleReviews reviews in the sentiment sample
   * @param codedSentences sentences (clauses may hold several) that matched a code, all reviews
   * @param sentimentSentences sentences of the sample the sentiment model scored
   * @param parser the parser whose trees the sentiment model read
   */
  public record Report(
      CodingEvaluation.Result aspects, CodingEvaluation.Result sentiment, Codebook codebook, int clauses,
      SentimentParser parser, int sentimentEvery, int sampleReviews, int codedSentences, int sentimentSentences,
      double codingSeconds, double sentimentSeconds) {

    /** Markdown: a cost line, the aspect table, the sentiment agreement. */
    public String markdown() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "Codebook `%s` version %s; %d human-coded clauses of %d reviews; %d matched sentences, coded in %.1f s.%n%n",
          codebook.id(), codebook.version(), clauses, aspects.reviews(), codedSentences, codingSeconds));
      out.append(CodingEvaluation.markdownAspects(aspects));
      if (sentiment != null) {
        out.append(String.format(Locale.ROOT,
            "%n### Sentiment, %s parser (every %s review: %d reviews, %d matched sentences parsed in %.1f s, %.0f ms each)%n%n",
            parser == SentimentParser.SR ? "shift-reduce (sr)" : "PCFG (pcfg)",
            sentimentEvery == 1 ? "" : ordinal(sentimentEvery), sampleReviews, sentimentSentences, sentimentSeconds,
            sentimentSentences == 0 ? 0 : 1000 * sentimentSeconds / sentimentSentences));
        out.append(CodingEvaluation.markdownSentiment(sentiment.sentiment()));
      }
      return out.toString();
    }

    private static String ordinal(int n) {
      return n + (n % 10 == 1 && n % 100 != 11 ? "st" : n % 10 == 2 && n % 100 != 12 ? "nd"
          : n % 10 == 3 && n % 100 != 13 ? "rd" : "th");
    }
  }

  /** Evaluates {@code codebook} against the coded clauses in {@code dataDir}; default parser. */
  public static Report run(Path dataDir, Codebook codebook, int sentimentEvery) {
    return run(dataDir, codebook, sentimentEvery, SentimentParser.DEFAULT);
  }

  /** Evaluates {@code codebook} against the coded clauses in {@code dataDir}. */
  public static Report run(Path dataDir, Codebook codebook, int sentimentEvery, SentimentParser parser) {
    return run(WearableReviews.load(dataDir), codebook, sentimentEvery, parser);
  }

  /** {@link #run(List, Codebook, int, SentimentParser)} with the default parser. */
  public static Report run(List<HumanClause> clauses, Codebook codebook, int sentimentEvery) {
    return run(clauses, codebook, sentimentEvery, SentimentParser.DEFAULT);
  }

  /**
   * Evaluates {@code codebook} against {@code clauses}: aspects on every review, sentiment (trees from
   * {@code parser}) on every {@code sentimentEvery}-th review in review-id order (1: all, 0: none).
   */
  public static Report run(List<HumanClause> clauses, Codebook codebook, int sentimentEvery, SentimentParser parser) {
    List<String> aspects = codebook.codes().stream().map(Code::label).toList();
    Map<String, Map<String, Integer>> human = AspectCoder.humanCoding(clauses);
    AspectCoder coder = new AspectCoder(codebook, false);
    CodingEvaluation.Result aspectResult = CodingEvaluation.evaluate(aspects, human, coder.codeReviews(clauses));
    if (sentimentEvery <= 0) {
      return new Report(aspectResult, null, codebook, clauses.size(), parser, 0, 0, coder.codedSentences(), 0,
          coder.codingSeconds(), 0);
    }
    List<String> reviewIds = new ArrayList<>(new TreeSet<>(human.keySet()));
    Set<String> sample = new HashSet<>();
    for (int i = 0; i < reviewIds.size(); i += sentimentEvery) {
      sample.add(reviewIds.get(i));
    }
    List<HumanClause> sampled = clauses.stream().filter(c -> sample.contains(c.reviewId())).toList();
    AspectCoder withSentiment = new AspectCoder(codebook, true, parser);
    CodingEvaluation.Result sentimentResult =
        CodingEvaluation.evaluate(aspects, AspectCoder.humanCoding(sampled), withSentiment.codeReviews(sampled));
    return new Report(aspectResult, sentimentResult, codebook, clauses.size(), parser, sentimentEvery, sample.size(),
        coder.codedSentences(), withSentiment.sentimentSentences(), coder.codingSeconds(), withSentiment.sentimentSeconds());
  }

  /** The whole {@code docs/coding-eval.md}: how it was measured, the command, the numbers. */
  public static String document(Report report, String command) {
    return "# Coding evaluation: machine vs people\n\n"
        + "Generated by `" + command + "` on " + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + " (UTC).\n\n"
        + "## What is measured\n\n"
        + "Data: `wearable_reviews/coded_clauses.csv` (see ../shared/data/README.md): Amazon reviews of Fitbit "
        + "Charge 4, Charge 5 and Inspire 2 split into clauses, each coded by a person with one of 19 product "
        + "aspects or `None`, and a sentiment 0 (very negative) … 4 (very positive).\n\n"
        + "- **Unit: the review.** A review's human aspects are the aspects of its coded clauses (`None` "
        + "dropped); its machine aspects are the codes the `SegmentCoder` assigns to the same clauses with "
        + "the codebook `" + WEARABLE_CODEBOOK + "` (code label = aspect name). A negated match still counts as "
        + "a mention: \"no problem syncing\" is about syncing. The machine reads only the clauses people "
        + "coded, not the whole review, because people coded only some clauses of each review: on the whole "
        + "text every uncoded mention would count as a false positive.\n"
        + "- **Aspects:** per-aspect precision, recall and F1 over reviews; macro F1 is their unweighted mean.\n"
        + "- **Sentiment:** for each (review, aspect) pair both found, the human value is the rounded mean of "
        + "the clauses' sentiments, the machine value the rounded mean of CoreNLP's sentiment class (same "
        + "0–4 scale) of the sentences that matched the aspect. Exact agreement, agreement within ±1 and "
        + "unweighted Cohen's kappa over the 5 classes. Measured on a deterministic sample (every n-th "
        + "review in review-id order; `--sentiment-every`), because parsing dominates the cost.\n"
        + "- **Cost:** sentiment needs a binarized constituency parse, so only sentences that matched a code "
        + "are parsed (`parse.binaryTrees=true`, sentences over " + AspectCoder.MAX_PARSE_TOKENS
        + " tokens skipped), by the shift-reduce parser (`--sentiment-parser sr`, the default: "
        + "`englishSR.ser.gz` from CoreNLP's `models-english` jar) or the PCFG parser (`--sentiment-parser "
        + "pcfg`, `englishPCFG.ser.gz`, 10–30× slower). This run: " + report.parser().id() + ".\n\n"
        + "## Caveats\n\n"
        + "- The clauses were selected for coding by people (or by keyword search) because they mention an "
        + "aspect; recall on them is therefore higher than it would be on unselected text.\n"
        + "- People gave each clause one aspect even when it names two (\"sleep tracking … alarms\" coded "
        + "`Alarm`), which the machine counts as a false positive of the other aspect.\n"
        + "- `App` vs `Mobile App` and `Clock Face` vs `Watch Face` are largely the same thing named per "
        + "device by different coders; a general codebook cannot recover that split.\n\n"
        + "## Result\n\n"
        + report.markdown();
  }

  /** Development entry point: {@code EvalCoding DIR [SENTIMENT_EVERY [sr|pcfg]]}. */
  public static void main(String[] args) {
    Report report = run(Path.of(args[0]), Codebook.fromResource(WEARABLE_CODEBOOK),
        args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SENTIMENT_EVERY,
        args.length > 2 ? SentimentParser.parse(args[2], "EvalCoding argument 3") : SentimentParser.DEFAULT);
    System.out.println(report.markdown());
  }
}
