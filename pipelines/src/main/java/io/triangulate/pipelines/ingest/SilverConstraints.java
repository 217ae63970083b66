package io.triangulate.pipelines.ingest;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta constraints of a silver table, declared from its contract: every required column is
 * NOT NULL, and every required text column has a CHECK that it is not blank. Validation already
 * quarantines such rows; the constraints make the table itself refuse them, whoever writes to it
 * (a notebook, a backfill, a future stage), so silver's guarantees do not rest on one code path.
 *
 * <p>A new silver table is created empty with its constraints before the first insert, so checking
 * them costs nothing then; a table created before constraints existed gets the missing ones added
 * (Delta checks the rows already in it once), NOT NULL as a CHECK since Delta cannot make an existing
 * column non-nullable.
 */
public final class SilverConstraints {
  private SilverConstraints() {}

  /** The CHECK that no required text column is blank. */
  public static final String NOT_BLANK = "required_text_not_blank";
  /** The CHECK that no required column is null, on tables created before NOT NULL was declared. */
  public static final String NOT_NULL = "required_not_null";

  /**
   * The CHECK constraints of {@code contract}'s silver table: name → SQL expression. One constraint
   * over all columns rather than one per column: each is a Delta commit of its own, and a violation
   * message still shows every referenced column's value.
   */
  public static Map<String, String> checks(SourceContract contract) {
    List<String> notBlank = new ArrayList<>();
    for (ContractColumn c : contract.columns()) {
      if (c.required() && c.type().equals(DataTypes.StringType)) {
        notBlank.add("trim(" + c.name() + ") <> ''");
      }
    }
    return notBlank.isEmpty() ? Map.of() : Map.of(NOT_BLANK, String.join(" AND ", notBlank));
  }

  /** Table property naming the columns Delta keeps per-file statistics on. */
  public static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  /**
   * The columns of {@code contract}'s silver table that Delta keeps per-file statistics (min, max,
   * nulls) on, set when the table is created: the natural key, {@code customer_id} and the
   * timestamps, the columns later stages and MERGE filter on. Statistics on every column (Delta's
   * default, the first 32) cost each write a pass over every value, text and maps included, for
   * columns no query skips files by (see docs/operations.md).
   */
  public static List<String> statsColumns(SourceContract contract) {
    List<String> columns = new ArrayList<>();
    for (ContractColumn c : contract.columns()) {
      if (contract.naturalKey().contains(c.name()) || c.name().equals("customer_id")
          || c.type().equals(DataTypes.TimestampType)) {
        columns.add(c.name());
      }
    }
    return columns;
  }

  /** The columns that are NOT NULL in {@code contract}'s silver table. */
  public static List<String> notNull(SourceContract contract) {
    List<String> columns = new ArrayList<>();
    for (ContractColumn c : contract.columns()) {
      if (c.required()) {
        columns.add(c.name());
      }
    }
    return columns;
  }

  /**
   * Makes sure the silver table at {@code path} exists with its constraints: creates it empty with
   * {@code schema} (required columns NOT NULL) when absent, and adds constraints it lacks.
   */
  public static boolean ensure(SparkSession spark, String path, SourceContract contract, StructType schema) {
    List<String> required = notNull(contract);
    boolean created = !DeltaTable.isDeltaTable(spark, path);
    if (created) {
      StructType declared = new StructType();
      for (StructField f : schema.fields()) {
        declared = declared.add(f.name(), f.dataType(), !required.contains(f.name()), f.metadata());
      }
      DeltaTable.createIfNotExists(spark).location(path).addColumns(declared)
          .property(STATS_COLUMNS, String.join(",", statsColumns(contract)))
          .execute();
    }
    DeltaTable table = DeltaTable.forPath(spark, path);
    StructType current = table.toDF().schema();
    String name = "delta.`" + path.replace("`", "``") + "`";
    Row detail = table.detail().select("properties").first();
    Map<String, String> properties = detail.getJavaMap(0);
    Map<String, String> wanted = new LinkedHashMap<>(checks(contract));
    List<String> nullable = new ArrayList<>();
    for (String column : required) {
      // Delta cannot make an existing column NOT NULL; a CHECK says the same for older tables.
      if (List.of(current.fieldNames()).contains(column) && current.apply(column).nullable()) {
        nullable.add(column + " IS NOT NULL");
      }
    }
    if (!nullable.isEmpty()) {
      wanted.put(NOT_NULL, String.join(" AND ", nullable));
    }
    for (Map.Entry<String, String> check : wanted.entrySet()) {
      if (!properties.containsKey("delta.constraints." + check.getKey().toLowerCase(Locale.ROOT))) {
        spark.sql("ALTER TABLE " + name + " ADD CONSTRAINT " + check.getKey() + " CHECK (" + check.getValue() + ")");
      }
    }
    return created;
  }
}
