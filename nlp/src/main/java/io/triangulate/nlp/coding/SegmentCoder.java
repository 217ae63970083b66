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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Codes a transcript's respondent turns sentence by sentence with a {@link Codebook}'s lemma
 * patterns. Interviewer turns are never coded (the question is not the customer's experience) but
 * kept as each sentence's {@code question} for context.
 *
 * <p>Thread-safe: holds only the codebook and a shared, thread-safe CoreNLP pipeline.
 */
public final class SegmentCoder {
  private static final double CONTIGUOUS = 1.0;
  private static final double WITH_GAPS = 0.8;

  private final Codebook codebook;
  private final StanfordCoreNLP pipeline;

  /** Uses the JVM's shared lemma pipeline ({@link CoreNlpPipelines#lemmas()}). */
  public SegmentCoder(Codebook codebook) {
    this(codebook, CoreNlpPipelines.lemmas());
  }

  /** {@code pipeline} must include tokenize, ssplit, pos and lemma. */
  public SegmentCoder(Codebook codebook, StanfordCoreNLP pipeline) {
    this.codebook = codebook;
    this.pipeline = pipeline;
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

  private void codeTurn(Turn turn, String question, List<CodedSentence> out) {
    Annotation document = new Annotation(turn.text());
    pipeline.annotate(document);
    List<CoreMap> sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
    for (int s = 0; s < sentences.size(); s++) {
      CoreMap sentence = sentences.get(s);
      List<Token> tokens = tokens(sentence.get(CoreAnnotations.TokensAnnotation.class));
      if (tokens.isEmpty()) {
        continue;
      }
      codeSentence(turn, s, sentence, tokens, question).ifPresent(out::add);
    }
  }

  /** Codes one sentence; empty when no code matched. */
  private Optional<CodedSentence> codeSentence(Turn turn, int sentenceIndex, CoreMap sentence, List<Token> tokens, String question) {
    List<String> themes = new ArrayList<>();
    List<String> phases = new ArrayList<>();
    List<String> touchpoints = new ArrayList<>();
    List<String> others = new ArrayList<>();
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
      switch (code.dimension()) {
        case THEME -> themes.add(code.id());
        case PHASE -> phases.add(code.id());
        case TOUCHPOINT -> touchpoints.add(code.id());
        default -> others.add(code.id());
      }
    }
    if (themes.isEmpty() && phases.isEmpty() && touchpoints.isEmpty() && others.isEmpty() && negated.isEmpty()) {
      return Optional.empty();
    }
    int begin = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
    int end = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
    String text = turn.text().substring(begin, end);
    // SUTime only where a theme matched: those durations feed claims; the regex elsewhere is cheap.
    Optional<Duration> duration = themes.isEmpty() ? Durations.find(text) : SuTimeDurations.find(text);
    return Optional.of(
        new CodedSentence(
            turn.index(), sentenceIndex, begin, end, Redactor.redact(text), question,
            themes, phases, touchpoints, others, negated, !negated.isEmpty(),
            duration.map(Duration::text).orElse(null), duration.map(Duration::days).orElse(null),
            confidence));
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
