package io.triangulate.nlp.coding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds spans such as "after about five months" or "a couple of weeks" and converts them to days, so
 * an interview quote can be compared with a claim's horizon. Regular expressions and number words
 * cover what interviewees say; SUTime can replace this when dates ("last March") matter.
 */
public final class Durations {
  private static final Map<String, Double> NUMBERS =
      Map.ofEntries(
          Map.entry("a", 1.0), Map.entry("an", 1.0), Map.entry("one", 1.0), Map.entry("two", 2.0),
          Map.entry("three", 3.0), Map.entry("four", 4.0), Map.entry("five", 5.0), Map.entry("six", 6.0),
          Map.entry("seven", 7.0), Map.entry("eight", 8.0), Map.entry("nine", 9.0), Map.entry("ten", 10.0),
          Map.entry("eleven", 11.0), Map.entry("twelve", 12.0), Map.entry("fifteen", 15.0),
          Map.entry("eighteen", 18.0), Map.entry("twenty", 20.0), Map.entry("thirty", 30.0),
          Map.entry("a couple of", 2.0), Map.entry("a couple", 2.0), Map.entry("couple of", 2.0),
          Map.entry("a few", 3.0), Map.entry("few", 3.0), Map.entry("several", 3.0),
          Map.entry("half a", 0.5), Map.entry("a half", 0.5));
  private static final Map<String, Integer> UNIT_DAYS =
      Map.of("day", 1, "week", 7, "fortnight", 14, "month", 30, "year", 365);

  private static final String NUMBER =
      "\\d+(?:\\.\\d+)?|a couple of|a couple|couple of|a few|few|several|half a|a half|an|a|one|two|three"
          + "|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty";
  private static final Pattern SPAN =
      Pattern.compile(
          "(?i)\\b((?:(?:after|within|for|in|about|around|over|nearly|almost|roughly|approximately|only"
              + "|just|under|less than|more than|at least|barely|maybe|like)\\s+)*)"
              + "(" + NUMBER + ")\\s+(?:more\\s+|whole\\s+|full\\s+)?(day|week|fortnight|month|year)s?\\b");

  private Durations() {}

  /** The first duration in {@code text}, if any. */
  public static Optional<Duration> find(String text) {
    List<Duration> all = findAll(text);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every duration in {@code text}, in order. */
  public static List<Duration> findAll(String text) {
    List<Duration> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    Matcher m = SPAN.matcher(text);
    while (m.find()) {
      String number = m.group(2).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      Double value = NUMBERS.get(number);
      if (value == null) {
        value = Double.parseDouble(number);
      }
      int days = (int) Math.round(value * UNIT_DAYS.get(m.group(3).toLowerCase(Locale.ROOT)));
      if (number.equals("half a") && m.group(3).equalsIgnoreCase("year")) {
        days = 182;
      }
      found.add(new Duration(m.group().strip(), days, m.start(), m.end()));
    }
    return found;
  }
}
