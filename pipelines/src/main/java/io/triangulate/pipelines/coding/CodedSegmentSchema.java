package io.triangulate.pipelines.coding;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the coding tables: {@code silver/interviews} (one row per transcript),
 * {@code silver/coded_segments} (one row per coded respondent sentence), and for customer texts
 * (reviews, tickets, survey answers) {@code silver/coded_texts} and {@code silver/text_codings}.
 * Quotes are stored PII-redacted; raw transcripts stay in bronze, raw texts in
 * {@code silver/customer_texts}.
 */
public final class CodedSegmentSchema {
  private CodedSegmentSchema() {}

  public static final StructType INTERVIEWS =
      new StructType()
          .add("interview_id", StringType, false)
          .add("interview_date", DateType, true)
          .add("customer_id", StringType, true) // consented, pseudonymous; null when not linked
          .add("persona", StringType, true)
          .add("language", StringType, false)
          .add("is_supported_language", BooleanType, false)
          .add("turn_count", IntegerType, false)
          .add("respondent_turn_count", IntegerType, false)
          .add("respondent_word_count", IntegerType, false)
          .add("content_hash", StringType, false)
          .add("source_file", StringType, false)
          // The codebook the interview was last coded with: with content_hash it decides whether a
          // rerun must code the transcript again.
          .add("codebook_id", StringType, false)
          .add("codebook_version", StringType, false);

  public static final StructType CODED_SEGMENTS =
      new StructType()
          .add("segment_id", StringType, false) // stable: hash of interview_id, turn and sentence
          .add("interview_id", StringType, false)
          .add("customer_id", StringType, true)
          .add("speaker", StringType, false)
          .add("turn_index", IntegerType, false)
          .add("sentence_index", IntegerType, false)
          .add("char_begin", IntegerType, false) // offsets into the respondent turn's text
          .add("char_end", IntegerType, false)
          .add("question", StringType, true) // preceding interviewer turn, redacted
          .add("quote", StringType, false) // the sentence, redacted
          .add("theme_ids", createArrayType(StringType, false), false)
          .add("phase_ids", createArrayType(StringType, false), false)
          .add("touchpoint_ids", createArrayType(StringType, false), false)
          .add("negated_code_ids", createArrayType(StringType, false), false)
          .add("is_negated", BooleanType, false)
          .add("duration_text", StringType, true)
          .add("duration_days", IntegerType, true)
          .add("coder", StringType, false) // auto | manual
          .add("codebook_id", StringType, false)
          .add("codebook_version", StringType, false)
          .add("confidence", DoubleType, false)
          .add("content_hash", StringType, false) // of the transcript; unchanged texts are not re-coded
          // Journey dimensions (added in 2026-11; nullable so that older tables evolve without a rewrite).
          .add("action_ids", createArrayType(StringType, false), true) // codebook action codes
          .add("need_ids", createArrayType(StringType, false), true) // codebook need categories
          .add("emotion_ids", createArrayType(StringType, false), true) // codebook emotion lexicon
          .add("action", StringType, true) // what the customer did: verb lemma + object ("return watch")
          .add("need", StringType, true) // the words after a need cue ("I wish ..."), redacted
          .add("emotion", StringType, true) // first emotion code: frustration, delight, anxiety, ...
          .add("sentiment", IntegerType, true) // CoreNLP sentiment 0 (very negative) .. 4 (very positive)
          .add("turn_offset_seconds", DoubleType, true); // start of the turn in the recording (captions)

  /**
   * What coding found in a sentence, the same columns (names, types, order) in coded_segments and
   * coded_texts, so the two union by name on these.
   */
  public static final java.util.List<String> CODING_COLUMNS =
      java.util.List.of("quote", "theme_ids", "phase_ids", "touchpoint_ids", "negated_code_ids", "is_negated",
          "duration_text", "duration_days", "coder", "codebook_id", "codebook_version", "confidence", "content_hash",
          "action_ids", "need_ids", "emotion_ids", "action", "need", "emotion", "sentiment");

  /**
   * {@code silver/coded_texts}: one row per coded sentence of a customer text. Provenance first (the
   * text, its author's pseudonymous id, where it came from), then {@link #CODING_COLUMNS}; a text is
   * one turn, so there is no speaker, turn or question.
   */
  public static final StructType CODED_TEXTS = codedTexts();

  /**
   * {@code silver/text_codings}: one row per customer text coded (also when no sentence matched, or it
   * was not codable), with the content hash and codebook version it was coded with: a rerun skips
   * texts whose (text_id, content_hash, codebook_id, codebook_version) is here.
   */
  public static final StructType TEXT_CODINGS =
      new StructType()
          .add("text_id", StringType, false)
          .add("text_type", StringType, false)
          .add("language", StringType, false)
          .add("is_supported_language", BooleanType, false)
          .add("char_count", IntegerType, false)
          .add("segment_count", IntegerType, false)
          .add("problem", StringType, true) // why the text was not coded (e.g. too long); null otherwise
          .add("content_hash", StringType, false)
          .add("codebook_id", StringType, false)
          .add("codebook_version", StringType, false);

  private static StructType codedTexts() {
    StructType schema =
        new StructType()
            .add("segment_id", StringType, false) // stable: hash of text_id and sentence
            .add("text_id", StringType, false)
            .add("customer_id", StringType, true) // pseudonymous, as in silver/customers; null for public reviews
            .add("text_type", StringType, false) // review, survey, support or social: where the text came from
            .add("product_id", StringType, true)
            .add("rating", IntegerType, true)
            .add("written_at", TimestampType, true)
            .add("sentence_index", IntegerType, false)
            .add("char_begin", IntegerType, false) // offsets into the text
            .add("char_end", IntegerType, false);
    for (String name : CODING_COLUMNS) {
      schema = schema.add(CODED_SEGMENTS.apply(name));
    }
    return schema;
  }

  /** Columns added to {@link #CODED_SEGMENTS} after its first release; older tables gain them as nulls. */
  public static final java.util.List<String> ADDED_SEGMENT_COLUMNS =
      java.util.List.of("action_ids", "need_ids", "emotion_ids", "action", "need", "emotion", "sentiment",
          "turn_offset_seconds");
}
