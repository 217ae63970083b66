package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/** Lineage columns every bronze row carries, and the schema of {@code bronze/interview_transcripts}. */
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
