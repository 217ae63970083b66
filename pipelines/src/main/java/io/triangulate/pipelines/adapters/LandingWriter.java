package io.triangulate.pipelines.adapters;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.ingest.ContractColumn;
import io.triangulate.pipelines.ingest.SourceContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * Writes an adapter's rows as one landing file in the contract's format, named after the adapter
 * ({@code landing/<source>/<date>/<adapter>.csv} or {@code .jsonl}), so several adapters can
 * deliver the same source on the same date and a rerun replaces only its own file.
 */
public final class LandingWriter {
  private LandingWriter() {}

  /** Writes {@code rows} (contract columns by name) to {@code folder}; returns the file's path. */
  public static String write(Dataset<Row> rows, SourceContract contract, String folder, String fileStem) {
    Set<String> present = Set.of(rows.columns());
    List<Column> columns = new ArrayList<>();
    for (ContractColumn column : contract.columns()) {
      String name = column.name();
      Column value = present.contains(name) ? col(name) : lit(null);
      // CSV holds strings only; JSON Lines keeps a map as a nested object.
      boolean nested = contract.isJsonLines() && column.type() instanceof MapType;
      columns.add((nested ? value.cast(column.type()) : value.cast(DataTypes.StringType)).as(name));
    }
    Dataset<Row> landing = rows.select(columns.toArray(Column[]::new)).coalesce(1);
    String extension = contract.isJsonLines() ? ".jsonl" : ".csv";
    // Spark writes a folder of part files; write next to the target under a name ingest ignores
    // (leading underscore), then move the single part into place.
    String staging = folder + "/_" + fileStem + ".staging";
    if (contract.isJsonLines()) {
      landing.write().mode(SaveMode.Overwrite).json(staging);
    } else {
      landing.write().mode(SaveMode.Overwrite)
          .option("header", "true")
          .option("escape", "\"") // quotes doubled, as BronzeLoader reads them
          .option("ignoreLeadingWhiteSpace", "false")
          .option("ignoreTrailingWhiteSpace", "false")
          .csv(staging);
    }
    String target = folder + "/" + fileStem + extension;
    try {
      Path stagingPath = new Path(staging);
      FileSystem fs = stagingPath.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration());
      Path part = null;
      for (FileStatus status : fs.listStatus(stagingPath)) {
        if (status.getPath().getName().startsWith("part-")) {
          part = status.getPath();
        }
      }
      Path targetPath = new Path(target);
      fs.delete(targetPath, false);
      if (part == null || !fs.rename(part, targetPath)) {
        throw new IOException("could not move " + part + " to " + target);
      }
      fs.delete(stagingPath, true);
    } catch (IOException e) {
      throw UserError.at(target)
          .problem("the landing file cannot be written")
          .expected("a writable landing folder")
          .found(e.getClass().getSimpleName() + ": " + e.getMessage())
          .fix("check the lake's permissions and free space")
          .cause(e)
          .build();
    }
    return target;
  }
}
