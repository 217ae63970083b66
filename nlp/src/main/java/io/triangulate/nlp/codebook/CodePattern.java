package io.triangulate.nlp.codebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A phrase of lemmas (or word forms) matched against a sentence, e.g. {@code stop use} matches
 * "I stopped using it". Contractions are split the way CoreNLP tokenizes them, so a pattern may say
 * {@code don't wear} or {@code not wear}.
 *
 * @param text the pattern as written in the codebook
 * @param tokens lower-case tokens to match in order
 */
public record CodePattern(String text, List<String> tokens) {
  /** Lemmas that negate what follows them. */
  public static final Set<String> NEGATORS =
      Set.of("not", "n't", "never", "no", "without", "nothing", "none", "nobody", "neither", "nor");

  public CodePattern {
    tokens = List.copyOf(tokens);
  }

  /** Tokenizes {@code text}; an empty token list means the pattern is empty. */
  public static CodePattern of(String text) {
    List<String> tokens = new ArrayList<>();
    String cleaned = text == null ? "" : text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    // "..." is the any-gap marker; keep it as a token before punctuation is stripped.
    cleaned = cleaned.replace("\u2026", " ... ").replace("...", " \u0000 ");
    for (String raw : cleaned.split("[\\s,;.!?\"()]+")) {
      if (raw.equals("\u0000")) {
        tokens.add("...");
        continue;
      }
      if (raw.isEmpty()) {
        continue;
      }
      switch (raw) {
        case "can't", "cannot" -> tokens.addAll(List.of("can", "not"));
        case "won't" -> tokens.addAll(List.of("will", "not"));
        default -> {
          if (raw.endsWith("n't") && raw.length() > 3) {
            tokens.add(raw.substring(0, raw.length() - 3));
            tokens.add("not");
          } else {
            tokens.add(raw);
          }
        }
      }
    }
    return new CodePattern(text, tokens);
  }

  /**
   * Whether every {@code ...} (any gap) stands between two words: a leading, trailing or doubled gap
   * means nothing to match against and is a codebook error.
   */
  public boolean gapsBetweenWords() {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).equals("...")
          && (i == 0 || i == tokens.size() - 1 || tokens.get(i - 1).equals("..."))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the pattern itself says "not", so a negator inside it is meant, not a negation of it. */
  public boolean containsNegator() {
    return tokens.stream().anyMatch(NEGATORS::contains);
  }
}
