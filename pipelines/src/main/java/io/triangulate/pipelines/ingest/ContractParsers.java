package io.triangulate.pipelines.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;

/**
 * The contract's value parsers in plain Java, called from Spark as UDFs by {@link ContractTypes}.
 *
 * <p>Why not Spark expressions: the same rules written as {@code rlike} + {@code cast} +
 * {@code from_json} cost more than parsing and writing the rows together (docs/benchmarks.md,
 * Ingest); one pass over each value here does the shape check and the conversion at once, and a
 * Java UDF stays in whole-stage generated code where {@code from_json} does not. Each parser gives
 * exactly what those expressions gave, value for value, which {@code ContractParsersTest} checks
 * against them: strings trimmed of spaces, blank as absent, and the laxities of Spark's own casts
 * kept (one trailing line break, fractions past microseconds truncated, a map's trailing text ignored).
 */
public final class ContractParsers {
  private ContractParsers() {}

  /** Trims ASCII spaces only (as Spark's {@code trim}); null when nothing is left. */
  static String present(String raw) {
    if (raw == null) {
      return null;
    }
    int start = 0;
    int end = raw.length();
    while (start < end && raw.charAt(start) == ' ') {
      start++;
    }
    while (end > start && raw.charAt(end - 1) == ' ') {
      end--;
    }
    return start == end ? null : raw.substring(start, end);
  }

  /**
   * An ISO-8601 timestamp with seconds and zone ({@code Z} or an offset; fraction optional), or, when
   * {@code localZone} is set, a local date-time or bare date read in that zone; null otherwise.
   */
  public static Instant timestamp(String raw, String localZone) {
    String value = present(raw);
    if (value == null) {
      return null;
    }
    int end = withoutFinalLineBreak(value);
    // yyyy-mm-dd
    if (end < 10 || !digits(value, 0, 4) || value.charAt(4) != '-' || !digits(value, 5, 7)
        || value.charAt(7) != '-' || !digits(value, 8, 10)) {
      return null;
    }
    int year = number(value, 0, 4);
    int month = number(value, 5, 7);
    int day = number(value, 8, 10);
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nanos = 0;
    boolean hasSeconds = false;
    int i = 10;
    boolean hasTime = end >= 16 && (value.charAt(10) == 'T' || value.charAt(10) == ' ')
        && digits(value, 11, 13) && value.charAt(13) == ':' && digits(value, 14, 16);
    if (hasTime) {
      hour = number(value, 11, 13);
      minute = number(value, 14, 16);
      i = 16;
      if (i + 3 <= end && value.charAt(i) == ':' && digits(value, i + 1, i + 3)) {
        second = number(value, i + 1, i + 3);
        hasSeconds = true;
        i += 3;
        if (i < end && value.charAt(i) == '.') {
          int fractionEnd = i + 1;
          while (fractionEnd < end && isDigit(value.charAt(fractionEnd))) {
            fractionEnd++;
          }
          int count = fractionEnd - i - 1;
          if (count < 1 || count > 9) {
            return null;
          }
          // Spark keeps microseconds and drops further digits.
          int micros = 0;
          for (int d = 0; d < 6; d++) {
            micros = micros * 10 + (d < count ? value.charAt(i + 1 + d) - '0' : 0);
          }
          nanos = micros * 1000;
          i = fractionEnd;
        }
      }
    }
    // A zone only after a time with seconds written with T (Spark's cast reads no zone after
    // minutes); a space-separated time or a bare date is local.
    boolean zoned = hasSeconds && value.charAt(10) == 'T' && i < end;
    ZoneId zone;
    if (zoned && value.charAt(i) == 'Z' && i + 1 == end) {
      zone = ZoneOffset.UTC;
    } else if (zoned && (value.charAt(i) == '+' || value.charAt(i) == '-')) {
      zone = offset(value, i, end);
      if (zone == null) {
        return null;
      }
    } else if (i == end && localZone != null) {
      zone = ZoneId.of(localZone);
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      return null; // month 13, 30 February, hour 24, ...
    }
  }

  /** {@code ±hh:mm} or {@code ±hhmm} filling {@code value[start, end)}, null when it is not one or out of range. */
  private static ZoneOffset offset(String value, int start, int end) {
    int length = end - start;
    boolean colon = length == 6 && value.charAt(start + 3) == ':';
    if (!(colon || length == 5) || !digits(value, start + 1, start + 3)) {
      return null;
    }
    int minutesAt = colon ? start + 4 : start + 3;
    if (!digits(value, minutesAt, minutesAt + 2)) {
      return null;
    }
    int hours = number(value, start + 1, start + 3);
    int minutes = number(value, minutesAt, minutesAt + 2);
    if (hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) {
      return null;
    }
    int sign = value.charAt(start) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  /** A whole number of at most ten digits, optionally signed, within the int range; null otherwise. */
  public static Integer integer(String raw) {
    String value = present(raw);
    if (value == null) {
      return null;
    }
    int end = withoutFinalLineBreak(value);
    int start = value.charAt(0) == '+' || value.charAt(0) == '-' ? 1 : 0;
    if (end - start < 1 || end - start > 10 || !digits(value, start, end)) {
      return null;
    }
    long n = Long.parseLong(value, start, end, 10);
    n = value.charAt(0) == '-' ? -n : n;
    return n < Integer.MIN_VALUE || n > Integer.MAX_VALUE ? null : (int) n;
  }

  /**
   * A decimal number with at most {@code precision - scale} digits before the point and {@code scale}
   * after it (no exponent, no thousands separator), at that scale; null otherwise.
   */
  public static BigDecimal decimal(String raw, int precision, int scale) {
    String value = present(raw);
    if (value == null) {
      return null;
    }
    int end = withoutFinalLineBreak(value);
    int start = value.charAt(0) == '+' || value.charAt(0) == '-' ? 1 : 0;
    int point = value.indexOf('.', start);
    int wholeEnd = point < 0 || point >= end ? end : point;
    int whole = wholeEnd - start;
    int fraction = wholeEnd == end ? 0 : end - wholeEnd - 1;
    if (whole < 1 || whole > precision - scale || !digits(value, start, wholeEnd)
        || (wholeEnd < end && (fraction < 1 || fraction > scale || !digits(value, wholeEnd + 1, end)))) {
      return null;
    }
    return new BigDecimal(value.substring(0, end)).setScale(scale);
  }

  // Configured as Spark's JSON options configure their reader, so a value reads the same as from_json read it.
  static final JsonFactory JSON =
      new JsonFactoryBuilder()
          .configure(JsonReadFeature.ALLOW_SINGLE_QUOTES, true)
          .configure(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, true)
          .build();

  /**
   * A JSON object as a map of strings, in field order: a string value as its text, any other value
   * (number, boolean, object, array) as its compact JSON, JSON null as null. Null when the value is not
   * a JSON object; text after the object is ignored.
   */
  public static Map<String, String> stringMap(String raw) {
    String value = present(raw);
    if (value == null || value.charAt(0) != '{') {
      return null;
    }
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, String> map = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        if (map.containsKey(key)) {
          return null; // Spark would keep both entries: a map no reader can trust, so a type error
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
          map.put(key, null);
        } else if (token == JsonToken.VALUE_STRING) {
          map.put(key, parser.getText());
        } else {
          map.put(key, compactJson(parser));
        }
      }
      return parser.currentToken() == JsonToken.END_OBJECT ? map : null;
    } catch (IOException | RuntimeException e) {
      return null; // not JSON: a type error, reported by the caller with the raw value
    }
  }

  /** The value the parser stands at (number, boolean, object, array) as compact JSON, as Spark writes it. */
  static String compactJson(JsonParser parser) throws IOException {
    StringWriter json = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(json)) {
      generator.copyCurrentStructure(parser);
    }
    return json.toString();
  }

  /** End of {@code value} without one final {@code \n}, {@code \r\n} or {@code \r}, which Spark's parsers accept. */
  private static int withoutFinalLineBreak(String value) {
    int end = value.length();
    if (end > 0 && value.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && value.charAt(end - 1) == '\r') {
        end--;
      }
    } else if (end > 0 && value.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean digits(String value, int start, int end) {
    if (end > value.length()) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!isDigit(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int number(String value, int start, int end) {
    int n = 0;
    for (int i = start; i < end; i++) {
      n = n * 10 + (value.charAt(i) - '0');
    }
    return n;
  }

  /** {@link #timestamp} as a Spark UDF of (raw, local zone or null). */
  public static final class TimestampUdf implements UDF2<String, String, Instant> {
    @Override
    public Instant call(String raw, String localZone) {
      return timestamp(raw, localZone);
    }
  }

  /** {@link #integer} as a Spark UDF. */
  public static final class IntegerUdf implements UDF1<String, Integer> {
    @Override
    public Integer call(String raw) {
      return integer(raw);
    }
  }

  /** {@link #decimal} at one precision and scale, as a Spark UDF. */
  public static final class DecimalUdf implements UDF1<String, BigDecimal> {
    private final int precision;
    private final int scale;

    public DecimalUdf(int precision, int scale) {
      this.precision = precision;
      this.scale = scale;
    }

    @Override
    public BigDecimal call(String raw) {
      return decimal(raw, precision, scale);
    }
  }

  /** {@link #stringMap} as a Spark UDF. */
  public static final class StringMapUdf implements UDF1<String, Map<String, String>> {
    @Override
    public Map<String, String> call(String raw) {
      return stringMap(raw);
    }
  }
}
