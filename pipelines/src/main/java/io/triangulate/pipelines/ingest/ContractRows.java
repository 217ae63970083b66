package io.triangulate.pipelines.ingest;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;

/**
 * {@link SilverValidation#classify} for one row in plain Java: the raw strings of a row (contract
 * columns, then the corrupt record) → typed values, and the first rule the row fails with its reason,
 * worded exactly as {@code classify} words it. {@code ContractRowsTest} checks the two agree.
 *
 * <p>Used by ingest's JSON Lines path ({@link JsonLinesPass}), one row at a time.
 */
public final class ContractRows {
  private final SourceContract contract;
  private final List<ContractColumn> columns;

  public ContractRows(SourceContract contract) {
    this.contract = contract;
    this.columns = contract.columns();
  }

  /** A row's typed values (contract order; null where absent or unreadable) and its failure, if any. */
  public record Classified(Object[] typed, ValidationRule rule, String reason) {
    public boolean isValid() {
      return rule == null;
    }
  }

  /**
   * @param raw the contract columns' raw strings in contract order, then the corrupt record
   * @param localZone the source's zone id for local timestamps, or null
   */
  public Classified classify(String[] raw, String localZone) {
    Object[] typed = new Object[columns.size()];
    for (int i = 0; i < typed.length; i++) {
      typed[i] = parse(raw[i], columns.get(i).type(), localZone);
    }
    String corrupt = raw[columns.size()];
    if (corrupt != null) {
      String problem =
          contract.isJsonLines()
              ? "the line is not a JSON object; found "
              : "the line does not have the header's number of fields (a stray comma?); found ";
      return new Classified(typed, ValidationRule.MALFORMED, problem + quoted(corrupt));
    }
    for (int i = 0; i < typed.length; i++) {
      ContractColumn column = columns.get(i);
      if (column.required() && ContractParsers.present(raw[i]) == null) {
        return new Classified(typed, ValidationRule.REQUIRED,
            "required column " + column.name() + " is empty; found " + quoted(raw[i]));
      }
    }
    for (int i = 0; i < typed.length; i++) {
      ContractColumn column = columns.get(i);
      if (!column.type().equals(DataTypes.StringType) && typed[i] == null
          && ContractParsers.present(raw[i]) != null) {
        return new Classified(typed, ValidationRule.TYPE,
            "column " + column.name() + " expected " + ContractTypes.expected(column.type()) + "; found "
                + quoted(raw[i]));
      }
    }
    return new Classified(typed, null, null);
  }

  static Object parse(String raw, DataType type, String localZone) {
    if (type.equals(DataTypes.StringType)) {
      return ContractParsers.present(raw);
    } else if (type.equals(DataTypes.TimestampType)) {
      return ContractParsers.timestamp(raw, localZone);
    } else if (type.equals(DataTypes.IntegerType)) {
      return ContractParsers.integer(raw);
    } else if (type instanceof DecimalType decimal) {
      return ContractParsers.decimal(raw, decimal.precision(), decimal.scale());
    } else if (type instanceof MapType) {
      return ContractParsers.stringMap(raw);
    }
    throw new IllegalArgumentException("no parser for contract type " + type.simpleString());
  }

  /** As {@code SilverValidation.quoted}: "nothing", or the value in quotes cut to 120 characters. */
  static String quoted(String value) {
    if (value == null) {
      return "nothing";
    }
    int characters = value.codePointCount(0, value.length());
    if (characters > 120) {
      return "'" + value.substring(0, value.offsetByCodePoints(0, 117)) + "...'";
    }
    return "'" + value + "'";
  }
}
