package io.triangulate.pipelines.coding;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.delta.tables.DeltaTable;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.SentimentParser;
import io.triangulate.pipelines.ingest.BronzeSchema;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code-texts stage: {@code silver/customer_texts} (reviews, support tickets, survey answers) to
 * {@code silver/coded_texts} (one row per coded sentence, PII-redacted, with the text's provenance)
 * and {@code silver/text_codings} (one row per text coded).
 *
 * <p>Texts get their own tables rather than rows in {@code silver/coded_segments}: claims, discover,
 * say-do and the journey gaps count <em>interviews</em> there (a claim is "heard in n of 18
 * interviews"), and thousands of reviews would swamp those counts. The coding columns are the same
 * ({@link CodedSegmentSchema#CODING_COLUMNS}), so a reader that wants both unions them by name.
 *
 * <p>Incremental like code-interviews: a text whose (text_id, content_hash, codebook id and version)
 * is in {@code silver/text_codings} is never annotated again, so a rerun without new texts or a new
 * codebook runs no CoreNLP and commits nothing. The content hash covers the text and the provenance
 * its segments carry ({@link #HASHED}).
 */
public final class CodeTexts {
  private static final Logger LOG = LoggerFactory.getLogger(CodeTexts.class);
  /** The columns whose change makes a text be coded again: the text and what its segments copy. */
  static final List<String> HASHED = List.of("text", "customer_id", "text_type", "product_id", "rating", "written_at");
  private static final List<String> DONE = List.of("text_id", "content_hash", "codebook_id", "codebook_version");
  /** Texts per coding task: enough to amortise a task, few enough to spread a first run over all cores. */
  private static final int TEXTS_PER_PARTITION = 2_000;

  private CodeTexts() {}

  /** {@code texts} with {@code content_hash}: sha-256 (hex) of the {@link #HASHED} columns as JSON. */
  public static Dataset<Row> withContentHash(Dataset<Row> texts) {
    return texts.withColumn("content_hash", sha2(to_json(struct(CodeInterviews.columns(HASHED))), 256));
  }

  /**
   * {@link CodedSegmentSchema#CODED_TEXTS} rows: every sentence of an English, not over-long text
   * that matched a code or states a need, with CoreNLP sentiment.
   *
   * @param texts customer texts with {@code content_hash} ({@link #withContentHash})
   * @param codebookYaml the codebook's YAML text ({@link Codebook#yaml()}); null for the default codebook
   * @param withSentiment parse coded sentences for CoreNLP's sentiment; false leaves {@code sentiment}
   *     null and skips the parser, which is most of the coding time (docs/benchmarks.md, "NLP")
   */
  public static Dataset<Row> codedTexts(Dataset<Row> texts, String codebookYaml, boolean withSentiment) {
    return codedTexts(texts, codebookYaml, withSentiment, SentimentParser.DEFAULT);
  }

  /**
   * {@link #codedTexts(Dataset, String, boolean)} with the parser whose trees the sentiment model reads
   * ({@link SentimentParser#SR}, the default, or the 10–30× slower {@link SentimentParser#PCFG}).
   */
  public static Dataset<Row> codedTexts(
      Dataset<Row> texts, String codebookYaml, boolean withSentiment, SentimentParser parser) {
    return texts.mapPartitions(
        new SentenceCoding.ToCodedRows<>(CodeInterviews.codebook(codebookYaml).yaml(), withSentiment, parser, new TextRows.Segments()),
        Encoders.row(CodedSegmentSchema.CODED_TEXTS));
  }

  /** {@link #run(SparkSession, Lake, LocalDate, String, boolean)} with sentiment. */
  public static TextCodingSummary run(SparkSession spark, Lake lake, LocalDate asOf, String codebookYaml) {
    return run(spark, lake, asOf, codebookYaml, true);
  }

  /**
   * Codes the customer texts landed on or before {@code asOf} that are new or changed (or all, after
   * a codebook change) and merges them into silver. Without {@code silver/customer_texts} (no texts
   * delivered yet) it does nothing.
   *
   * <p>Whether sentiment was computed is not part of what makes a text "done": switching it on later
   * does not re-code texts already coded without it (bump the codebook version for that).
   *
   * @param codebookYaml the codebook's YAML text; null for {@link Codebook#defaultCustomerJourney()}
   * @param withSentiment CoreNLP sentiment of coded sentences (the parser; most of the cost)
   */
  public static TextCodingSummary run(
      SparkSession spark, Lake lake, LocalDate asOf, String codebookYaml, boolean withSentiment) {
    return run(spark, lake, asOf, codebookYaml, withSentiment, SentimentParser.DEFAULT);
  }

  /**
   * {@link #run(SparkSession, Lake, LocalDate, String, boolean)} with the parser for sentiment.
   *
   * @throws io.triangulate.nlp.UserError with sentiment, when the parser's model jar is not on the
   *     driver's class path (checked before any task runs)
   */
  public static TextCodingSummary run(SparkSession spark, Lake lake, LocalDate asOf, String codebookYaml,
      boolean withSentiment, SentimentParser parser) {
    Codebook codebook = CodeInterviews.codebook(codebookYaml); // validated here, on the driver, before any task runs
    if (withSentiment) {
      parser.requireModel(); // a missing models-english jar fails here, not in the first executor task
    }
    if (!lake.exists(spark, LakeTable.SILVER_CUSTOMER_TEXTS)) {
      LOG.info("code-texts: no {} yet; nothing to code", LakeTable.SILVER_CUSTOMER_TEXTS);
      return new TextCodingSummary(0, 0, 0, List.of());
    }
    Dataset<Row> texts = landedBy(lake.read(spark, LakeTable.SILVER_CUSTOMER_TEXTS), asOf);
    long total = texts.count();
    // Cached because coding, the codings table and the failures all read it; a recomputation before
    // text_codings is written (the last write) would give the same texts anyway.
    Dataset<Row> todo = toCode(spark, lake, withContentHash(texts), codebook).cache();
    try {
      long todoCount = todo.count();
      if (todoCount == 0) {
        LOG.info("code-texts: {} texts, none new or changed; nothing coded", total);
        return new TextCodingSummary(total, 0, 0, List.of());
      }
      int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(),
          Math.min(10_000, (todoCount + TEXTS_PER_PARTITION - 1) / TEXTS_PER_PARTITION));
      Dataset<Row> segments =
          codedTexts(todo.repartition(partitions, col("text_id")), codebook.yaml(), withSentiment, parser).cache();
      try {
        long written = segments.count();
        Dataset<Row> codings = codings(todo, segments, codebook);
        List<String> failures = new ArrayList<>();
        for (Row r : codings.filter(col("problem").isNotNull()).select("text_id", "problem").collectAsList()) {
          failures.add("text " + r.getString(0) + ": not coded: " + r.getString(1));
          LOG.warn("code-texts: text {} not coded: {}", r.getString(0), r.getString(1));
        }
        writeSegments(spark, lake, segments, todo.select("text_id"));
        // Codings last: they mark the texts as done, so a crash before this line codes them again.
        DeltaWrites.mergeOnKeys(codings, lake.path(LakeTable.SILVER_TEXT_CODINGS), List.of("text_id"));
        LOG.info("code-texts: coded {} texts into {} segments", todoCount, written);
        return new TextCodingSummary(total, todoCount, written, failures);
      } finally {
        segments.unpersist();
      }
    } finally {
      todo.unpersist();
    }
  }

  /** Texts of landing dates up to {@code asOf}; all texts when the table has no landing date column. */
  static Dataset<Row> landedBy(Dataset<Row> texts, LocalDate asOf) {
    if (asOf == null || !Arrays.asList(texts.columns()).contains(BronzeSchema.LANDING_DATE)) {
      return texts;
    }
    return texts.filter(col(BronzeSchema.LANDING_DATE).leq(lit(asOf.toString())));
  }

  /** Texts (with content hash) whose content, provenance or codebook differs from what text_codings holds. */
  static Dataset<Row> toCode(SparkSession spark, Lake lake, Dataset<Row> texts, Codebook codebook) {
    Dataset<Row> marked = texts
        .withColumn("codebook_id", lit(codebook.id()))
        .withColumn("codebook_version", lit(codebook.version()));
    if (!lake.exists(spark, LakeTable.SILVER_TEXT_CODINGS)) {
      return marked;
    }
    Dataset<Row> done = lake.read(spark, LakeTable.SILVER_TEXT_CODINGS).select(CodeInterviews.columns(DONE));
    List<String> keep = Arrays.asList(marked.columns());
    return marked.join(done, CodeInterviews.scalaSeq(DONE), "left_anti").select(CodeInterviews.columns(keep));
  }

  /** One {@link CodedSegmentSchema#TEXT_CODINGS} row per text in {@code todo}, with its segment count. */
  static Dataset<Row> codings(Dataset<Row> todo, Dataset<Row> segments, Codebook codebook) {
    Dataset<Row> counts = segments.groupBy("text_id").agg(count(lit(1)).as("_segments"));
    return todo
        .mapPartitions(new TextRows.ToCodings(codebook.id(), codebook.version()), Encoders.row(CodedSegmentSchema.TEXT_CODINGS))
        .join(counts, CodeInterviews.scalaSeq(List.of("text_id")), "left")
        .withColumn("segment_count", coalesce(col("_segments"), lit(0L)).cast(DataTypes.IntegerType))
        .select(CodeInterviews.columns(Arrays.asList(CodedSegmentSchema.TEXT_CODINGS.fieldNames())));
  }

  /**
   * Removes the old automatic segments of the re-coded texts (a changed text may have fewer or other
   * sentences), then merges the new ones; manual segments are kept and win over a new automatic one.
   */
  static void writeSegments(SparkSession spark, Lake lake, Dataset<Row> segments, Dataset<Row> textIds) {
    String path = lake.path(LakeTable.SILVER_CODED_TEXTS);
    if (lake.exists(spark, LakeTable.SILVER_CODED_TEXTS)) {
      DeltaTable.forPath(spark, path).as("t")
          .merge(textIds.as("s"), col("t.text_id").equalTo(col("s.text_id")).and(col("t.coder").equalTo(lit(QdaLake.AUTO))))
          .whenMatched().delete()
          .execute();
      Dataset<Row> manual = lake.read(spark, LakeTable.SILVER_CODED_TEXTS)
          .filter(col("coder").equalTo(QdaLake.MANUAL)).select(col("segment_id"));
      segments = segments.join(manual, CodeInterviews.scalaSeq(List.of("segment_id")), "left_anti");
    }
    DeltaWrites.mergeOnKeys(segments.select(CodeInterviews.columns(Arrays.asList(CodedSegmentSchema.CODED_TEXTS.fieldNames()))),
        path, List.of("segment_id"));
  }
}
