package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_json;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.ingest.LandingFiles.LandingFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Landing files delivered as Parquet ({@code <source>.parquet}, one file, not a folder). Parquet
 * carries its own column types, so the file's schema is checked against the contract before
 * anything is read: a missing required column or a column whose type the contract cannot hold
 * stops the source. The accepted values then become bronze strings, so row-level validation,
 * deduplication and quarantine are exactly those of CSV and JSON Lines deliveries.
 */
public final class ParquetLanding {
  private ParquetLanding() {}

  /** File name ending of Parquet landing files. */
  public static final String EXTENSION = ".parquet";

  // ISO-8601 with the session zone's offset (Triangulate sessions run in UTC, so `Z`): the form the
  // timestamp parser of ContractTypes reads, at Parquet's microsecond precision.
  private static final String TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

  /** Whether the landing file is a Parquet file (by its name). */
  public static boolean isParquet(LandingFile file) {
    return file.name().endsWith(EXTENSION);
  }

  /**
   * Reads the file's schema and checks it: every required column present, every contract column it
   * has of a type the contract accepts (see {@link #accepts}). Returns the schema.
   */
  public static StructType check(SparkSession spark, LandingFile file, SourceContract contract) {
    LandingFiles.checkNotEmpty(file);
    StructType schema;
    try {
      schema = spark.read().parquet(file.path()).schema();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared, e.g. for text named .parquet
      String message = String.valueOf(e.getMessage());
      throw UserError.at(file.path())
          .problem("the file is not a readable Parquet file")
          .expected("a Parquet file (" + contract.source() + EXTENSION + ") with the columns of contract "
              + contract.source())
          .found(message.lines().findFirst().orElse(e.getClass().getSimpleName()))
          .fix("re-export the source as Parquet, or deliver it as " + contract.fileName())
          .cause(e)
          .build();
    }
    LinkedHashSet<String> names = new LinkedHashSet<>(List.of(schema.fieldNames()));
    LandingFiles.checkRequired(file, contract, names, "Parquet schema");
    for (ContractColumn column : contract.columns()) {
      if (!names.contains(column.name())) {
        continue;
      }
      DataType found = schema.apply(column.name()).dataType();
      if (!accepts(column.type(), found)) {
        throw UserError.at(file.path() + ", column " + column.name())
            .problem("column " + column.name() + " has a Parquet type the contract does not accept")
            .expected(column.type().simpleString() + " (" + acceptedTypes(column.type()) + ")")
            .found(found.simpleString())
            .fix("write column " + column.name() + " as " + column.type().simpleString()
                + " or as text in the export (see docs/contracts.md)")
            .build();
      }
    }
    return schema;
  }

  /**
   * The file's contract columns as bronze strings (absent optional columns as null) plus an empty
   * corrupt-record column: Parquet has no malformed lines. Expects a file {@link #check} accepted.
   */
  public static Dataset<Row> read(SparkSession spark, LandingFile file, SourceContract contract) {
    Dataset<Row> rows = spark.read().parquet(file.path());
    StructType schema = rows.schema();
    List<String> present = List.of(schema.fieldNames());
    List<Column> columns = new ArrayList<>();
    for (ContractColumn column : contract.columns()) {
      String name = column.name();
      Column value =
          present.contains(name)
              ? asText(col(name), schema.apply(name).dataType())
              : lit(null).cast(DataTypes.StringType);
      columns.add(value.as(name));
    }
    columns.add(lit(null).cast(DataTypes.StringType).as(BronzeSchema.CORRUPT_RECORD));
    return rows.select(columns.toArray(Column[]::new));
  }

  /**
   * Whether a Parquet column of type {@code found} can feed a contract column of type {@code
   * contract}: text always (it is then parsed like CSV), otherwise the same kind of value. Floating
   * point is refused for decimals: a binary fraction would silently change amounts.
   */
  static boolean accepts(DataType contract, DataType found) {
    if (found instanceof StringType) {
      return true;
    }
    if (contract instanceof StringType) {
      return false;
    }
    if (contract instanceof TimestampType) {
      return found instanceof TimestampType || found instanceof TimestampNTZType || found instanceof DateType;
    }
    if (contract instanceof IntegerType) {
      return isIntegral(found);
    }
    if (contract instanceof DecimalType) {
      return found instanceof DecimalType || isIntegral(found);
    }
    if (contract instanceof MapType map) {
      return found instanceof MapType other && other.keyType() instanceof StringType
          && map.keyType() instanceof StringType;
    }
    return false;
  }

  private static String acceptedTypes(DataType contract) {
    if (contract instanceof StringType) {
      return "a Parquet string column";
    } else if (contract instanceof TimestampType) {
      return "a Parquet timestamp, timestamp_ntz or date column, or text";
    } else if (contract instanceof IntegerType) {
      return "a Parquet integer column (tinyint, smallint, int, bigint), or text";
    } else if (contract instanceof DecimalType) {
      return "a Parquet decimal or integer column, or text; not float or double";
    } else if (contract instanceof MapType) {
      return "a Parquet map with string keys, or a JSON object as text";
    }
    return "text";
  }

  private static boolean isIntegral(DataType type) {
    return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
        || type instanceof LongType;
  }

  /**
   * The value as the text ContractTypes parses: a timestamp as ISO-8601 with offset, a map as its
   * JSON object, a decimal without trailing zeros, a local timestamp or date without zone (read in
   * the source's time zone, if any).
   */
  private static Column asText(Column value, DataType type) {
    if (type instanceof TimestampType) {
      return date_format(value, TIMESTAMP_FORMAT);
    } else if (type instanceof MapType) {
      return to_json(value);
    } else if (type instanceof DecimalType decimal && decimal.scale() > 0) {
      // Trailing zeros carry no value: 199.000 from a decimal(12,3) column fits a contract of two
      // decimals, while 5.125 still does not (and is quarantined, never rounded).
      Column text = value.cast(DataTypes.StringType);
      return regexp_replace(regexp_replace(text, "(\\.\\d*[1-9])0+$", "$1"), "\\.0+$", "");
    }
    return value.cast(DataTypes.StringType);
  }
}
