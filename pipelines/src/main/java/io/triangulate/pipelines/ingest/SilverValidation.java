package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Bronze rows of one landing date → typed, validated, deduplicated rows. Pure functions of the
 * bronze rows, so the same bronze always gives the same silver and quarantine.
 *
 * <p>{@link #classify} adds {@value #RULE}, {@value #REASON} and one typed column per contract column
 * (prefixed {@value #TYPED}); {@link #markDuplicates} adds {@value #IS_DUPLICATE}; {@link #toSilver}
 * keeps the contract columns plus {@code _source_file} and {@code _landing_date}. The raw row as JSON
 * ({@link #raw}) is only built where it is needed: for rejects and to break ties between duplicates.
 */
public final class SilverValidation {
  private SilverValidation() {}

  /** The rule a row failed, null when it passed. */
  public static final String RULE = "_rule";
  /** Human sentence naming the column and the value found. */
  public static final String REASON = "_reason";
  /** Prefix of the typed value columns. */
  public static final String TYPED = "_typed_";
  /** True for a valid row that lost deduplication to another row with the same natural key. */
  public static final String IS_DUPLICATE = "_is_duplicate";

  /**
   * Validates every row against the contract: first failed rule wins (malformed, required, type).
   * One projection, compiled into whole-stage code: the typed value of a column and its type check
   * are the same expression, evaluated once (subexpression elimination).
   */
  public static Dataset<Row> classify(Dataset<Row> bronze, SourceContract contract) {
    Column zone = zone(bronze);
    List<Column> kept = new ArrayList<>();
    for (String name : bronze.columns()) {
      kept.add(col(name));
    }
    for (ContractColumn column : contract.columns()) {
      kept.add(typed(column, zone).as(TYPED + column.name()));
    }

    List<Column> failures = new ArrayList<>();
    Column corrupt = col(BronzeSchema.CORRUPT_RECORD);
    String problem =
        contract.isJsonLines()
            ? "the line is not a JSON object; found "
            : "the line does not have the header's number of fields (a stray comma?); found ";
    failures.add(
        when(corrupt.isNotNull(), failure(ValidationRule.MALFORMED, concat(lit(problem), quoted(corrupt)))));
    for (ContractColumn column : contract.columns()) {
      if (column.required()) {
        Column raw = col(column.name());
        failures.add(
            when(ContractTypes.isBlank(raw),
                failure(ValidationRule.REQUIRED,
                    concat(lit("required column " + column.name() + " is empty; found "), quoted(raw)))));
      }
    }
    for (ContractColumn column : contract.columns()) {
      if (!column.type().equals(DataTypes.StringType)) {
        Column raw = col(column.name());
        failures.add(
            when(ContractTypes.isBlank(raw).unary_$bang().and(typed(column, zone).isNull()),
                failure(ValidationRule.TYPE,
                    concat(lit("column " + column.name() + " expected " + ContractTypes.expected(column.type())
                        + "; found "), quoted(raw)))));
      }
    }
    kept.add(coalesce(failures.toArray(Column[]::new)).as("_failure"));
    return bronze
        .select(kept.toArray(Column[]::new))
        .withColumn(RULE, col("_failure.rule"))
        .withColumn(REASON, col("_failure.reason"))
        .drop("_failure");
  }

  private static Column typed(ContractColumn column, Column zone) {
    return ContractTypes.parse(col(column.name()), column.type(), zone);
  }

  /** All raw string columns of a bronze row as one JSON object (nulls left out): the quarantine's {@code raw}. */
  public static Column raw(SourceContract contract) {
    List<Column> rawColumns = new ArrayList<>();
    for (String name : contract.columnNames()) {
      rawColumns.add(col(name));
    }
    rawColumns.add(col(BronzeSchema.CORRUPT_RECORD));
    return to_json(struct(rawColumns.toArray(Column[]::new)));
  }

  /**
   * Natural keys (typed, as {@value #TYPED}-prefixed columns) that more than one bronze row carries.
   * Only the key columns are read and no row is validated, so this is a superset of the keys
   * {@link #markDuplicates} can mark: rows outside it can never be duplicates.
   */
  public static Dataset<Row> repeatedKeys(Dataset<Row> bronze, SourceContract contract) {
    Column zone = zone(bronze);
    List<Column> keys = new ArrayList<>();
    Column present = lit(true);
    for (ContractColumn column : contract.columns()) {
      if (!contract.naturalKey().contains(column.name())) {
        continue;
      }
      String key = column.name();
      keys.add(ContractTypes.parse(col(key), column.type(), zone).as(TYPED + key));
      present = present.and(col(TYPED + key).isNotNull());
    }
    Column[] names = contract.naturalKey().stream().map(k -> col(TYPED + k)).toArray(Column[]::new);
    return bronze.select(keys.toArray(Column[]::new))
        .where(present)
        .groupBy(names)
        .count()
        .where(col("count").gt(1))
        .select(names);
  }

  /**
   * Among valid rows, marks all but one row per natural key as duplicates. The kept row is the last
   * by the contract's first timestamp column, then {@code _source_file}, then the raw row's JSON, so
   * the choice does not depend on partitioning or file order.
   */
  public static Dataset<Row> markDuplicates(Dataset<Row> classified, SourceContract contract) {
    Column[] keys = contract.naturalKey().stream().map(k -> col(TYPED + k)).toArray(Column[]::new);
    List<Column> order = new ArrayList<>();
    contract.columns().stream()
        .filter(c -> c.type().equals(DataTypes.TimestampType))
        .findFirst()
        .ifPresent(c -> order.add(col(TYPED + c.name()).desc_nulls_last()));
    order.add(col(BronzeSchema.SOURCE_FILE).desc());
    order.add(raw(contract).desc());
    Column rank = row_number().over(Window.partitionBy(keys).orderBy(order.toArray(Column[]::new)));
    Dataset<Row> valid = classified.where(col(RULE).isNull()).withColumn(IS_DUPLICATE, rank.gt(1));
    Dataset<Row> rejected = classified.where(col(RULE).isNotNull()).withColumn(IS_DUPLICATE, lit(false));
    return valid.unionByName(rejected);
  }

  /** Valid, non-duplicate rows as silver: contract columns typed, then {@code _source_file}, {@code _landing_date}. */
  public static Dataset<Row> toSilver(Dataset<Row> marked, SourceContract contract) {
    List<Column> columns = new ArrayList<>();
    for (ContractColumn column : contract.columns()) {
      columns.add(col(TYPED + column.name()).cast(column.type()).as(column.name()));
    }
    columns.add(col(BronzeSchema.SOURCE_FILE));
    columns.add(col(BronzeSchema.LANDING_DATE));
    return marked
        .where(col(RULE).isNull().and(col(IS_DUPLICATE).unary_$bang()))
        .select(columns.toArray(Column[]::new));
  }

  /** The zone recorded in bronze, so silver stays a function of bronze; bronze written before the column existed has none. */
  private static Column zone(Dataset<Row> bronze) {
    return List.of(bronze.columns()).contains(BronzeSchema.SOURCE_TIME_ZONE)
        ? col(BronzeSchema.SOURCE_TIME_ZONE)
        : lit(null).cast(DataTypes.StringType);
  }

  private static Column failure(ValidationRule rule, Column reason) {
    return struct(lit(rule.id()).as("rule"), reason.as("reason"));
  }

  private static Column quoted(Column value) {
    Column shown =
        when(value.isNull(), lit("nothing"))
            .otherwise(
                concat(lit("'"),
                    when(org.apache.spark.sql.functions.length(value).gt(120),
                            concat(substring(value, 1, 117), lit("...")))
                        .otherwise(value),
                    lit("'")));
    return shown;
  }
}
