package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.delta.tables.DeltaTable;
import io.triangulate.pipelines.ingest.LandingFiles.LandingFile;
import io.triangulate.pipelines.lake.DeltaWrites;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads landing files into bronze rows: every value as the string delivered, plus lineage. Also
 * decides whether a landing date is already in bronze with the same files, so a rerun keeps the
 * first ingestion's {@code _ingested_at} and {@code _run_id}.
 */
public final class BronzeLoader {
  private BronzeLoader() {}

  /** Lineage values shared by every row a run writes. */
  public record Lineage(LocalDate landingDate, String runId, Timestamp ingestedAt) {}

  /**
   * Raw rows of a tabular source's files, in {@link BronzeSchema#tabular} layout. Each file is read
   * on its own so that files with differently ordered headers are matched by name, not position;
   * a {@code .parquet} file is read as Parquet (see {@link ParquetLanding}), any other as the
   * contract's text format.
   */
  public static Dataset<Row> readTabular(
      SparkSession spark, SourceContract contract, List<LandingFile> files, Lineage lineage) {
    return readTabular(spark, contract, files, lineage, SourceOptions.DEFAULT);
  }

  /**
   * {@link #readTabular(SparkSession, SourceContract, List, Lineage)} with the source's encoding and
   * time zone; both are recorded per row ({@code _source_encoding}, {@code _source_time_zone}).
   */
  public static Dataset<Row> readTabular(
      SparkSession spark, SourceContract contract, List<LandingFile> files, Lineage lineage, SourceOptions options) {
    StructType schema = BronzeSchema.tabular(contract);
    Dataset<Row> all = spark.createDataFrame(List.of(), schema);
    for (LandingFile file : files) {
      String encodingLabel = null; // Parquet is binary: no text encoding
      Dataset<Row> raw;
      if (ParquetLanding.isParquet(file)) {
        raw = ParquetLanding.read(spark, file, contract);
      } else {
        LandingText.Encoding encoding = LandingText.detect(spark, file, options.encoding());
        encodingLabel = encoding.label();
        // Plain UTF-8 is read by Spark from the file; anything else is decoded (strictly) first.
        Dataset<String> decoded =
            encoding.isPlainUtf8()
                ? null
                : spark.createDataset(LandingText.lines(spark, file, encoding), Encoders.STRING());
        raw =
            contract.isJsonLines()
                ? readJsonLines(spark, contract, file, decoded)
                : readCsv(spark, file, LandingFiles.checkCsvHeader(spark, file, contract, options), decoded);
      }
      Set<String> present = Set.of(raw.columns());
      List<Column> columns = new ArrayList<>();
      for (StructField field : schema.fields()) {
        String name = field.name();
        Column value =
            switch (name) {
              case BronzeSchema.SOURCE_FILE -> lit(file.path());
              case BronzeSchema.SOURCE_FILE_SIZE -> lit(file.sizeBytes());
              case BronzeSchema.SOURCE_FILE_MODIFIED_AT -> lit(new Timestamp(file.modifiedAtMillis()));
              case BronzeSchema.SOURCE_ENCODING -> lit(encodingLabel);
              case BronzeSchema.SOURCE_TIME_ZONE -> lit(options.timeZoneId());
              case BronzeSchema.INGESTED_AT -> lit(lineage.ingestedAt());
              case BronzeSchema.RUN_ID -> lit(lineage.runId());
              case BronzeSchema.LANDING_DATE -> lit(lineage.landingDate().toString());
              default -> present.contains(name) ? col(name).cast(DataTypes.StringType) : lit(null);
            };
        columns.add(value.cast(field.dataType()).as(name));
      }
      all = all.unionByName(raw.select(columns.toArray(Column[]::new)));
    }
    return all;
  }

  /**
   * Reads a CSV file with the schema of its own header (already checked), every column a string.
   * A line with more or fewer fields than the header keeps its text in the corrupt-record column,
   * so a stray comma (say a decimal comma) becomes a quarantined row instead of shifted values.
   */
  private static Dataset<Row> readCsv(SparkSession spark, LandingFile file, List<String> header, Dataset<String> decoded) {
    StructType schema = new StructType();
    for (String name : header) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    schema = schema.add(BronzeSchema.CORRUPT_RECORD, DataTypes.StringType, true);
    var reader = spark.read()
        .schema(schema)
        .option("header", "true")
        .option("enforceSchema", "true") // the schema is the header itself, positionally
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", BronzeSchema.CORRUPT_RECORD)
        .option("escape", "\"");
    return decoded == null ? reader.csv(file.path()) : reader.csv(decoded);
  }

  private static Dataset<Row> readJsonLines(
      SparkSession spark, SourceContract contract, LandingFile file, Dataset<String> decoded) {
    // Every field as a string: Spark keeps a nested object (attributes) as its JSON text.
    StructType schema = new StructType();
    for (String name : contract.columnNames()) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    schema = schema.add(BronzeSchema.CORRUPT_RECORD, DataTypes.StringType, true);
    var reader = spark.read()
        .schema(schema)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", BronzeSchema.CORRUPT_RECORD);
    return decoded == null ? reader.json(file.path()) : reader.json(decoded);
  }

  /**
   * Table properties of a bronze table, set when the first write creates it: no per-column Delta
   * statistics. Bronze is only ever read by landing date, its partition column, so statistics on
   * its sixteen string and lineage columns would cost every write (≈ 15 % of it, docs/benchmarks.md)
   * and skip nothing.
   */
  public static final Map<String, String> TABLE_PROPERTIES = Map.of("delta.dataSkippingNumIndexedCols", "0");

  /** Replaces bronze's partition of {@code date} with {@code raw} (one Delta commit). */
  public static void write(Dataset<Row> raw, String bronzePath, LocalDate date) {
    DeltaWrites.replacePartition(raw, bronzePath, BronzeSchema.LANDING_DATE, date.toString(), TABLE_PROPERTIES);
  }

  /** Transcripts as raw bytes with their sha-256, in {@link BronzeSchema#INTERVIEW_TRANSCRIPTS} layout. */
  public static Dataset<Row> readTranscripts(SparkSession spark, List<LandingFile> files, Lineage lineage) {
    String[] paths = files.stream().map(LandingFile::path).toArray(String[]::new);
    Dataset<Row> raw = spark.read().format("binaryFile").load(paths);
    return raw.select(
        col("path").as(BronzeSchema.SOURCE_FILE),
        col("content"),
        sha2(col("content"), 256).as("content_hash"),
        lit(lineage.ingestedAt()).as(BronzeSchema.INGESTED_AT),
        lit(lineage.runId()).as(BronzeSchema.RUN_ID),
        lit(lineage.landingDate().toString()).as(BronzeSchema.LANDING_DATE));
  }

  /** The rows bronze holds for one landing date (empty when the table does not exist yet). */
  public static Dataset<Row> partition(SparkSession spark, String bronzePath, LocalDate date, StructType schema) {
    if (!DeltaTable.isDeltaTable(spark, bronzePath)) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().format("delta").load(bronzePath)
        .where(col(BronzeSchema.LANDING_DATE).equalTo(date.toString()));
  }

  /**
   * Whether bronze already holds this landing date from exactly these files (same names, sizes and
   * modification times) read with the same time zone (encodings are detected per file, and a wrong
   * one fails before anything is written). One query over the date's lineage columns. A file that
   * contributed no rows (header only) cannot be recognised, so such a delivery is simply written again.
   */
  public static boolean holdsSameDelivery(
      SparkSession spark, String bronzePath, LocalDate date, List<LandingFile> files, SourceOptions options) {
    if (!DeltaTable.isDeltaTable(spark, bronzePath)) {
      return false;
    }
    Dataset<Row> rows = spark.read().format("delta").load(bronzePath)
        .where(col(BronzeSchema.LANDING_DATE).equalTo(date.toString()));
    // Bronze written before the zone column existed was read without a zone.
    Column zone =
        List.of(rows.columns()).contains(BronzeSchema.SOURCE_TIME_ZONE)
            ? col(BronzeSchema.SOURCE_TIME_ZONE)
            : lit(null).cast(DataTypes.StringType);
    Set<String> stored = new HashSet<>();
    Set<String> zones = new HashSet<>();
    for (Row row :
        rows.select(col(BronzeSchema.SOURCE_FILE), col(BronzeSchema.SOURCE_FILE_SIZE),
                col(BronzeSchema.SOURCE_FILE_MODIFIED_AT), zone)
            .distinct()
            .collectAsList()) {
      stored.add(fingerprint(row.getString(0), row.getLong(1), row.getTimestamp(2).getTime()));
      zones.add(row.isNullAt(3) ? "" : row.getString(3));
    }
    Set<String> delivered = new HashSet<>();
    for (LandingFile file : files) {
      delivered.add(fingerprint(file.path(), file.sizeBytes(), file.modifiedAtMillis()));
    }
    String wanted = options.timeZone() == null ? "" : options.timeZoneId();
    return !stored.isEmpty() && stored.equals(delivered) && zones.equals(Set.of(wanted));
  }

  /** Whether bronze already holds this landing date's transcripts with the same paths and content hashes. */
  public static boolean holdsSameTranscripts(SparkSession spark, String bronzePath, LocalDate date, Dataset<Row> transcripts) {
    if (!DeltaTable.isDeltaTable(spark, bronzePath)) {
      return false;
    }
    Set<String> stored = pathsAndHashes(partition(spark, bronzePath, date, null));
    return !stored.isEmpty() && stored.equals(pathsAndHashes(transcripts));
  }

  private static Set<String> pathsAndHashes(Dataset<Row> transcripts) {
    Set<String> result = new HashSet<>();
    for (Row row : transcripts.select(BronzeSchema.SOURCE_FILE, "content_hash").collectAsList()) {
      result.add(row.getString(0) + "\n" + row.getString(1));
    }
    return result;
  }

  // By file name: the same delivery read through another lake URI is still the same delivery.
  private static String fingerprint(String path, long size, long modifiedAtMillis) {
    return path.substring(path.lastIndexOf('/') + 1) + "\n" + size + "\n" + modifiedAtMillis;
  }
}
