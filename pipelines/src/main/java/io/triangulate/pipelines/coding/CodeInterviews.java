package io.triangulate.pipelines.coding;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaTable;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.pipelines.ingest.BronzeSchema;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code-interviews stage: {@code bronze/interview_transcripts} to {@code silver/interviews} and
 * {@code silver/coded_segments}.
 *
 * <p>Coding is the expensive step (CoreNLP), so a run codes only transcripts whose
 * (interview, content hash, codebook version) is not in {@code silver/interviews} yet; a rerun
 * without new texts or a new codebook codes nothing. A transcript that cannot be read is skipped and
 * reported, so one bad file does not stop the nightly.
 */
public final class CodeInterviews {
  private static final Logger LOG = LoggerFactory.getLogger(CodeInterviews.class);
  private static final StructType FAILURES =
      new StructType().add("source_file", DataTypes.StringType, false).add("message", DataTypes.StringType, false);

  private CodeInterviews() {}

  /** One {@link CodedSegmentSchema#INTERVIEWS} row per readable transcript, with the default codebook. */
  public static Dataset<Row> interviews(Dataset<Row> transcripts) {
    return interviews(transcripts, Codebook.defaultCustomerJourney());
  }

  /** One {@link CodedSegmentSchema#INTERVIEWS} row per readable transcript, marked as coded with {@code codebook}. */
  public static Dataset<Row> interviews(Dataset<Row> transcripts, Codebook codebook) {
    return transcripts.mapPartitions(
        new TranscriptRows.ToInterviews(codebook.id(), codebook.version(), java8Dates(transcripts)),
        Encoders.row(CodedSegmentSchema.INTERVIEWS));
  }

  /**
   * {@link CodedSegmentSchema#CODED_SEGMENTS} rows: every respondent sentence of a readable,
   * supported-language transcript that matched a code.
   *
   * @param codebookYaml the codebook's YAML text ({@link Codebook#yaml()}); null for the default codebook
   */
  public static Dataset<Row> codedSegments(Dataset<Row> transcripts, String codebookYaml) {
    String yaml = codebook(codebookYaml).yaml();
    return transcripts.mapPartitions(
        new SentenceCoding.ToCodedRows<>(yaml, true, new TranscriptRows.Segments()), Encoders.row(CodedSegmentSchema.CODED_SEGMENTS));
  }

  /** (source_file, message) for each transcript that cannot be read. */
  public static Dataset<Row> failures(Dataset<Row> transcripts) {
    return transcripts.mapPartitions(new TranscriptRows.ToFailures(), Encoders.row(FAILURES));
  }

  /**
   * Codes new and changed transcripts and merges them into silver.
   *
   * @param codebookYaml the codebook's YAML text; null for {@link Codebook#defaultCustomerJourney()}
   */
  public static CodingSummary run(SparkSession spark, Lake lake, String codebookYaml) {
    Codebook codebook = codebook(codebookYaml); // validated here, on the driver, before any task runs
    Dataset<Row> bronze = lake.read(spark, LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS);
    long transcripts = bronze.count();
    List<String> failures = new ArrayList<>();
    for (Row failure : failures(bronze).collectAsList()) {
      failures.add(failure.getString(1));
      LOG.warn("Transcript skipped: {}", failure.getString(1));
    }

    // Collected (one small row per interview) rather than cached: recomputing it after silver is
    // written would find nothing left to code.
    List<Row> todoRows = toCode(spark, lake, bronze, interviews(bronze, codebook)).collectAsList();
    if (todoRows.isEmpty()) {
      LOG.info("code-interviews: {} transcripts, none new or changed; nothing coded", transcripts);
      return new CodingSummary(transcripts, 0, 0, failures);
    }
    Dataset<Row> todo = spark.createDataFrame(todoRows, CodedSegmentSchema.INTERVIEWS);
    List<String> ids = todoRows.stream().map(r -> r.<String>getAs("interview_id")).toList();
    Dataset<Row> files = todo.select(col("source_file"));
    Dataset<Row> changed =
        bronze.join(files, bronze.col(BronzeSchema.SOURCE_FILE).equalTo(files.col("source_file")), "left_semi");
    Dataset<Row> segments = codedSegments(changed, codebook.yaml()).cache();
    try {
      long written = segments.count();
      writeSegments(spark, lake, segments, ids);
      // Interviews last: their content hash and codebook version mark the coding as done, so a
      // crash before this line makes the next run code these transcripts again.
      DeltaWrites.mergeOnKeys(todo, lake.path(LakeTable.SILVER_INTERVIEWS), List.of("interview_id"));
      LOG.info("code-interviews: coded {} interviews into {} segments", ids.size(), written);
      return new CodingSummary(transcripts, ids.size(), written, failures);
    } finally {
      segments.unpersist();
    }
  }

  /**
   * The latest readable transcript per interview (latest landing date wins when an interview is
   * delivered again) whose content or codebook differs from what silver holds.
   */
  static Dataset<Row> toCode(SparkSession spark, Lake lake, Dataset<Row> bronze, Dataset<Row> interviews) {
    Dataset<Row> arrival =
        bronze.select(
            col(BronzeSchema.SOURCE_FILE).as("arrival_file"),
            col(BronzeSchema.LANDING_DATE),
            col(BronzeSchema.INGESTED_AT));
    Dataset<Row> latest =
        interviews
            .join(arrival, interviews.col("source_file").equalTo(arrival.col("arrival_file")))
            .withColumn("_rank", row_number().over(Window.partitionBy("interview_id").orderBy(
                col(BronzeSchema.LANDING_DATE).desc(), col(BronzeSchema.INGESTED_AT).desc(), col("source_file").desc())))
            .filter(col("_rank").equalTo(1))
            .select(columns(CodedSegmentSchema.INTERVIEWS));
    if (!lake.exists(spark, LakeTable.SILVER_INTERVIEWS)) {
      return latest;
    }
    List<String> done = List.of("interview_id", "content_hash", "codebook_id", "codebook_version");
    Dataset<Row> coded = lake.read(spark, LakeTable.SILVER_INTERVIEWS).select(columns(done));
    // A join on column names moves those columns first; restore the table's order.
    return latest.join(coded, scalaSeq(done), "left_anti").select(columns(CodedSegmentSchema.INTERVIEWS));
  }

  /**
   * Removes the old automatic segments of re-coded interviews, then merges the new ones. Manual
   * segments (an analyst's corrections, {@link QdaLake}) are kept, and win over a new automatic
   * segment of the same sentence.
   */
  static void writeSegments(SparkSession spark, Lake lake, Dataset<Row> segments, List<String> interviewIds) {
    String path = lake.path(LakeTable.SILVER_CODED_SEGMENTS);
    if (lake.exists(spark, LakeTable.SILVER_CODED_SEGMENTS)) {
      addMissingColumns(spark, path);
      // A re-coded transcript may have fewer or other sentences; merging alone would keep stale ones.
      DeltaTable.forPath(spark, path)
          .delete(col("interview_id").isin(interviewIds.toArray()).and(col("coder").equalTo(QdaLake.AUTO)));
      Dataset<Row> manual = lake.read(spark, LakeTable.SILVER_CODED_SEGMENTS)
          .filter(col("coder").equalTo(QdaLake.MANUAL)).select(col("segment_id"));
      segments = segments.join(manual, scalaSeq(List.of("segment_id")), "left_anti");
    }
    DeltaWrites.mergeOnKeys(segments.select(columns(CodedSegmentSchema.CODED_SEGMENTS)), path, List.of("segment_id"));
  }

  /**
   * Gives a coded_segments table written before {@link CodedSegmentSchema#ADDED_SEGMENT_COLUMNS}
   * those columns (null in old rows): an empty append with schema merging changes only the schema.
   */
  static void addMissingColumns(SparkSession spark, String path) {
    List<String> present = Arrays.asList(spark.read().format("delta").load(path).schema().fieldNames());
    if (present.containsAll(Arrays.asList(CodedSegmentSchema.CODED_SEGMENTS.fieldNames()))) {
      return;
    }
    LOG.info("code-interviews: adding columns {} to {}", CodedSegmentSchema.ADDED_SEGMENT_COLUMNS, path);
    spark.createDataFrame(List.<Row>of(), CodedSegmentSchema.CODED_SEGMENTS)
        .write().format("delta").mode("append").option("mergeSchema", "true").save(path);
  }

  private static boolean java8Dates(Dataset<Row> rows) {
    return Boolean.parseBoolean(rows.sparkSession().conf().get("spark.sql.datetime.java8API.enabled", "false"));
  }

  /** The codebook of a YAML text, or the default customer-journey codebook for null. */
  static Codebook codebook(String yaml) {
    return yaml == null ? Codebook.defaultCustomerJourney() : Codebook.parse(yaml, "codebook");
  }

  private static Column[] columns(StructType schema) {
    return columns(Arrays.asList(schema.fieldNames()));
  }

  static Column[] columns(List<String> names) {
    return names.stream().map(n -> col(n)).toArray(Column[]::new);
  }

  static scala.collection.Seq<String> scalaSeq(List<String> names) {
    return scala.collection.JavaConverters.asScalaBuffer(names).toSeq();
  }
}
