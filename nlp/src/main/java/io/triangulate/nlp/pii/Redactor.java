package io.triangulate.nlp.pii;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from quotes before they leave bronze: e-mail addresses, phone numbers,
 * street addresses and person names introduced by a cue ("my name is", "Mr", "my sister").
 *
 * <p>Names are found by cue only: a names list or NER would flag product and brand names, and a
 * missed name after a cue is the common case in interviews. The replacement keeps the cue so the
 * quote still reads ("my sister [NAME] told me").
 */
public final class Redactor {
  public static final String EMAIL = "[EMAIL]";
  public static final String PHONE = "[PHONE]";
  public static final String ADDRESS = "[ADDRESS]";
  public static final String NAME = "[NAME]";

  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern PHONE_NUMBER =
      Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().\\-/]{5,}\\d(?!\\w)");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern STREET_ADDRESS =
      Pattern.compile(
          "\\b\\d{1,5}[A-Za-z]?,?\\s+(?:[A-Z][A-Za-z'-]+\\s+){1,3}"
              + "(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl"
              + "|Terrace|Close|Crescent|Square|Sq|Gardens|Parkway|Highway|Hwy)\\b\\.?");
  private static final String NAME_WORD = "(?:[A-Z]'|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?";
  private static final Pattern NAME_AFTER_CUE =
      Pattern.compile(
          "(?:(?i:\\bmy name is|\\bmy name's|\\bcall me|\\bi'm|\\bi am|\\bthis is)"
              + "|\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?"
              + "|(?i:\\bmy (?:husband|wife|partner|sister|brother|friend|colleague|coworker|co-worker"
              + "|boss|son|daughter|mother|father|mom|mum|dad|neighbour|neighbor|cousin|boyfriend|girlfriend)))"
              + "\\s+(" + NAME_WORD + "(?:\\s+" + NAME_WORD + ")?)");
  /** Capitalised words after "I'm"/"this is" that are not names. */
  private static final Set<String> NOT_NAMES =
      Set.of("Not", "Just", "So", "Also", "Really", "Very", "Here", "Fine", "Okay", "Ok", "Sorry", "Sure",
          "Still", "English", "French", "American", "British", "Canadian", "German", "Spanish", "Italian",
          "Happy", "Glad", "Good", "Great", "The", "A", "An", "It", "That", "What", "When", "Yes", "No",
          "Actually", "Basically", "Honestly", "Pretty", "Quite", "Definitely", "Probably", "Going",
          "Gonna", "Trying", "Looking", "Using", "Thinking", "Done", "Back", "Interviewee", "Interviewer");

  private Redactor() {}

  /** {@code text} with personal data replaced by {@code [EMAIL]}, {@code [PHONE]}, {@code [ADDRESS]}, {@code [NAME]}. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = EMAIL_ADDRESS.matcher(text).replaceAll(EMAIL);
    out = STREET_ADDRESS.matcher(out).replaceAll(ADDRESS);
    out = replacePhones(out);
    return replaceNames(out);
  }

  private static String replacePhones(String text) {
    Matcher m = PHONE_NUMBER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String candidate = m.group();
      long digits = candidate.chars().filter(Character::isDigit).count();
      boolean phone = digits >= 7 && digits <= 15 && !ISO_DATE.matcher(candidate).find();
      m.appendReplacement(out, Matcher.quoteReplacement(phone ? PHONE : candidate));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replaceNames(String text) {
    Matcher m = NAME_AFTER_CUE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String firstWord = name.split("\\s+")[0];
      if (NOT_NAMES.contains(firstWord)) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String cue = text.substring(m.start(), m.start(1));
      m.appendReplacement(out, Matcher.quoteReplacement(cue + NAME));
    }
    m.appendTail(out);
    return out.toString();
  }
}
