package io.triangulate.pipelines.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the verdict reason, which validation writes with the claim's own floor in mind, from
 * revealing a group below the report's k: a segment the claim holds in loses its rate when its "n=N"
 * is below k, and a comparison whose smaller group is below k keeps only its conclusion (its difference and the other group's rate would give the hidden rate away).
 */
final class Redaction {
  private Redaction() {}

  /** "80% (95% CI 60.9%–91.1%, n=25)" and "80% (n=25)". */
  private static final Pattern RATE_WITH_N =
      Pattern.compile("\\d+(?:\\.\\d+)?% \\((?:95% CI [^,()]*, )?n=(\\d+)\\)");
  private static final String HOLDS_IN = "but it holds in ";

  static String reason(String reason, int k, boolean comparisonBelowK) {
    if (reason == null) {
      return null;
    }
    if (comparisonBelowK) {
      // The sentence after the numbers is the rule's conclusion; everything before it is numbers.
      int conclusion = reason.lastIndexOf("; ");
      String tail = conclusion < 0 ? "" : reason.substring(conclusion);
      return "a compared group has fewer than " + k + " observed customers, so the groups' numbers are withheld" + tail;
    }
    // Only the segments a claim "holds in" can be small; the base-wide numbers are on the card anyway.
    int segments = reason.indexOf(HOLDS_IN);
    if (segments < 0) {
      return reason;
    }
    return reason.substring(0, segments)
        + replaceBelow(RATE_WITH_N.matcher(reason.substring(segments)), k, "withheld (fewer than " + k + " customers)");
  }

  private static String replaceBelow(Matcher m, int k, String replacement) {
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String text = Long.parseLong(m.group(1)) >= k ? m.group() : replacement;
      m.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    m.appendTail(out);
    return out.toString();
  }
}
