package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.delta.tables.DeltaTable;
import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.ingest.LandingFiles.LandingFile;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze for tabular sources: {@link #land} copies each landing file byte for byte into the bronze
 * table's {@value BronzeSchema#FILES_FOLDER} folder and commits one lineage row per file
 * ({@link BronzeSchema#FILES}); {@link #rows} reads a landing date's rows back from those copies,
 * every value the string delivered, with the lineage columns. Also decides whether a landing date is
 * already in bronze with the same files, so a rerun keeps the first ingestion's {@code _ingested_at}
 * and {@code _run_id}.
 *
 * <p>Why copies and not a table of rows: writing every row to bronze and again, typed, to silver
 * took two full Parquet writes per delivery, 2.7 times a plain read + write before any validation
 * (docs/benchmarks.md, Ingest). A copy costs a file-system copy, keeps the delivery byte-exact
 * (extra columns, original encoding) and still gives one commit per delivery.
 */
public final class BronzeLoader {
  private BronzeLoader() {}

  /** Lineage values shared by every row a run writes. */
  public record Lineage(LocalDate landingDate, String runId, Timestamp ingestedAt) {}

  /** One row of a bronze table: a delivered file, where bronze keeps its copy, how it was read. */
  public record BronzeFile(
      String sourceFile, String bronzeFile, long sizeBytes, Timestamp modifiedAt, String encoding,
      String timeZone, Timestamp ingestedAt, String runId, String landingDate) {

    Row toRow() {
      return RowFactory.create(
          sourceFile, bronzeFile, sizeBytes, modifiedAt, encoding, timeZone, ingestedAt, runId, landingDate);
    }

    static BronzeFile of(Row row) {
      return new BronzeFile(
          row.getAs(BronzeSchema.SOURCE_FILE), row.getAs(BronzeSchema.BRONZE_FILE),
          row.<Long>getAs(BronzeSchema.SOURCE_FILE_SIZE), row.getAs(BronzeSchema.SOURCE_FILE_MODIFIED_AT),
          row.getAs(BronzeSchema.SOURCE_ENCODING), row.getAs(BronzeSchema.SOURCE_TIME_ZONE),
          row.getAs(BronzeSchema.INGESTED_AT), row.getAs(BronzeSchema.RUN_ID), row.getAs(BronzeSchema.LANDING_DATE));
    }

    /**
     * The lineage row of a landing file read with {@code options}, bronze's copy of it at
     * {@code bronzeFile}: its encoding detected as ingest reads it (Parquet, binary, has none).
     */
    public static BronzeFile of(
        SparkSession spark, LandingFile file, String bronzeFile, SourceOptions options, Lineage lineage) {
      String encoding =
          ParquetLanding.isParquet(file) ? null : LandingText.detect(spark, file, options.encoding()).label();
      return new BronzeFile(
          file.path(), bronzeFile, file.sizeBytes(), new Timestamp(file.modifiedAtMillis()), encoding,
          options.timeZoneId(), lineage.ingestedAt(), lineage.runId(), lineage.landingDate().toString());
    }

    /** The reading options the file was landed with: its recorded encoding and zone. */
    SourceOptions options() {
      String charset = encoding == null ? null : encoding.replace("+BOM", "");
      return SourceOptions.of(charset, timeZone, BronzeSchema.SOURCE_ENCODING);
    }
  }

  /**
   * Lands a delivery: copies {@code files} into the bronze table at {@code bronzePath} and replaces
   * the landing date's lineage rows (one Delta commit, after every copy is complete, so a crash leaves
   * at most unreferenced copies). Each delivery gets a folder of its own, so the copies of an earlier
   * delivery of the same date stay readable until the commit. Returns the lineage rows committed, in
   * {@link #files} order.
   */
  public static List<BronzeFile> land(
      SparkSession spark, SourceContract contract, List<LandingFile> files, Lineage lineage,
      SourceOptions options, String bronzePath) {
    checkLayout(spark, bronzePath);
    String folder = bronzePath + "/" + BronzeSchema.FILES_FOLDER + "/" + lineage.landingDate() + "/"
        + UUID.randomUUID();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<BronzeFile> landed = new ArrayList<>();
    for (LandingFile file : files) {
      String copy = folder + "/" + file.name();
      copy(conf, file.path(), copy);
      landed.add(BronzeFile.of(spark, file, copy, options, lineage));
    }
    DeltaWrites.replacePartition(
        spark.createDataFrame(landed.stream().map(BronzeFile::toRow).toList(), BronzeSchema.FILES), bronzePath,
        BronzeSchema.LANDING_DATE, lineage.landingDate().toString(), TABLE_PROPERTIES);
    landed.sort(java.util.Comparator.comparing(BronzeFile::sourceFile));
    return landed;
  }

  /** The files bronze holds for one landing date, or for every date when {@code date} is null. */
  public static List<BronzeFile> files(SparkSession spark, String bronzePath, LocalDate date) {
    if (!DeltaTable.isDeltaTable(spark, bronzePath)) {
      return List.of();
    }
    checkLayout(spark, bronzePath);
    Dataset<Row> table = spark.read().format("delta").load(bronzePath);
    if (date != null) {
      table = table.where(col(BronzeSchema.LANDING_DATE).equalTo(date.toString()));
    }
    return table.select(Arrays.stream(BronzeSchema.FILES.fieldNames()).map(functions::col).toArray(Column[]::new))
        .orderBy(BronzeSchema.LANDING_DATE, BronzeSchema.SOURCE_FILE)
        .collectAsList().stream().map(BronzeFile::of).toList();
  }

  /**
   * The bronze rows of one landing date (every date when {@code date} is null), read from bronze's
   * copies of the delivered files, in {@link BronzeSchema#tabular} layout: each value as delivered,
   * with the lineage of its file. Empty when the table does not exist yet.
   */
  public static Dataset<Row> rows(SparkSession spark, SourceContract contract, String bronzePath, LocalDate date) {
    Dataset<Row> all = spark.createDataFrame(List.of(), BronzeSchema.tabular(contract));
    for (BronzeFile file : files(spark, bronzePath, date)) {
      LandingFile copy = new LandingFile(file.bronzeFile(), file.sizeBytes(), file.modifiedAt().getTime());
      all = all.unionByName(readFile(spark, contract, copy, file, file.options()));
    }
    return all;
  }

  /** Every bronze row of {@code contract}'s source, all landing dates, in {@link BronzeSchema#tabular} layout. */
  public static Dataset<Row> rows(SparkSession spark, Lake lake, SourceContract contract) {
    return rows(spark, contract, lake.path(contract.bronze()), null);
  }

  /**
   * Raw rows of landing files, in {@link BronzeSchema#tabular} layout, as {@link #rows} reads them
   * once the files are landed: what silver would be built from, without bronze.
   */
  public static Dataset<Row> readTabular(
      SparkSession spark, SourceContract contract, List<LandingFile> files, Lineage lineage, SourceOptions options) {
    Dataset<Row> all = spark.createDataFrame(List.of(), BronzeSchema.tabular(contract));
    for (LandingFile file : files) {
      BronzeFile uncopied = BronzeFile.of(spark, file, file.path(), options, lineage);
      all = all.unionByName(readFile(spark, contract, file, uncopied, options));
    }
    return all;
  }

  /**
   * One file's rows with {@code lineage} as literal columns. The file is read on its own so that
   * files with differently ordered headers are matched by name, not position; a {@code .parquet}
   * file is read as Parquet (see {@link ParquetLanding}), any other as the contract's text format.
   */
  private static Dataset<Row> readFile(
      SparkSession spark, SourceContract contract, LandingFile file, BronzeFile lineage, SourceOptions options) {
    StructType schema = BronzeSchema.tabular(contract);
    Dataset<Row> raw;
    if (ParquetLanding.isParquet(file)) {
      raw = ParquetLanding.read(spark, file, contract);
    } else {
      LandingText.Encoding encoding = LandingText.detect(spark, file, options.encoding());
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
      Column value = lineageColumn(name, lineage);
      if (value == null) {
        value = present.contains(name) ? col(name).cast(DataTypes.StringType) : lit(null);
      }
      columns.add(value.cast(field.dataType()).as(name));
    }
    return raw.select(columns.toArray(Column[]::new));
  }

  /** A lineage column of {@link BronzeSchema#tabular} as {@code lineage}'s value, or null for any other column. */
  static Column lineageColumn(String name, BronzeFile lineage) {
    return switch (name) {
      case BronzeSchema.SOURCE_FILE -> lit(lineage.sourceFile());
      case BronzeSchema.SOURCE_FILE_SIZE -> lit(lineage.sizeBytes());
      case BronzeSchema.SOURCE_FILE_MODIFIED_AT -> lit(lineage.modifiedAt());
      case BronzeSchema.SOURCE_ENCODING -> lit(lineage.encoding());
      case BronzeSchema.SOURCE_TIME_ZONE -> lit(lineage.timeZone());
      case BronzeSchema.INGESTED_AT -> lit(lineage.ingestedAt());
      case BronzeSchema.RUN_ID -> lit(lineage.runId());
      case BronzeSchema.LANDING_DATE -> lit(lineage.landingDate());
      default -> null;
    };
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
   * statistics. Bronze is only ever read by landing date, its partition column, so statistics
   * would cost every write (≈ 15 % of a row-per-record write such as the transcripts',
   * docs/benchmarks.md) and skip nothing.
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

  /**
   * Fails on a bronze table written before bronze held files (one row per delivered row): its
   * partitions cannot be read as files, and merging the two layouts would hide that.
   */
  private static void checkLayout(SparkSession spark, String bronzePath) {
    if (DeltaTable.isDeltaTable(spark, bronzePath)
        && !List.of(spark.read().format("delta").load(bronzePath).columns()).contains(BronzeSchema.BRONZE_FILE)) {
      throw UserError.at(bronzePath)
          .problem("this bronze table holds one row per delivered row, the layout of an earlier Triangulate")
          .expected("one row per delivered file with the column " + BronzeSchema.BRONZE_FILE)
          .found("no " + BronzeSchema.BRONZE_FILE + " column")
          .fix("move the table aside and ingest its landing dates again (triangulate ingest --date D)")
          .build();
    }
  }

  /**
   * Copies a file byte for byte. Local to local goes through {@link Files#copy} (no Hadoop checksum
   * file, and the kernel copies); anything else through the Hadoop file systems.
   */
  static void copy(Configuration conf, String from, String to) {
    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(from);
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(to);
    try {
      FileSystem sourceFs = source.getFileSystem(conf);
      FileSystem targetFs = target.getFileSystem(conf);
      if (sourceFs instanceof LocalFileSystem && targetFs instanceof LocalFileSystem) {
        java.nio.file.Path local = java.nio.file.Path.of(targetFs.makeQualified(target).toUri());
        Files.createDirectories(local.getParent());
        Files.copy(java.nio.file.Path.of(sourceFs.makeQualified(source).toUri()), local,
            StandardCopyOption.REPLACE_EXISTING);
      } else if (!FileUtil.copy(sourceFs, source, targetFs, target, false, true, conf)) {
        throw new IOException("the copy reported failure");
      }
    } catch (IOException e) {
      throw UserError.at(from)
          .problem("could not copy the landing file into bronze: " + e.getMessage())
          .expected("a readable landing file and a writable lake")
          .found(to)
          .fix("check the lake's permissions and free space, then rerun the date")
          .cause(e)
          .build();
    }
  }

  /** The rows of a bronze table that holds one row per record (transcripts), for one landing date. */
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
   * one fails before anything is written). One query over the date's lineage rows.
   */
  public static boolean holdsSameDelivery(
      SparkSession spark, String bronzePath, LocalDate date, List<LandingFile> files, SourceOptions options) {
    Set<String> stored = new HashSet<>();
    Set<String> zones = new HashSet<>();
    for (BronzeFile file : files(spark, bronzePath, date)) {
      stored.add(fingerprint(file.sourceFile(), file.sizeBytes(), file.modifiedAt().getTime()));
      zones.add(file.timeZone() == null ? "" : file.timeZone());
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
