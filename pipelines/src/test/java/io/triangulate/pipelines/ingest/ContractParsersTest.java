package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link ContractTypes} (Java parsers as UDFs) gives, value for value, what the rules written as
 * Spark expressions ({@link ContractExpressions}) give, on hand-picked edge cases and on generated
 * near-misses of valid values. Only duplicate keys in a JSON object differ, on purpose.
 */
class ContractParsersTest extends SparkTestBase {
  private static final List<String> TIMESTAMPS = List.of(
      "2025-04-02T14:03:11Z", "2025-04-02T14:03Z", "2025-04-02T14:03:11.5Z", "2025-04-02T14:03:11.123456Z",
      "2025-04-02T14:03:11.1234567Z", "2025-04-02T14:03:11.123456789Z", "2025-04-02T14:03:11.1234567891Z",
      "2025-04-02T14:03:11.Z", "2025-04-02T14:03:11+02:00", "2025-04-02T14:03:11-0530", "2025-04-02T14:03:11+18:00",
      "2025-04-02T14:03:11+18:01", "2025-04-02T14:03:11+19:00", "2025-04-02T14:03:11+05:60", "2025-04-02T14:03:11+5:00",
      "2025-04-02T14:03:11+05", "2025-04-02 14:03:11Z", "2025-04-02 14:03:11", "2025-04-02T14:03:11", "2025-04-02",
      "2025-04-02T14:03", "2025-04-02 14:03", "2025-04-02T14:03+02:00", "2025-04-02T14:03-0530", "2025-04-02T14:03:11.5+02:00", "2025-04-02T14", "2025-04-02Z", "2025-13-02T14:03:11Z",
      "2025-02-30T14:03:11Z", "2024-02-29T00:00:00Z", "2025-04-02T24:00:00Z", "2025-04-02T23:60:00Z",
      "2025-04-02T23:59:60Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "1582-10-10T00:00:00Z",
      "  2025-04-02T14:03:11Z  ", "2025-04-02T14:03:11Z\n", "2025-04-02T14:03:11Z\r\n", "2025-04-02T14:03:11Z\n\n",
      "2025-04-02T14:03:11Z\t", "\t2025-04-02T14:03:11Z", "2025-04-02\n", "2025-4-02T14:03:11Z", "25-04-02T14:03:11Z",
      "2025-04-02T14:03:11z", "2025-04-02t14:03:11Z", "2025-04-02T14:03:11ZZ", "yesterday", "", "   ",
      "２０２５-04-02T14:03:11Z", "2025-03-30T02:30:00", "2025-10-26T02:30:00", "2025-10-26 01:30:00.123");
  private static final List<String> INTEGERS = List.of(
      "1", "-2", "+3", "007", "1.5", "1e3", "2147483647", "2147483648", "-2147483648", "-2147483649", "9999999999",
      "12345678901", " 4 ", "4\n", "4\t", "", "+", "-", "- 1", "٣", "0x10");
  private static final List<String> DECIMALS = List.of(
      "199.00", "199", "199.5", "199.555", "-0.00", "+1.25", "1234567890.12", "12345678901.00", ".5", "1.", "1,5",
      "1e2", " 2.50 ", "2.50\n", "2.50\r", "00001.10", "", "abc", "1.2.3", "-", "+.5");
  private static final List<String> MAPS = List.of(
      "{}", "{\"page\":\"/setup\"}", "{\"a\":1,\"b\":1.50,\"c\":true,\"d\":null,\"e\":{\"x\":[1, 2]},\"f\":[]}",
      "{'a':'single'}", "{\"a\":\"b\"} trailing", "{\"a\":\"b\"}{\"c\":\"d\"}", "{\"a\":", "{a:1}", "[1]", "\"text\"",
      " {\"a\":\"b\"} ", "{\"a\":\"é ✓ \\u00e9\"}", "{\"n\":NaN,\"i\":-Infinity}", "{\"a\":1e3}", "{\"a\":007}",
      "{\"a\":\"b\",}", "", "null", "{\"a\":\"b\"}\n", "{\"big\":123456789012345678901234567890}");

  @Test
  void timestampsAsSparkExpressionsParsedThem() {
    List<String> values = withNearMisses(TIMESTAMPS, new Random(1));
    assertSame(values, DataTypes.TimestampType, null);
    assertSame(values, DataTypes.TimestampType, "Europe/Berlin");
  }

  @Test
  void integersAndDecimalsAsSparkExpressionsParsedThem() {
    assertSame(withNearMisses(INTEGERS, new Random(2)), DataTypes.IntegerType, null);
    assertSame(withNearMisses(DECIMALS, new Random(3)), DataTypes.createDecimalType(12, 2), null);
  }

  @Test
  void mapsAsFromJsonParsedThem() {
    assertSame(MAPS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), null);
  }

  @Test
  void stringsTrimmedOfSpacesOnly() {
    assertSame(List.of("a", " a ", "\ta\t", "", "   ", "a b", "a\n"), DataTypes.StringType, null);
  }

  /** Spark keeps both entries of a repeated key, a map no reader can trust; the parser rejects the value. */
  @Test
  void repeatedKeysInAnObjectAreATypeError() {
    assertThat(ContractParsers.stringMap("{\"a\":\"1\",\"a\":\"2\"}")).as("repeated key").isNull();
    assertThat(ContractParsers.stringMap("{\"a\":\"1\",\"b\":{\"a\":2}}"))
        .as("same key at another depth is fine").containsExactly(Map.entry("a", "1"), Map.entry("b", "{\"a\":2}"));
  }

  @Test
  void parsedValuesAreTheExpectedOnes() {
    assertThat(ContractParsers.timestamp("2025-04-02T14:03:11.1234567+02:00", null))
        .as("offset applied, fraction truncated to microseconds")
        .hasToString("2025-04-02T12:03:11.123456Z");
    assertThat(ContractParsers.timestamp("2025-03-30 02:30", "Europe/Berlin"))
        .as("a local time in the spring gap moves forward, as ZonedDateTime does")
        .hasToString("2025-03-30T01:30:00Z");
    assertThat(ContractParsers.decimal("+1.5", 12, 2)).as("decimal at scale").isEqualTo(new BigDecimal("1.50"));
    assertThat(ContractParsers.integer("-2147483648")).as("int minimum").isEqualTo(Integer.MIN_VALUE);
  }

  /** Each value, then variants with one character dropped, doubled or replaced: shapes next to the valid ones. */
  private static List<String> withNearMisses(List<String> values, Random random) {
    List<String> all = new ArrayList<>(values);
    String alphabet = "0123456789-+:.TZ Z\n";
    for (String value : values) {
      for (int i = 0; i < value.length(); i++) {
        all.add(value.substring(0, i) + value.substring(i + 1));
        all.add(value.substring(0, i + 1) + value.substring(i));
        all.add(value.substring(0, i) + alphabet.charAt(random.nextInt(alphabet.length())) + value.substring(i + 1));
      }
    }
    return all;
  }

  private static void assertSame(List<String> values, DataType type, String zone) {
    StructType schema = new StructType().add("i", DataTypes.IntegerType).add("raw", DataTypes.StringType)
        .add("zone", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      rows.add(RowFactory.create(i, values.get(i), zone));
    }
    rows.add(RowFactory.create(values.size(), null, zone));
    Dataset<Row> input = spark.createDataFrame(rows, schema);
    List<Row> result = input.select(
            col("i"), col("raw"),
            ContractTypes.parse(col("raw"), type, col("zone")).as("java"),
            ContractExpressions.parse(col("raw"), type, col("zone")).as("expressions"))
        .orderBy("i")
        .collectAsList();
    List<String> differences = new ArrayList<>();
    int parsed = 0;
    for (Row row : result) {
      Object java = comparable(row.get(2));
      Object expressions = comparable(row.get(3));
      parsed += expressions.equals("null") ? 0 : 1;
      if (!java.equals(expressions)) {
        differences.add("'" + row.getString(1) + "': java " + java + ", expressions " + expressions);
      }
    }
    assertThat(differences).as("values of type %s (zone %s) parsed differently", type.simpleString(), zone).isEmpty();
    assertThat(parsed).as("some values of type %s parse at all", type.simpleString()).isGreaterThan(3);
  }

  private static String comparable(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant().toString();
    } else if (value instanceof scala.collection.Map<?, ?> map) {
      return scala.collection.JavaConverters.mapAsJavaMap(map).toString();
    }
    return value == null ? "null" : value.toString();
  }
}
