package io.triangulate.pipelines.coding;

import io.triangulate.nlp.UserError;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.CodedSentence;
import io.triangulate.nlp.coding.SegmentCoder;
import io.triangulate.nlp.transcript.Role;
import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.TranscriptParser;
import io.triangulate.nlp.transcript.Turn;
import io.triangulate.pipelines.ingest.BronzeSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor side of code-interviews: named functions over partitions of
 * {@code bronze/interview_transcripts} rows, and the transcript {@link SentenceCoding.Input} that
 * {@link SentenceCoding.ToCodedRows} codes (it carries only the codebook's YAML text and gets CoreNLP
 * from {@link io.triangulate.nlp.coding.CoreNlpPipelines}, built once per executor JVM).
 */
final class TranscriptRows {
  private static final Logger LOG = LoggerFactory.getLogger(TranscriptRows.class);

  private TranscriptRows() {}

  /** Parses a bronze row; null (after logging) when the file is not a readable transcript. */
  static Transcript parseOrNull(Row row) {
    String file = row.getAs(BronzeSchema.SOURCE_FILE);
    try {
      return TranscriptParser.parse(file, row.getAs("content"));
    } catch (UserError e) {
      LOG.warn("Skipping transcript: {}", e.getMessage());
      return null;
    }
  }

  /** Stable id of a coded sentence: the same transcript and sentence always give the same id. */
  static String segmentId(String interviewId, int turnIndex, int sentenceIndex) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((interviewId + "|" + turnIndex + "|" + sentenceIndex).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** Bronze rows to {@link CodedSegmentSchema#INTERVIEWS} rows; unreadable transcripts are skipped. */
  static final class ToInterviews implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String codebookId;
    private final String codebookVersion;
    private final boolean java8Dates;

    /** @param java8Dates the session's {@code spark.sql.datetime.java8API.enabled}: dates as LocalDate */
    ToInterviews(String codebookId, String codebookVersion, boolean java8Dates) {
      this.codebookId = codebookId;
      this.codebookVersion = codebookVersion;
      this.java8Dates = java8Dates;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        Transcript t = parseOrNull(row);
        if (t == null) {
          continue;
        }
        int respondentTurns = (int) t.turns().stream().filter(turn -> turn.role() == Role.RESPONDENT).count();
        out.add(RowFactory.create(
            t.interviewId(),
            t.interviewDate() == null || java8Dates ? t.interviewDate() : java.sql.Date.valueOf(t.interviewDate()),
            t.customerId(),
            t.persona(),
            t.language(),
            t.isSupportedLanguage(),
            t.turns().size(),
            respondentTurns,
            t.respondentWordCount(),
            row.getAs("content_hash"),
            row.getAs(BronzeSchema.SOURCE_FILE),
            codebookId,
            codebookVersion));
      }
      return out.iterator();
    }
  }

  /** Bronze rows to (source_file, message) for each transcript that cannot be read. */
  static final class ToFailures implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        String file = row.getAs(BronzeSchema.SOURCE_FILE);
        try {
          TranscriptParser.parse(file, row.getAs("content"));
        } catch (UserError e) {
          out.add(RowFactory.create(file, e.getMessage()));
        }
      }
      return out.iterator();
    }
  }

  /**
   * Bronze transcripts as {@link SentenceCoding.Input}: readable, supported-language transcripts to
   * {@link CodedSegmentSchema#CODED_SEGMENTS} rows.
   */
  static final class Segments implements SentenceCoding.Input<Transcript> {
    private static final long serialVersionUID = 1L;

    @Override
    public Transcript prepare(Row row) {
      Transcript t = parseOrNull(row);
      return t == null || !t.isSupportedLanguage() ? null : t;
    }

    @Override
    public void code(Row row, Transcript t, SegmentCoder coder, Codebook codebook, List<Row> out) {
      String contentHash = row.getAs("content_hash");
      for (CodedSentence s : coder.code(t)) {
        Turn turn = t.turns().get(s.turnIndex());
        out.add(SentenceCoding.row(
            new Object[] {
              segmentId(t.interviewId(), s.turnIndex(), s.sentenceIndex()),
              t.interviewId(),
              t.customerId(),
              turn.speakerLabel(),
              s.turnIndex(),
              s.sentenceIndex(),
              s.charBegin(),
              s.charEnd(),
              s.question()
            },
            SentenceCoding.codingValues(s, codebook, contentHash),
            turn.offsetSeconds()));
      }
    }
  }
}
