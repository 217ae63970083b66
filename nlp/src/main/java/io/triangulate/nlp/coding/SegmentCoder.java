package io.triangulate.nlp.coding;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import io.triangulate.nlp.codebook.Code;
import io.triangulate.nlp.codebook.CodePattern;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.codebook.Dimension;
import io.triangulate.nlp.pii.Redactor;
import io.triangulate.nlp.transcript.Role;
import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.Turn;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Codes a transcript's respondent turns sentence by sentence with a {@link Codebook}'s lemma
 * patterns. Interviewer turns are never coded (the question is not the customer's experience) but
 * kept as each sentence's {@code question} for context.
 *
 * <p>Besides codes, each coded sentence carries what the customer did ({@link Actions}), a need
 * statement ({@link Needs}, with the codebook's need cues), the first emotion code, and optionally
 * CoreNLP's sentiment ({@link Sentiments}, only for coded sentences: parsing is the expensive part).
 *
 * <p>Thread-safe: holds only the codebook and shared, thread-safe CoreNLP pipelines.
 */
public final class SegmentCoder {
  private static final double CONTIGUOUS = 1.0;
  private static final double WITH_GAPS = 0.8;
  /** Turns and texts this JVM has run CoreNLP on: lets tests prove that a rerun annotates nothing. */
  private static final AtomicLong ANNOTATED = new AtomicLong();

  private final Codebook codebook;
  private final StanfordCoreNLP pipeline;
  private final boolean withSentiment;
  private final SentimentParser parser;

  /** Uses the JVM's shared lemma pipeline ({@link CoreNlpPipelines#lemmas()}); no sentiment. */
  public SegmentCoder(Codebook codebook) {
    this(codebook, CoreNlpPipelines.lemmas(), false);
  }

  /**
   * Uses the JVM's shared lemma pipeline; {@code withSentiment} also parses each coded sentence for
   * its sentiment ({@link Sentiments}: loads the parser once, costs a parse per coded sentence) with
   * the default, shift-reduce parser.
   */
  public SegmentCoder(Codebook codebook, boolean withSentiment) {
    this(codebook, withSentiment, SentimentParser.DEFAULT);
  }

  /**
   * Uses the JVM's shared lemma pipeline; with sentiment, coded sentences are parsed by {@code parser}.
   *
   * @throws io.triangulate.nlp.UserError with sentiment, when the parser's model jar is not on the class path
   */
  public SegmentCoder(Codebook codebook, boolean withSentiment, SentimentParser parser) {
    this(codebook, CoreNlpPipelines.lemmas(), withSentiment, parser);
  }

  /** {@code pipeline} must include tokenize, ssplit, pos and lemma; sentiment with the default parser. */
  public SegmentCoder(Codebook codebook, StanfordCoreNLP pipeline, boolean withSentiment) {
    this(codebook, pipeline, withSentiment, SentimentParser.DEFAULT);
  }

  /** {@code pipeline} must include tokenize, ssplit, pos and lemma. */
  public SegmentCoder(Codebook codebook, StanfordCoreNLP pipeline, boolean withSentiment, SentimentParser parser) {
    this.codebook = codebook;
    this.pipeline = pipeline;
    this.withSentiment = withSentiment;
    this.parser = parser;
    if (withSentiment) {
      parser.requireModel(); // fail at construction (driver, executor start), not on the first coded sentence
    }
  }

  public Codebook codebook() {
    return codebook;
  }

  /** Coded respondent sentences in transcript order; empty for unsupported languages. */
  public List<CodedSentence> code(Transcript transcript) {
    List<CodedSentence> coded = new ArrayList<>();
    if (!transcript.isSupportedLanguage()) {
      return coded;
    }
    String question = null;
    for (Turn turn : transcript.turns()) {
      if (turn.role() == Role.INTERVIEWER) {
        question = Redactor.redact(turn.text());
      } else if (turn.role() == Role.RESPONDENT) {
        codeTurn(turn, question, coded);
      }
    }
    return coded;
  }

  /**
   * Codes a plain customer text (a review, an answer) sentence by sentence, as one respondent turn
   * without a question. Offsets are relative to {@code text}.
   */
  public List<CodedSentence> codeText(String text) {
    List<CodedSentence> coded = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      codeTurn(new Turn(0, "", Role.RESPONDENT, text), null, coded);
    }
    return coded;
  }

  /**
   * How many turns and texts coders of this JVM have annotated with CoreNLP. Spark's local mode runs
   * tasks in the driver's JVM, so a test can check that an incremental run annotated nothing.
   */
  public static long annotatedCount() {
    return ANNOTATED.get();
  }

  private void codeTurn(Turn turn, String question, List<CodedSentence> out) {
    Annotation document = new Annotation(turn.text());
    ANNOTATED.incrementAndGet();
    pipeline.annotate(document);
    List<CoreMap> sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
    for (int s = 0; s < sentences.size(); s++) {
      CoreMap sentence = sentences.get(s);
      List<CoreLabel> labels = sentence.get(CoreAnnotations.TokensAnnotation.class);
      List<Token> tokens = tokens(labels);
      if (tokens.isEmpty()) {
        continue;
      }
      codeSentence(turn, s, sentence, labels, tokens, question).ifPresent(out::add);
    }
  }

  /** Codes one sentence; empty when no code matched and it states no need. */
  private Optional<CodedSentence> codeSentence(
      Turn turn, int sentenceIndex, CoreMap sentence, List<CoreLabel> labels, List<Token> tokens, String question) {
    Map<Dimension, List<String>> assigned = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      assigned.put(d, new ArrayList<>());
    }
    List<String> negated = new ArrayList<>();
    double confidence = CONTIGUOUS;
    for (Code code : codebook.codes()) {
      if (anyMatch(code.exclude(), tokens)) {
        continue;
      }
      Verdict verdict = verdict(code, tokens);
      if (verdict == null) {
        continue;
      }
      if (verdict.negated) {
        negated.add(code.id());
        continue;
      }
      confidence = Math.min(confidence, verdict.confidence);
      assigned.get(code.dimension()).add(code.id());
    }
    int begin = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
    int end = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
    Optional<String> need = Needs.find(codebook.needCues(), tokens, turn.text(), end);
    if (!codebook.needCues().isEmpty() && need.isEmpty()) {
      // With need cues, need codes are categories of need statements: "easy" alone states no need.
      assigned.get(Dimension.NEED).clear();
    }
    if (need.isEmpty() && negated.isEmpty() && assigned.values().stream().allMatch(List::isEmpty)) {
      return Optional.empty();
    }
    String text = turn.text().substring(begin, end);
    List<String> themes = assigned.get(Dimension.THEME);
    // SUTime only where a theme matched: those durations feed claims; the regex elsewhere is cheap.
    Optional<Duration> duration = themes.isEmpty() ? Durations.find(text) : SuTimeDurations.find(sentence, turn.text());
    List<String> emotions = assigned.get(Dimension.EMOTION);
    Integer sentiment = withSentiment ? Sentiments.of(sentence, turn.text(), parser) : null;
    return Optional.of(
        new CodedSentence(
            turn.index(), sentenceIndex, begin, end, Redactor.redact(text), question,
            themes, assigned.get(Dimension.PHASE), assigned.get(Dimension.TOUCHPOINT),
            assigned.get(Dimension.ACTION), assigned.get(Dimension.NEED), emotions,
            negated, !negated.isEmpty(),
            duration.map(Duration::text).orElse(null), duration.map(Duration::days).orElse(null),
            confidence, Actions.find(labels), need.map(Redactor::redact).orElse(null),
            emotions.isEmpty() ? null : emotions.get(0), sentiment));
  }

  /** A code is assigned when any include pattern matches un-negated; negated when all matches are. */
  private static Verdict verdict(Code code, List<Token> tokens) {
    boolean problemNegation = code.dimension() == Dimension.THEME || code.dimension() == Dimension.EMOTION;
    Verdict best = null;
    for (CodePattern pattern : code.include()) {
      for (PatternMatcher.Match match : PatternMatcher.matches(pattern, tokens, problemNegation)) {
        double confidence = match.contiguous() ? CONTIGUOUS : WITH_GAPS;
        if (!match.negated()) {
          if (best == null || best.negated || confidence > best.confidence) {
            best = new Verdict(false, confidence);
          }
        } else if (best == null) {
          best = new Verdict(true, confidence);
        }
      }
    }
    return best;
  }

  private static boolean anyMatch(List<CodePattern> patterns, List<Token> tokens) {
    for (CodePattern pattern : patterns) {
      if (!PatternMatcher.matches(pattern, tokens).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  static List<Token> tokens(List<CoreLabel> labels) {
    List<Token> tokens = new ArrayList<>(labels.size());
    for (CoreLabel label : labels) {
      String word = label.word().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
      String lemma = label.lemma() == null ? word : label.lemma().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
      tokens.add(new Token(word, lemma, label.beginPosition(), label.endPosition()));
    }
    return tokens;
  }

  private record Verdict(boolean negated, double confidence) {}
}
