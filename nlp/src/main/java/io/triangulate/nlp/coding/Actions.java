package io.triangulate.nlp.coding;

import edu.stanford.nlp.ling.CoreLabel;
import io.triangulate.nlp.codebook.CodePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the customer did in a sentence, read from parts of speech alone (the coder runs no parser):
 * the first verb after a first-person subject, with its particle ("give up"), a verb complement
 * ("stop use", "decide leave") and the head nouns of its object ("return watch"). Pronoun objects are
 * dropped: "it" says nothing about the action. A negator between subject and verb gives
 * "not finish setup". Copulas are states, not actions: "I was frustrated" has none.
 */
public final class Actions {
  private static final Set<String> SUBJECTS = Set.of("i", "we");
  /** Auxiliaries: skipped when another verb follows, so "I have been using" gives "use". */
  private static final Set<String> AUXILIARIES = Set.of("be", "have", "do", "will", "would", "can", "could",
      "shall", "should", "may", "might", "must", "'ll", "'d", "'ve", "'m", "'re", "'s", "wo", "ca", "get");
  /** Verbs of thinking, saying and liking: the action, if any, is in what follows ("I think I returned it"). */
  private static final Set<String> NOT_ACTIONS = Set.of("think", "guess", "mean", "suppose", "feel", "know", "say",
      "wish", "hope", "remember", "believe", "reckon", "want", "like", "love", "hate", "need");
  /** Modifiers allowed between subject and verb ("I just never really used"). */
  private static final int MAX_SUBJECT_GAP = 5;
  private static final int MAX_OBJECT_MODIFIERS = 3;

  private Actions() {}

  /** The action phrase, or null when no first-person subject governs a verb. */
  public static String find(List<CoreLabel> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (!SUBJECTS.contains(lower(tokens.get(i).word())) || !"PRP".equals(tokens.get(i).tag())) {
        continue;
      }
      String action = afterSubject(tokens, i + 1);
      if (action != null) {
        return action;
      }
    }
    return null;
  }

  private static String afterSubject(List<CoreLabel> tokens, int from) {
    boolean negated = false;
    for (int j = from; j < tokens.size() && j <= from + MAX_SUBJECT_GAP; j++) {
      CoreLabel token = tokens.get(j);
      String tag = tag(token);
      String lemma = lemma(token);
      if (CodePattern.NEGATORS.contains(lemma) || CodePattern.NEGATORS.contains(lower(token.word()))) {
        negated = true;
        continue;
      }
      if (tag.startsWith("RB") || tag.equals("MD")) {
        continue;
      }
      if (!tag.startsWith("VB")) {
        return null; // "I, personally, ..." or "I think": a noun or punctuation ends the search
      }
      if (AUXILIARIES.contains(lemma) && verbFollows(tokens, j + 1)) {
        continue;
      }
      if (lemma.equals("be") || NOT_ACTIONS.contains(lemma)) {
        return null;
      }
      return phrase(tokens, j, negated);
    }
    return null;
  }

  private static boolean verbFollows(List<CoreLabel> tokens, int from) {
    for (int k = from; k < tokens.size() && k < from + 3; k++) {
      String tag = tag(tokens.get(k));
      String lemma = lemma(tokens.get(k));
      if (tag.startsWith("VB")) {
        return true;
      }
      if (!tag.startsWith("RB") && !CodePattern.NEGATORS.contains(lemma) && !lemma.equals("n't")) {
        return false;
      }
    }
    return false;
  }

  private static String phrase(List<CoreLabel> tokens, int verb, boolean negated) {
    List<String> words = new ArrayList<>();
    if (negated) {
      words.add("not");
    }
    words.add(lemma(tokens.get(verb)));
    int k = verb + 1;
    k = particle(tokens, k, words);
    if (k < tokens.size() && tag(tokens.get(k)).equals("VBG")) {
      words.add(lemma(tokens.get(k)));
      k = particle(tokens, k + 1, words);
    } else if (k + 1 < tokens.size() && tag(tokens.get(k)).equals("TO") && tag(tokens.get(k + 1)).startsWith("VB")) {
      words.add(lemma(tokens.get(k + 1)));
      k = particle(tokens, k + 2, words);
    }
    if (k < tokens.size() && tag(tokens.get(k)).equals("PRP")) {
      k = particle(tokens, k + 1, words); // "set it up": the pronoun is dropped, the particle kept
    }
    int modifiers = 0;
    while (k < tokens.size() && modifiers < MAX_OBJECT_MODIFIERS && isModifier(tag(tokens.get(k)))) {
      k++;
      modifiers++;
    }
    int nouns = 0;
    while (k < tokens.size() && tag(tokens.get(k)).startsWith("NN") && nouns < 3) {
      words.add(lemma(tokens.get(k)));
      k++;
      nouns++;
    }
    return String.join(" ", words);
  }

  private static int particle(List<CoreLabel> tokens, int k, List<String> words) {
    if (k < tokens.size() && tag(tokens.get(k)).equals("RP")) {
      words.add(lemma(tokens.get(k)));
      return k + 1;
    }
    return k;
  }

  private static boolean isModifier(String tag) {
    return tag.equals("DT") || tag.equals("PRP$") || tag.startsWith("JJ") || tag.equals("CD") || tag.equals("POS");
  }

  private static String tag(CoreLabel token) {
    return token.tag() == null ? "" : token.tag();
  }

  private static String lemma(CoreLabel token) {
    return lower(token.lemma() == null ? token.word() : token.lemma());
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
  }
}
