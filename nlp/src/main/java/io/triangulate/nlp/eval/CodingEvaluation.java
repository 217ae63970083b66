package io.triangulate.nlp.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Machine coding against human coding, per review: which aspects a review mentions (precision,
 * recall and F1 per aspect, macro F1) and, for the aspects both found, whether they agree on the
 * sentiment 0–4 (exact, within ±1, Cohen's kappa).
 *
 * <p>A coding is {@code review id -> (aspect -> sentiment)}; a null sentiment means "aspect found,
 * no sentiment" and takes no part in the agreement. Reviews are those of the human coding: a review
 * the machine did not code at all counts as coded with no aspect.
 */
public final class CodingEvaluation {
  /** Sentiment classes 0 (very negative) … 4 (very positive), CoreNLP's and the data set's scale. */
  public static final int SENTIMENT_CLASSES = 5;

  private CodingEvaluation() {}

  /** Counts for one aspect over all reviews. */
  public record AspectScore(String aspect, int truePositives, int falsePositives, int falseNegatives) {
    public double precision() {
      return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
      return ratio(truePositives, truePositives + falseNegatives);
    }

    /** 0 when the machine found none of the human's mentions (or there were none and it found some). */
    public double f1() {
      return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /** Reviews the humans coded with this aspect. */
    public int support() {
      return truePositives + falseNegatives;
    }
  }

  /**
   * Sentiment agreement on (review, aspect) pairs both coded with a sentiment.
   *
   * @param confusion {@code confusion[human][machine]} counts
   */
  public record SentimentAgreement(int pairs, int exact, int withinOne, double kappa, int[][] confusion) {
    public double exactRate() {
      return ratio(exact, pairs);
    }

    public double withinOneRate() {
      return ratio(withinOne, pairs);
    }
  }

  /** The whole evaluation. */
  public record Result(int reviews, List<AspectScore> aspects, double macroF1, SentimentAgreement sentiment) {
    public double microF1() {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (AspectScore a : aspects) {
        tp += a.truePositives();
        fp += a.falsePositives();
        fn += a.falseNegatives();
      }
      return ratio(2 * tp, 2 * tp + fp + fn);
    }
  }

  /**
   * Scores {@code machine} against {@code human}.
   *
   * @param aspects the aspects to score, in table order; macro F1 averages over those the humans
   *     used at least once or the machine predicted at least once
   */
  public static Result evaluate(
      List<String> aspects, Map<String, Map<String, Integer>> human, Map<String, Map<String, Integer>> machine) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String aspect : aspects) {
      counts.put(aspect, new int[3]);
    }
    int[][] confusion = new int[SENTIMENT_CLASSES][SENTIMENT_CLASSES];
    for (Map.Entry<String, Map<String, Integer>> review : human.entrySet()) {
      Map<String, Integer> gold = review.getValue();
      Map<String, Integer> predicted = machine.getOrDefault(review.getKey(), Map.of());
      Set<String> union = new TreeSet<>(gold.keySet());
      union.addAll(predicted.keySet());
      for (String aspect : union) {
        int[] c = counts.get(aspect);
        if (c == null) {
          continue; // not an aspect under evaluation (e.g. "None")
        }
        boolean inGold = gold.containsKey(aspect);
        boolean inPredicted = predicted.containsKey(aspect);
        if (inGold && inPredicted) {
          c[0]++;
          Integer g = gold.get(aspect);
          Integer p = predicted.get(aspect);
          if (g != null && p != null) {
            confusion[g][p]++;
          }
        } else if (inPredicted) {
          c[1]++;
        } else {
          c[2]++;
        }
      }
    }
    List<AspectScore> scores = new ArrayList<>();
    double f1Sum = 0;
    int scored = 0;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      AspectScore score = new AspectScore(e.getKey(), c[0], c[1], c[2]);
      scores.add(score);
      if (c[0] + c[1] + c[2] > 0) {
        f1Sum += score.f1();
        scored++;
      }
    }
    return new Result(human.size(), scores, scored == 0 ? 0 : f1Sum / scored, agreement(confusion));
  }

  /** Exact and ±1 agreement and Cohen's kappa from a square confusion matrix. */
  public static SentimentAgreement agreement(int[][] confusion) {
    int k = confusion.length;
    int n = 0;
    int exact = 0;
    int withinOne = 0;
    double[] rows = new double[k];
    double[] cols = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        int c = confusion[i][j];
        n += c;
        rows[i] += c;
        cols[j] += c;
        if (i == j) {
          exact += c;
        }
        if (Math.abs(i - j) <= 1) {
          withinOne += c;
        }
      }
    }
    double kappa = 0;
    if (n > 0) {
      double observed = (double) exact / n;
      double chance = 0;
      for (int i = 0; i < k; i++) {
        chance += rows[i] * cols[i] / ((double) n * n);
      }
      // Chance agreement of 1 means both raters used one class only: kappa is undefined, report 0.
      kappa = chance >= 1 ? 0 : (observed - chance) / (1 - chance);
    }
    return new SentimentAgreement(n, exact, withinOne, kappa, confusion);
  }

  /** The result as Markdown: aspect table, summary, sentiment agreement and confusion matrix. */
  public static String markdown(Result result) {
    return markdownAspects(result) + "\n" + markdownSentiment(result.sentiment());
  }

  /** The aspect table with reviews, macro and micro F1. */
  public static String markdownAspects(Result result) {
    StringBuilder out = new StringBuilder();
    out.append("| aspect | reviews (human) | TP | FP | FN | precision | recall | F1 |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (AspectScore a : result.aspects()) {
      out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f | %.3f | %.3f |%n", a.aspect(),
          a.support(), a.truePositives(), a.falsePositives(), a.falseNegatives(), a.precision(), a.recall(), a.f1()));
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, "- reviews: %d%n", result.reviews()));
    out.append(String.format(Locale.ROOT, "- macro F1: **%.3f** (micro F1 %.3f)%n", result.macroF1(), result.microF1()));
    return out.toString();
  }

  /** Agreement summary and the confusion matrix. */
  public static String markdownSentiment(SentimentAgreement s) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "- sentiment on %d (review, aspect) pairs found by both: exact %.3f, within ±1 %.3f, Cohen's kappa %.3f%n",
        s.pairs(), s.exactRate(), s.withinOneRate(), s.kappa()));
    out.append("\nSentiment confusion (rows: human 0–4, columns: machine 0–4):\n\n");
    out.append("| human \\ machine | 0 | 1 | 2 | 3 | 4 |\n|---|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < s.confusion().length; i++) {
      out.append("| ").append(i);
      for (int j = 0; j < s.confusion()[i].length; j++) {
        out.append(" | ").append(s.confusion()[i][j]);
      }
      out.append(" |\n");
    }
    return out.toString();
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
