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
 * The contract's parsing rules written as Spark expressions ({@code rlike}, {@code cast},
 * {@code from_json}): how ingest typed values until {@link ContractParsers} replaced them. Kept as
 * the executable reference the Java parsers are tested against, value for value, and as the
 * comparison point of {@code bench/ingest --profile}. Ingest does not use it.
 */
public final class ContractExpressions {
  private ContractExpressions() {}

  // ISO-8601 with a zone: Z or an offset. Fraction optional; seconds too by this pattern, but the
  // cast reads a zone only after seconds, so values without them are null.
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
}
