package io.triangulate.nlp.coding;

import io.triangulate.nlp.codebook.CodePattern;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Need statements: a codebook need cue ("i wish", "i be look for", "would be nice if") matched
 * un-negated in a sentence; the need is the rest of the sentence after the cue, without a leading
 * "if"/"that"/"to" and the final punctuation. "I don't need a coach" states no need.
 */
public final class Needs {
  private static final Set<String> LEADING = Set.of("if", "that", "to", "for", "is", "was", ",", ":");

  private Needs() {}

  /**
   * The first need in the sentence.
   *
   * @param tokens the sentence's tokens (offsets into {@code turnText})
   * @param sentenceEnd offset just after the sentence in {@code turnText}
   * @return the need text as written, or empty when no cue matches or the cue ends the sentence
   */
  public static Optional<String> find(List<CodePattern> cues, List<Token> tokens, String turnText, int sentenceEnd) {
    for (CodePattern cue : cues) {
      for (PatternMatcher.Match match : PatternMatcher.matches(cue, tokens, false)) {
        if (match.negated() || (!cue.containsNegator() && negatorInside(tokens, match))) {
          continue;
        }
        int k = match.end();
        while (k < tokens.size() && LEADING.contains(tokens.get(k).word())) {
          k++;
        }
        int end = tokens.size();
        while (end > k && tokens.get(end - 1).isPunctuation()) {
          end--;
        }
        if (k < end) {
          return Optional.of(turnText.substring(tokens.get(k).begin(), Math.min(tokens.get(end - 1).end(), sentenceEnd)).strip());
        }
      }
    }
    return Optional.empty();
  }

  /** "I don't need": the cue matched across a gap that holds a negator. */
  private static boolean negatorInside(List<Token> tokens, PatternMatcher.Match match) {
    for (int k = match.start(); k < match.end(); k++) {
      if (CodePattern.NEGATORS.contains(tokens.get(k).lemma()) || CodePattern.NEGATORS.contains(tokens.get(k).word())) {
        return true;
      }
    }
    return false;
  }
}
