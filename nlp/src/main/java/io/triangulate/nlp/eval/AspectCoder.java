package io.triangulate.nlp.eval;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import io.triangulate.nlp.codebook.Code;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.CodedSentence;
import io.triangulate.nlp.coding.CoreNlpPipelines;
import io.triangulate.nlp.coding.SegmentCoder;
import io.triangulate.nlp.coding.SentimentParser;
import io.triangulate.nlp.coding.Sentiments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Codes customer texts with an aspect codebook and, for sentences that matched a code only, scores
 * their sentiment with CoreNLP's sentiment model. Parsing is what makes sentiment expensive (the
 * model needs a binarized constituency tree), so unmatched sentences are never parsed.
 *
 * <p>An aspect counts as mentioned whether its match is negated or not ("no problem syncing" is
 * about syncing); the label of the code names the aspect.
 */
public final class AspectCoder {
  /** Longer sentences are not parsed: no sentiment ({@link Sentiments#MAX_PARSE_TOKENS}). */
  public static final int MAX_PARSE_TOKENS = Sentiments.MAX_PARSE_TOKENS;

  private final SegmentCoder coder;
  private final Map<String, String> labels = new HashMap<>();
  private final boolean withSentiment;
  private final SentimentParser parser;
  private long codingNanos;
  private long sentimentNanos;
  private int sentences;
  private int sentimentSentences;

  /** {@code withSentiment} false skips the parser and leaves every sentiment null; default parser. */
  public AspectCoder(Codebook codebook, boolean withSentiment) {
    this(codebook, withSentiment, SentimentParser.DEFAULT);
  }

  /** {@code withSentiment} false skips the parser and leaves every sentiment null. */
  public AspectCoder(Codebook codebook, boolean withSentiment, SentimentParser parser) {
    this.parser = parser;
    this.coder = new SegmentCoder(codebook);
    for (Code code : codebook.codes()) {
      labels.put(code.id(), code.label());
    }
    this.withSentiment = withSentiment;
  }

  /** Aspect label → rounded mean sentiment of the sentences that mention it (null without sentiment). */
  public Map<String, Integer> code(String text) {
    long start = System.nanoTime();
    List<CodedSentence> coded = coder.codeText(text);
    codingNanos += System.nanoTime() - start;
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (CodedSentence sentence : coded) {
      sentences++;
      Integer sentiment = !withSentiment ? null : sentiment(text.substring(sentence.charBegin(), sentence.charEnd()));
      List<String> ids = new ArrayList<>(sentence.codeIds());
      ids.addAll(sentence.negatedCodeIds());
      for (String id : ids) {
        double[] sum = sums.computeIfAbsent(labels.get(id), k -> new double[2]);
        if (sentiment != null) {
          sum[0] += sentiment;
          sum[1]++;
        }
      }
    }
    Map<String, Integer> aspects = new LinkedHashMap<>();
    sums.forEach((aspect, sum) -> aspects.put(aspect, sum[1] == 0 ? null : (int) Math.round(sum[0] / sum[1])));
    return aspects;
  }

  /**
   * CoreNLP's sentiment class 0–4 of one sentence; null when it is too long to parse. The shared
   * lemma pipeline tokenizes and tags it ({@link Sentiments}: no second POS tagger); should it split
   * the text into several sentences, the longest one is scored.
   */
  public Integer sentiment(String sentence) {
    long start = System.nanoTime();
    try {
      Annotation doc = new Annotation(sentence);
      CoreNlpPipelines.lemmas().annotate(doc);
      List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
      if (sentences == null || sentences.isEmpty()) {
        return null;
      }
      CoreMap longest = sentences.get(0);
      for (CoreMap s : sentences) {
        if (s.get(CoreAnnotations.TokensAnnotation.class).size() > longest.get(CoreAnnotations.TokensAnnotation.class).size()) {
          longest = s;
        }
      }
      Integer predicted = Sentiments.of(longest, sentence, parser);
      if (predicted != null) {
        sentimentSentences++;
      }
      return predicted;
    } finally {
      sentimentNanos += System.nanoTime() - start;
    }
  }

  /**
   * The machine coding of each review: the union over its clauses, coded one clause at a time so
   * the machine reads exactly the text the people coded.
   */
  public Map<String, Map<String, Integer>> codeReviews(List<HumanClause> clauses) {
    Map<String, List<String>> textsByReview = new LinkedHashMap<>();
    for (HumanClause c : clauses) {
      textsByReview.computeIfAbsent(c.reviewId(), k -> new ArrayList<>()).add(c.clause());
    }
    Map<String, Map<String, Integer>> coding = new LinkedHashMap<>();
    textsByReview.forEach((review, texts) -> {
      Map<String, double[]> sums = new LinkedHashMap<>();
      for (String text : texts) {
        code(text).forEach((aspect, s) -> {
          double[] sum = sums.computeIfAbsent(aspect, k -> new double[2]);
          if (s != null) {
            sum[0] += s;
            sum[1]++;
          }
        });
      }
      coding.put(review, rounded(sums));
    });
    return coding;
  }

  /** The human coding of each review: aspect → rounded mean sentiment of its clauses; "None" dropped. */
  public static Map<String, Map<String, Integer>> humanCoding(List<HumanClause> clauses) {
    Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
    for (HumanClause c : clauses) {
      Map<String, double[]> review = sums.computeIfAbsent(c.reviewId(), k -> new LinkedHashMap<>());
      if (c.hasAspect()) {
        double[] sum = review.computeIfAbsent(c.aspect(), k -> new double[2]);
        sum[0] += c.sentiment();
        sum[1]++;
      }
    }
    Map<String, Map<String, Integer>> coding = new LinkedHashMap<>();
    sums.forEach((review, aspects) -> coding.put(review, rounded(aspects)));
    return coding;
  }

  private static Map<String, Integer> rounded(Map<String, double[]> sums) {
    Map<String, Integer> out = new LinkedHashMap<>();
    sums.forEach((aspect, sum) -> out.put(aspect, sum[1] == 0 ? null : (int) Math.round(sum[0] / sum[1])));
    return out;
  }

  /** Sentences that matched a code so far. */
  public int codedSentences() {
    return sentences;
  }

  /** Sentences given a sentiment so far. */
  public int sentimentSentences() {
    return sentimentSentences;
  }

  public double codingSeconds() {
    return codingNanos / 1e9;
  }

  public double sentimentSeconds() {
    return sentimentNanos / 1e9;
  }
}
