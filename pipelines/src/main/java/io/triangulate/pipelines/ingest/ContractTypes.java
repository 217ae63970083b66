package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;

/**
 * How a raw bronze string becomes a contract type. Parsing is strict on purpose: Spark's cast
 * accepts {@code 1.5} as the integer 1, a date without time as midnight and rounds extra decimals,
 * each of which would silently change a customer's history; here they are {@code type} errors.
 * The parsers themselves are plain Java ({@link ContractParsers}), called as UDFs.
 */
public final class ContractTypes {
  private ContractTypes() {}

  private static final UserDefinedFunction TIMESTAMP =
      udf(new ContractParsers.TimestampUdf(), DataTypes.TimestampType);
  private static final UserDefinedFunction INTEGER = udf(new ContractParsers.IntegerUdf(), DataTypes.IntegerType);
  private static final UserDefinedFunction STRING_MAP =
      udf(new ContractParsers.StringMapUdf(), DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));

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
   * read in that zone and converted to UTC; one with a zone or offset keeps it.
   */
  public static Column parse(Column raw, DataType type, Column timeZone) {
    if (type.equals(DataTypes.StringType)) {
      Column value = trim(raw);
      return when(value.notEqual(""), value);
    } else if (type.equals(DataTypes.TimestampType)) {
      return TIMESTAMP.apply(raw, timeZone);
    } else if (type.equals(DataTypes.IntegerType)) {
      return INTEGER.apply(raw);
    } else if (type instanceof DecimalType decimal) {
      return udf(new ContractParsers.DecimalUdf(decimal.precision(), decimal.scale()), decimal).apply(raw);
    } else if (type instanceof MapType map
        && map.keyType().equals(DataTypes.StringType) && map.valueType().equals(DataTypes.StringType)) {
      return STRING_MAP.apply(raw);
    }
    throw new IllegalArgumentException("no parser for contract type " + type.simpleString());
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
