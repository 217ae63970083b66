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

  /** The CHECK constraints of {@code contract}'s silver table: name → SQL expression. */
  public static Map<String, String> checks(SourceContract contract) {
    Map<String, String> checks = new LinkedHashMap<>();
    for (ContractColumn c : contract.columns()) {
      if (c.required() && c.type().equals(DataTypes.StringType)) {
        checks.put(c.name() + "_not_blank", "trim(" + c.name() + ") <> ''");
      }
    }
    return checks;
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
  public static void ensure(SparkSession spark, String path, SourceContract contract, StructType schema) {
    List<String> required = notNull(contract);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      StructType declared = new StructType();
      for (StructField f : schema.fields()) {
        declared = declared.add(f.name(), f.dataType(), !required.contains(f.name()), f.metadata());
      }
      DeltaTable.createIfNotExists(spark).location(path).addColumns(declared).execute();
    }
    DeltaTable table = DeltaTable.forPath(spark, path);
    StructType current = table.toDF().schema();
    String name = "delta.`" + path.replace("`", "``") + "`";
    Row detail = table.detail().select("properties").first();
    Map<String, String> properties = detail.getJavaMap(0);
    Map<String, String> wanted = new LinkedHashMap<>(checks(contract));
    for (String column : required) {
      // Delta cannot make an existing column NOT NULL; a CHECK says the same for older tables.
      if (List.of(current.fieldNames()).contains(column) && current.apply(column).nullable()) {
        wanted.put(column + "_not_null", column + " IS NOT NULL");
      }
    }
    for (Map.Entry<String, String> check : wanted.entrySet()) {
      if (!properties.containsKey("delta.constraints." + check.getKey().toLowerCase(Locale.ROOT))) {
        spark.sql("ALTER TABLE " + name + " ADD CONSTRAINT " + check.getKey() + " CHECK (" + check.getValue() + ")");
      }
    }
  }
}
