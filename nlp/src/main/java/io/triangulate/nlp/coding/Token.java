package io.triangulate.nlp.coding;

/**
 * A token of a sentence as the matcher sees it.
 *
 * @param word the word form, lower case
 * @param lemma the lemma, lower case
 * @param begin char offset in the turn text
 * @param end char offset just after the token
 */
public record Token(String word, String lemma, int begin, int end) {
  boolean is(String patternToken) {
    return patternToken.equals(lemma) || patternToken.equals(word);
  }

  boolean isPunctuation() {
    return !word.isEmpty() && !Character.isLetterOrDigit(word.charAt(0));
  }
}
