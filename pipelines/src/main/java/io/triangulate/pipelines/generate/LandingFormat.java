package io.triangulate.pipelines.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Text encodings of landing files: CSV fields, JSON strings, UTC timestamps, amounts. */
final class LandingFormat {
  private LandingFormat() {}

  /** ISO-8601 UTC with {@code Z} and whole seconds, e.g. {@code 2025-04-02T14:03:11Z}. */
  static String timestamp(long epochSeconds) {
    StringBuilder b = new StringBuilder(20);
    appendTimestamp(b, epochSeconds);
    return b.toString();
  }

  /**
   * Appends {@link #timestamp(long)} without allocating an Instant: the generator formats about a
   * million timestamps per 20,000 customers, and this is most of its CPU time.
   */
  static void appendTimestamp(StringBuilder b, long epochSeconds) {
    long day = Math.floorDiv(epochSeconds, 86_400L);
    int secs = (int) Math.floorMod(epochSeconds, 86_400L);
    LocalDate d = LocalDate.ofEpochDay(day);
    int year = d.getYear();
    if (year < 1000 || year > 9999) {
      b.append(Instant.ofEpochSecond(epochSeconds));
      return;
    }
    b.append(year).append('-');
    two(b, d.getMonthValue());
    b.append('-');
    two(b, d.getDayOfMonth());
    b.append('T');
    two(b, secs / 3600);
    b.append(':');
    two(b, secs / 60 % 60);
    b.append(':');
    two(b, secs % 60);
    b.append('Z');
  }

  private static void two(StringBuilder b, int v) {
    b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /** Cents as a plain decimal with two places; independent of the JVM's locale. */
  static String amount(long cents) {
    long abs = Math.abs(cents);
    long frac = abs % 100;
    return (cents < 0 ? "-" : "") + (abs / 100) + (frac < 10 ? ".0" : ".") + frac;
  }

  /** An id made of a prefix and a zero-padded number, e.g. {@code C000123}. */
  static String id(String prefix, long number, int width) {
    String digits = Long.toString(number);
    StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }

  /** RFC 4180 field: quoted when it holds a comma, quote or line break; null becomes empty. */
  static String csv(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  static String csvLine(String... fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(csv(fields[i]));
    }
    return b.append('\n').toString();
  }

  /** Appends a JSON string literal (with quotes). */
  static void jsonString(StringBuilder b, String value) {
    b.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** Appends one channel_events line; {@code productId} may be null (written as JSON null). */
  static void eventJson(StringBuilder b, String eventId, String customerId, long at, String channel, String eventType, String productId, List<String> attributes) {
    b.append("{\"event_id\":");
    jsonString(b, eventId);
    b.append(",\"customer_id\":");
    jsonString(b, customerId);
    b.append(",\"occurred_at\":\"");
    appendTimestamp(b, at);
    b.append('"');
    b.append(",\"channel\":");
    jsonString(b, channel);
    b.append(",\"event_type\":");
    jsonString(b, eventType);
    b.append(",\"product_id\":");
    if (productId == null) {
      b.append("null");
    } else {
      jsonString(b, productId);
    }
    b.append(",\"attributes\":{");
    for (int i = 0; i + 1 < attributes.size(); i += 2) {
      if (i > 0) {
        b.append(',');
      }
      jsonString(b, attributes.get(i));
      b.append(':');
      jsonString(b, attributes.get(i + 1));
    }
    b.append("}}\n");
  }
}
