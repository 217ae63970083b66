package io.triangulate.pipelines.adapters;

import io.triangulate.nlp.UserError;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An adapter's input folder. Fails early, naming the adapter and every file it expects, when a
 * file is missing; reads CSV files with every column as a string, as the data set wrote it.
 */
public final class AdapterInput {
  private final String folder;
  private final Adapter adapter;

  public AdapterInput(String folder, Adapter adapter) {
    this.folder = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    this.adapter = adapter;
  }

  public String folder() {
    return folder;
  }

  /** Full path of one of the adapter's input files; fails when it does not exist. */
  public String file(SparkSession spark, String name) {
    String path = folder + "/" + name;
    boolean exists;
    try {
      Path p = new Path(path);
      exists = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).isFile(p);
    } catch (IOException e) {
      exists = false;
    }
    if (!exists) {
      throw UserError.at(path)
          .problem("adapter " + adapter.name() + " needs this file and it is not there")
          .expected("a folder holding " + String.join(", ", adapter.inputFiles()))
          .found("no file " + name + " in " + folder)
          .fix("pass the data set's folder with --input (see docs/adapters.md)")
          .build();
    }
    return path;
  }

  /**
   * A CSV file with a header, every column a string. Quoted fields may span lines (review texts
   * do); values are kept untrimmed so the contract sees what the data set holds.
   */
  public Dataset<Row> csv(SparkSession spark, String name) {
    return spark.read()
        .option("header", "true")
        .option("multiLine", "true")
        .option("escape", "\"")
        .option("inferSchema", "false")
        .option("ignoreLeadingWhiteSpace", "false")
        .option("ignoreTrailingWhiteSpace", "false")
        .csv(file(spark, name));
  }

  /** A text file as one row per line (column {@code value}). */
  public Dataset<Row> lines(SparkSession spark, String name) {
    return spark.read().text(file(spark, name));
  }

  /** A file holding one JSON array of objects (not JSON Lines), every field a string. */
  public Dataset<Row> jsonArray(SparkSession spark, String name) {
    return spark.read().option("multiLine", "true").option("primitivesAsString", "true").json(file(spark, name));
  }
}
