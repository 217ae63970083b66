package io.triangulate.pipelines.coding;

import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.CodedSentence;
import io.triangulate.nlp.coding.SegmentCoder;
import io.triangulate.nlp.transcript.LanguageDetector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The executor side of code-texts: customer texts ({@code silver/customer_texts} rows with a
 * {@code content_hash}) as a {@link SentenceCoding.Input}, and their {@code text_codings} rows.
 */
final class TextRows {
  /**
   * Longer texts are not coded: CoreNLP's cost grows with the sentence, and a 100,000-character
   * "review" is an export error (a whole file in one field), not something a customer wrote.
   */
  static final int MAX_TEXT_CHARS = 100_000;

  private TextRows() {}

  /** Why {@code text} is not coded; null when it is codable. */
  static String problem(String text) {
    if (text.length() > MAX_TEXT_CHARS) {
      return String.format(java.util.Locale.ROOT, "text is %,d characters long; at most %,d are coded", text.length(), MAX_TEXT_CHARS);
    }
    return null;
  }

  /** Customer texts to {@link CodedSegmentSchema#CODED_TEXTS} rows; one text is coded as one respondent turn. */
  static final class Segments implements SentenceCoding.Input<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String prepare(Row row) {
      String text = row.getAs("text");
      if (text == null || text.isBlank() || problem(text) != null || !"en".equals(LanguageDetector.detect(text))) {
        return null;
      }
      return text;
    }

    @Override
    public void code(Row row, String text, SegmentCoder coder, Codebook codebook, List<Row> out) {
      String textId = row.getAs("text_id");
      for (CodedSentence s : coder.codeText(text)) {
        out.add(SentenceCoding.row(
            new Object[] {
              TranscriptRows.segmentId(textId, 0, s.sentenceIndex()),
              textId,
              row.getAs("customer_id"),
              row.getAs("text_type"),
              row.getAs("product_id"),
              row.getAs("rating"),
              row.getAs("written_at"),
              s.sentenceIndex(),
              s.charBegin(),
              s.charEnd()
            },
            SentenceCoding.codingValues(s, codebook, row.getAs("content_hash"))));
      }
    }
  }

  /**
   * Texts to {@link CodedSegmentSchema#TEXT_CODINGS} rows with {@code segment_count} 0 (the caller
   * joins the real counts): language and problem need no CoreNLP.
   */
  static final class ToCodings implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String codebookId;
    private final String codebookVersion;

    ToCodings(String codebookId, String codebookVersion) {
      this.codebookId = codebookId;
      this.codebookVersion = codebookVersion;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        String text = row.getAs("text");
        String problem = problem(text);
        // A text too long to code is not scanned for its language either.
        String language = problem == null ? LanguageDetector.detect(text) : "unknown";
        out.add(RowFactory.create(
            row.getAs("text_id"),
            row.getAs("text_type"),
            language,
            "en".equals(language),
            text.length(),
            0,
            problem,
            row.getAs("content_hash"),
            codebookId,
            codebookVersion));
      }
      return out.iterator();
    }
  }
}
