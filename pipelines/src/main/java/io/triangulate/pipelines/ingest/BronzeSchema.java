package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze's layouts. A tabular source's bronze table holds one lineage row per delivered file
 * ({@link #FILES}) next to a byte-exact copy of the file under the table's {@value #FILES_FOLDER}
 * folder; its rows are read from those copies ({@link BronzeLoader#rows}) in the {@link #tabular}
 * layout, every value the string delivered plus the lineage columns. Transcripts are kept as bytes
 * in {@link #INTERVIEW_TRANSCRIPTS}.
 */
public final class BronzeSchema {
  private BronzeSchema() {}

  /** Full path of the landing file the row came from. */
  public static final String SOURCE_FILE = "_source_file";
  /** The landing folder's date (yyyy-mm-dd); bronze tables are partitioned by it. */
  public static final String LANDING_DATE = "_landing_date";
  /** When the row was first ingested (UTC); kept when a rerun finds the same files. */
  public static final String INGESTED_AT = "_ingested_at";
  /** Id of the run that ingested the row. */
  public static final String RUN_ID = "_run_id";

  /** Size in bytes of the landing file; with the name and modification time it tells a rerun "same files". */
  public static final String SOURCE_FILE_SIZE = "_source_file_size";
  /** Modification time of the landing file (UTC). */
  public static final String SOURCE_FILE_MODIFIED_AT = "_source_file_modified_at";
  /** Encoding the file was decoded with, e.g. {@code UTF-8}, {@code windows-1252} or {@code UTF-16LE+BOM}. */
  public static final String SOURCE_ENCODING = "_source_encoding";
  /** Zone local timestamps of the source were read in (configured per source); null when none. */
  public static final String SOURCE_TIME_ZONE = "_source_time_zone";
  /** Where bronze keeps its copy of the landing file; the rows are read from it. */
  public static final String BRONZE_FILE = "_bronze_file";
  /**
   * Folder inside a bronze table that holds the copies, as {@code _files/<landing date>/<delivery>/<name>}.
   * Delta, VACUUM included, leaves folders whose name starts with an underscore alone.
   */
  public static final String FILES_FOLDER = "_files";
  /** The text of a line Spark could not split into the file's columns or parse as a JSON object; null otherwise. */
  public static final String CORRUPT_RECORD = "_corrupt_record";

  /**
   * Bronze rows of a tabular source, as {@link BronzeLoader#rows} reads them: every contract column
   * as a string (in contract order), the corrupt-line column, then the lineage columns. Columns a
   * file has beyond the contract are still in the file copy, but not in these rows.
   */
  public static StructType tabular(SourceContract contract) {
    StructType schema = new StructType();
    for (ContractColumn column : contract.columns()) {
      schema = schema.add(column.name(), StringType, true);
    }
    schema = schema.add(CORRUPT_RECORD, StringType, true);
    // Each row carries its file's lineage: the lineage row's columns, without where the copy lives.
    for (StructField field : FILES.fields()) {
      if (!field.name().equals(BRONZE_FILE)) {
        schema = schema.add(field);
      }
    }
    return schema;
  }

  /**
   * A tabular source's bronze table: one row per delivered file, partitioned by landing date. A
   * landing date's partition is replaced as a whole (one commit) when its files change.
   */
  public static final StructType FILES =
      new StructType()
          .add(SOURCE_FILE, StringType, false)
          .add(BRONZE_FILE, StringType, false)
          .add(SOURCE_FILE_SIZE, LongType, false)
          .add(SOURCE_FILE_MODIFIED_AT, TimestampType, false)
          .add(SOURCE_ENCODING, StringType, true)
          .add(SOURCE_TIME_ZONE, StringType, true)
          .add(INGESTED_AT, TimestampType, false)
          .add(RUN_ID, StringType, false)
          .add(LANDING_DATE, StringType, false);

  /** Raw transcripts: bytes as delivered, decoded and parsed only by code-interviews. */
  public static final StructType INTERVIEW_TRANSCRIPTS =
      new StructType()
          .add(SOURCE_FILE, StringType, false)
          .add("content", BinaryType, false)
          .add("content_hash", StringType, false) // sha-256 hex of content
          .add(INGESTED_AT, TimestampType, false)
          .add(RUN_ID, StringType, false)
          .add(LANDING_DATE, StringType, false);
}
