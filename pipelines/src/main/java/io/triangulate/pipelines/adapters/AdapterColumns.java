package io.triangulate.pipelines.adapters;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** Column conversions the adapters share. */
final class AdapterColumns {
  private AdapterColumns() {}

  /**
   * The converted value, or, when the conversion failed on a present value, the value as found
   * prefixed with its source column. The contract's {@code type} rule then quarantines the row and
   * its reason shows what the data set held, instead of a silent null that reads as "missing".
   */
  static Column orFound(Column converted, String sourceColumn, Column raw) {
    return when(converted.isNotNull(), converted)
        .when(raw.isNotNull().and(trim(raw).notEqual("")), concat(lit(sourceColumn + "="), raw));
  }

  /**
   * The date a string holds in a numeric layout, or null. {@code pattern} is a regex whose groups
   * 1..3 are year, month and day in the order {@code order} names them (e.g. "ymd", "dmy", "mdy").
   * Built with make_date rather than to_date: Spark's to_date throws, instead of returning null,
   * when its legacy parser would have accepted a value such as 13/45/2016.
   */
  static Column numericDate(Column value, String pattern, String order) {
    Column[] parts = new Column[3];
    for (int i = 0; i < 3; i++) {
      parts["ymd".indexOf(order.charAt(i))] =
          regexp_extract(value, pattern, i + 1).cast(DataTypes.IntegerType);
    }
    return when(value.rlike(pattern), make_date(parts[0], parts[1], parts[2]));
  }

  /** A date as the UTC midnight that starts it, e.g. {@code 2016-04-12T00:00:00Z}. */
  static Column utcMidnight(Column date) {
    return date_format(date, "yyyy-MM-dd'T'00:00:00'Z'");
  }

  /** A date as a local date for a source with a configured time zone, e.g. {@code 1997-01-01}. */
  static Column localDate(Column date) {
    return date_format(date, "yyyy-MM-dd");
  }

  /**
   * A map of string attributes from alternating key literals and value columns; entries whose
   * value is null are left out, so an attribute the data set lacks is absent, not "null".
   */
  static Column attributes(Column... keysAndValues) {
    return org.apache.spark.sql.functions.map_filter(
        org.apache.spark.sql.functions.map(keysAndValues), (k, v) -> v.isNotNull());
  }

  /** Null for a blank value, else the value trimmed. */
  static Column blankToNull(Column value) {
    return when(trim(value).notEqual(""), trim(value));
  }
}
