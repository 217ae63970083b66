package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Layout of {@code quarantine/<table>}: rejected rows as delivered, with the rule they failed and
 * why. Partitioned by {@code _landing_date} and replaced per landing date, so a rerun leaves it the
 * same and a corrected redelivery clears the old rejects.
 */
public final class Quarantine {
  private Quarantine() {}

  public static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            field("raw", "the row's raw string columns as one JSON object (empty columns left out)"),
            field("rule", "the rule the row failed: malformed, required or type"),
            field("reason", "sentence naming the column, what was expected and the value found"),
            field(BronzeSchema.SOURCE_FILE, "landing file the row came from"),
            field(BronzeSchema.RUN_ID, "run that ingested the row into bronze"),
            field(BronzeSchema.LANDING_DATE, "landing date (partition)"),
          });

  /**
   * Rejected rows of {@link SilverValidation#classify} in quarantine layout. The raw row's JSON is
   * built here, after the filter, so valid rows never pay for it.
   */
  public static Dataset<Row> rejects(Dataset<Row> classified, SourceContract contract) {
    return classified
        .where(col(SilverValidation.RULE).isNotNull())
        .select(
            SilverValidation.raw(contract).as("raw"),
            col(SilverValidation.RULE).as("rule"),
            col(SilverValidation.REASON).as("reason"),
            col(BronzeSchema.SOURCE_FILE),
            col(BronzeSchema.RUN_ID),
            col(BronzeSchema.LANDING_DATE));
  }

  private static StructField field(String name, String comment) {
    return DataTypes.createStructField(name, DataTypes.StringType, true).withComment(comment);
  }
}
