package io.triangulate.pipelines.lake;

import io.delta.tables.DeltaTable;
import io.triangulate.nlp.UserError;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lake root and where each table lives under it. The root is a local folder or any Hadoop
 * file-system URI (s3a://, abfss://, gs://), so moving to object storage is a flag.
 */
public final class Lake {
  private final String root;

  public Lake(String root) {
    String trimmed = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.root = trimmed.isEmpty() ? "." : trimmed;
  }

  public String root() {
    return root;
  }

  public String path(LakeTable table) {
    return root + "/" + table.layer().folder() + "/" + table.name();
  }

  /** Where files for one source and landing date arrive: {@code landing/<source>/<yyyy-mm-dd>/}. */
  public String landing(String source, LocalDate date) {
    return root + "/landing/" + source + "/" + date;
  }

  /** Folder of the report for one run date: {@code reports/<yyyy-mm-dd>/}. */
  public String reportDir(LocalDate date) {
    return root + "/reports/" + date;
  }

  public boolean exists(SparkSession spark, LakeTable table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** Reads a table, or fails naming the stage that should have written it. */
  public Dataset<Row> read(SparkSession spark, LakeTable table) {
    if (!exists(spark, table)) {
      throw UserError.at(path(table))
          .problem("table " + table + " does not exist yet")
          .expected("a Delta table written by an earlier stage")
          .fix("run the stages in order (ingest, code-interviews, journeys, validate, report) or `triangulate nightly --date D`")
          .build();
    }
    return spark.read().format("delta").load(path(table));
  }
}
