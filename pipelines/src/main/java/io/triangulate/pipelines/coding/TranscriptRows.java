package io.triangulate.pipelines.coding;

import io.triangulate.nlp.UserError;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.CodedSentence;
import io.triangulate.nlp.coding.SegmentCoder;
import io.triangulate.nlp.transcript.Role;
import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.TranscriptParser;
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
 * {@code bronze/interview_transcripts} rows. They carry only the codebook's YAML text, parse it once
 * per partition, and get CoreNLP from {@link io.triangulate.nlp.coding.CoreNlpPipelines}, which
 * builds it once per executor JVM.
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

  /** Bronze rows to {@link CodedSegmentSchema#CODED_SEGMENTS} rows (coder {@code auto}). */
  static final class ToCodedSegments implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String codebookYaml;
    private final boolean withSentiment;

    /** @param withSentiment parse coded sentences for CoreNLP's sentiment (loads the parser once per executor) */
    ToCodedSegments(String codebookYaml, boolean withSentiment) {
      this.codebookYaml = codebookYaml;
      this.withSentiment = withSentiment;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Codebook codebook = Codebook.parse(codebookYaml, "codebook");
      SegmentCoder coder = null; // built on the first transcript: an empty partition loads no models
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        Transcript t = parseOrNull(row);
        if (t == null || !t.isSupportedLanguage()) {
          continue;
        }
        if (coder == null) {
          coder = new SegmentCoder(codebook, withSentiment);
        }
        String contentHash = row.getAs("content_hash");
        for (CodedSentence s : coder.code(t)) {
          out.add(RowFactory.create(
              segmentId(t.interviewId(), s.turnIndex(), s.sentenceIndex()),
              t.interviewId(),
              t.customerId(),
              t.turns().get(s.turnIndex()).speakerLabel(),
              s.turnIndex(),
              s.sentenceIndex(),
              s.charBegin(),
              s.charEnd(),
              s.question(),
              s.quote(),
              s.themeIds().toArray(String[]::new),
              s.phaseIds().toArray(String[]::new),
              s.touchpointIds().toArray(String[]::new),
              s.negatedCodeIds().toArray(String[]::new),
              s.isNegated(),
              s.durationText(),
              s.durationDays(),
              "auto",
              codebook.id(),
              codebook.version(),
              s.confidence(),
              contentHash,
              s.actionIds().toArray(String[]::new),
              s.needIds().toArray(String[]::new),
              s.emotionIds().toArray(String[]::new),
              s.action(),
              s.need(),
              s.emotion(),
              s.sentiment(),
              t.turns().get(s.turnIndex()).offsetSeconds()));
        }
      }
      return out.iterator();
    }
  }
}
