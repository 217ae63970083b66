package io.triangulate.nlp.transcript;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells English from French by the share of each language's stopwords among the words. Stopwords
 * make up 40-50% of running speech, so a few hundred words decide reliably; code-switched technical
 * terms ("machine learning") barely move the ratio.
 */
public final class LanguageDetector {
  /** Below this share of stopwords in the winning language the text is called {@code unknown}. */
  private static final double MIN_RATIO = 0.15;
  /** Texts shorter than this are judged by which language has more stopwords, not by the ratio. */
  private static final int SHORT_TEXT_WORDS = 40;

  private static final Set<String> EN =
      Set.of(
          "the", "and", "to", "of", "a", "i", "it", "is", "that", "you", "in", "was", "for", "so",
          "but", "with", "have", "we", "they", "this", "what", "my", "on", "just", "be", "are",
          "like", "if", "or", "do", "not", "at", "there", "because", "then", "would", "were",
          "about", "which", "he", "she", "them", "when", "how", "from", "had", "been", "an");
  private static final Set<String> FR =
      Set.of(
          "le", "la", "les", "et", "de", "des", "du", "un", "une", "est", "je", "tu", "il", "elle",
          "on", "nous", "vous", "ils", "que", "qui", "pas", "ne", "ce", "c'est", "en", "au", "aux",
          "pour", "avec", "dans", "sur", "mais", "ou", "donc", "ça", "ca", "fait", "être", "avoir",
          "j'ai", "moi", "mon", "ma", "mes", "puis", "peut", "comme", "parce", "bien", "oui");
  private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

  private LanguageDetector() {}

  /** {@code en}, {@code fr} or {@code unknown}. */
  public static String detect(String text) {
    int words = 0;
    int en = 0;
    int fr = 0;
    Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
    while (matcher.find()) {
      String word = matcher.group();
      words++;
      if (EN.contains(word)) {
        en++;
      }
      if (FR.contains(word)) {
        fr++;
      }
    }
    if (words == 0) {
      return "unknown";
    }
    if (words < SHORT_TEXT_WORDS) {
      // Too few words for a ratio; a short answer is English unless it reads more French.
      return fr > en ? "fr" : "en";
    }
    double enRatio = (double) en / words;
    double frRatio = (double) fr / words;
    if (Math.max(enRatio, frRatio) < MIN_RATIO) {
      return "unknown";
    }
    return enRatio >= frRatio ? "en" : "fr";
  }
}
