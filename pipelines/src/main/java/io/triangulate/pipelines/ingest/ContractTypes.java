package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;

/**
 * How a raw bronze string becomes a contract type. Parsing is strict on purpose: Spark's cast
 * accepts {@code 1.5} as the integer 1, a date without time as midnight and rounds extra decimals,
 * each of which would silently change a customer's history; here they are {@code type} errors.
 */
public final class ContractTypes {
  private ContractTypes() {}

  // ISO-8601 with a zone: Z or an offset. Fraction optional, seconds optional.
  private static final String TIMESTAMP_PATTERN =
      "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$";
  // A local date or date-time without zone; read only when the source has a configured time zone.
  private static final String LOCAL_TIMESTAMP_PATTERN =
      "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?$";
  private static final String INTEGER_PATTERN = "^[+-]?\\d{1,10}$";
  private static final Map<String, String> JSON_OPTIONS = Map.of("mode", "PERMISSIVE");

  /**
   * The typed value of a raw string column, or null when it is absent or cannot be parsed. Strings
   * are trimmed, and blank strings count as absent.
   */
  public static Column parse(Column raw, DataType type) {
    return parse(raw, type, lit(null).cast(DataTypes.StringType));
  }

  /**
   * {@link #parse(Column, DataType)} for a source whose local timestamps are in {@code timeZone}
   * (a zone id column, null for none): a timestamp without zone, or a bare date (its midnight), is
   * read in that zone and converted to UTC; one with a zone or offset keeps it. Relies on the UTC
   * session time zone every Triangulate session has (see {@code Sparks}).
   */
  public static Column parse(Column raw, DataType type, Column timeZone) {
    Column value = trim(raw);
    Column present = value.isNotNull().and(value.notEqual(""));
    Column parsed;
    if (type.equals(DataTypes.StringType)) {
      parsed = value;
    } else if (type.equals(DataTypes.TimestampType)) {
      parsed =
          when(value.rlike(TIMESTAMP_PATTERN), value.cast(DataTypes.TimestampType))
              .when(timeZone.isNotNull().and(value.rlike(LOCAL_TIMESTAMP_PATTERN)),
                  to_utc_timestamp(value.cast(DataTypes.TimestampType), timeZone));
    } else if (type.equals(DataTypes.IntegerType)) {
      parsed = when(value.rlike(INTEGER_PATTERN), value.cast(DataTypes.IntegerType));
    } else if (type instanceof DecimalType decimal) {
      int whole = decimal.precision() - decimal.scale();
      String pattern = "^[+-]?\\d{1," + whole + "}(\\.\\d{1," + decimal.scale() + "})?$";
      parsed = when(value.rlike(pattern), value.cast(decimal));
    } else if (type instanceof MapType map && map.keyType().equals(DataTypes.StringType)) {
      parsed = when(value.startsWith("{"), from_json(value, map, JSON_OPTIONS));
    } else {
      throw new IllegalArgumentException("no parser for contract type " + type.simpleString());
    }
    return when(present, parsed).otherwise(lit(null).cast(type));
  }

  /**
   * Whether {@link #parse} reads this type with {@code from_json}: an expression Spark 3.5 cannot
   * compile into whole-stage code, so callers keep it in a projection of its own.
   */
  public static boolean parsesJson(DataType type) {
    return type instanceof MapType;
  }

  /** Whether the raw value is absent: null, empty or only whitespace. */
  public static Column isBlank(Column raw) {
    return raw.isNull().or(trim(raw).equalTo(""));
  }

  /** What a value of this type looks like, for quarantine reasons and docs/contracts.md. */
  public static String expected(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "text";
    } else if (type.equals(DataTypes.TimestampType)) {
      return "an ISO-8601 timestamp with zone such as 2025-04-02T14:03:11Z";
    } else if (type.equals(DataTypes.IntegerType)) {
      return "a whole number such as 1 or -2";
    } else if (type instanceof DecimalType decimal) {
      return "a decimal number with at most " + decimal.scale() + " decimals and "
          + (decimal.precision() - decimal.scale()) + " digits before the point, such as 199.00";
    } else if (type instanceof MapType) {
      return "a JSON object of strings such as {\"page\":\"/setup\"}";
    }
    return type.simpleString();
  }
}
