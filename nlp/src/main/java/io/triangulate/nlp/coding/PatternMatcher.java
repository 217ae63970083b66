package io.triangulate.nlp.coding;

import io.triangulate.nlp.codebook.CodePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Matches a {@link CodePattern} against a sentence's tokens and decides whether a match is negated.
 *
 * <p>Between two pattern words at most {@link #MAX_GAP} other tokens may occur ("set it up" matches
 * {@code set up}); the pattern word {@code ...} allows any gap within the sentence.
 */
public final class PatternMatcher {
  public static final int MAX_GAP = 2;
  /** How far before a match a negator counts. */
  public static final int NEGATION_WINDOW = 3;
  public static final String ANY_GAP = "...";
  private static final Set<String> PROBLEM_WORDS =
      Set.of("problem", "issue", "trouble", "difficulty", "complaint", "hassle");
  /** Words that end a negator's scope ("No, I stopped" does not negate "stopped"). */
  private static final Set<String> SCOPE_BREAKS = Set.of("but", "though", "although", "however", "so", "and");

  private PatternMatcher() {}

  /**
   * A match of a pattern.
   *
   * @param start index of the first matched token
   * @param end index just after the last matched token
   * @param contiguous whether the pattern words were adjacent
   * @param negated whether a negator governs the match
   */
  public record Match(int start, int end, boolean contiguous, boolean negated) {}

  /** All matches, at most one per start token, with every negation rule. */
  public static List<Match> matches(CodePattern pattern, List<Token> tokens) {
    return matches(pattern, tokens, true);
  }

  /**
   * All matches, at most one per start token.
   *
   * @param negatedProblems whether a negated problem word before the match negates it; true for
   *     evaluative codes (themes), false for what is merely mentioned (touchpoints, phases): in "I
   *     never had a problem with the app" the problem is denied, the app is still a touchpoint
   */
  public static List<Match> matches(CodePattern pattern, List<Token> tokens, boolean negatedProblems) {
    List<Match> found = new ArrayList<>();
    List<String> words = pattern.tokens();
    int firstWord = words.get(0).equals(ANY_GAP) ? 1 : 0;
    if (firstWord >= words.size()) {
      return found;
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).is(words.get(firstWord))) {
        continue;
      }
      int[] gaps = new int[1];
      int end = matchRest(words, firstWord + 1, tokens, i + 1, false, gaps);
      if (end >= 0) {
        boolean negated = !pattern.containsNegator() && isNegated(tokens, i, negatedProblems);
        found.add(new Match(i, end, gaps[0] == 0, negated));
      }
    }
    return found;
  }

  /** Returns the end index of a match of words[w..] starting at or after tokens[t], or -1. */
  private static int matchRest(List<String> words, int w, List<Token> tokens, int t, boolean anyGap, int[] gaps) {
    if (w == words.size()) {
      return t;
    }
    if (words.get(w).equals(ANY_GAP)) {
      return matchRest(words, w + 1, tokens, t, true, gaps);
    }
    int limit = anyGap ? tokens.size() : Math.min(tokens.size(), t + MAX_GAP + 1);
    for (int k = t; k < limit; k++) {
      if (tokens.get(k).is(words.get(w))) {
        int end = matchRest(words, w + 1, tokens, k + 1, false, gaps);
        if (end >= 0) {
          gaps[0] += k - t;
          return end;
        }
      }
    }
    return -1;
  }

  /**
   * A negator within {@link #NEGATION_WINDOW} tokens before {@code start}, or a negated problem word
   * shortly before it ("I never had a problem with the setup"), in the same clause.
   */
  static boolean isNegated(List<Token> tokens, int start, boolean negatedProblems) {
    if (negatorBefore(tokens, start)) {
      return true;
    }
    if (!negatedProblems) {
      return false;
    }
    for (int k = start - 1; k >= Math.max(0, start - 5); k--) {
      Token token = tokens.get(k);
      if (breaksScope(token)) {
        return false;
      }
      if (PROBLEM_WORDS.contains(token.lemma()) && negatorBefore(tokens, k)) {
        return true;
      }
    }
    return false;
  }

  private static boolean negatorBefore(List<Token> tokens, int start) {
    for (int k = start - 1; k >= Math.max(0, start - NEGATION_WINDOW); k--) {
      Token token = tokens.get(k);
      if (breaksScope(token)) {
        return false;
      }
      if (CodePattern.NEGATORS.contains(token.lemma()) || CodePattern.NEGATORS.contains(token.word())) {
        return true;
      }
    }
    return false;
  }

  private static boolean breaksScope(Token token) {
    return token.isPunctuation() || SCOPE_BREAKS.contains(token.lemma());
  }
}
