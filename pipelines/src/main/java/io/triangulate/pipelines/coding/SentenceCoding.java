package io.triangulate.pipelines.coding;

import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.CodedSentence;
import io.triangulate.nlp.coding.SegmentCoder;
import io.triangulate.nlp.coding.SentimentParser;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The executor side of coding, shared by code-interviews and code-texts: one named function over
 * partitions that carries only the codebook's YAML text, parses it once per partition, and builds
 * the {@link SegmentCoder} on the first row that has something to code, so a partition without
 * codable rows loads no models. CoreNLP itself comes from
 * {@link io.triangulate.nlp.coding.CoreNlpPipelines}, built once per executor JVM and shared by tasks.
 *
 * <p>What an input row is (a bronze transcript, a silver customer text) and which provenance columns
 * its segments carry is the {@link Input}'s business; the coding columns
 * ({@link CodedSegmentSchema#CODING_COLUMNS}) are built in one place, {@link #codingValues}.
 */
final class SentenceCoding {
  private SentenceCoding() {}

  /**
   * How rows of one kind are coded.
   *
   * @param <T> the row's codable content (a parsed transcript, a text)
   */
  interface Input<T> extends Serializable {
    /** The row's content to code; null when there is nothing to code (unreadable, unsupported language). */
    T prepare(Row row);

    /** Codes {@code content} with {@code coder} and adds one output row per coded sentence to {@code out}. */
    void code(Row row, T content, SegmentCoder coder, Codebook codebook, List<Row> out);
  }

  /** Input rows to coded-sentence rows; the output schema is the {@link Input}'s. */
  static final class ToCodedRows<T> implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String codebookYaml;
    private final boolean withSentiment;
    private final SentimentParser parser;
    private final Input<T> input;

    /** Sentiment (if on) with the default, shift-reduce parser. */
    ToCodedRows(String codebookYaml, boolean withSentiment, Input<T> input) {
      this(codebookYaml, withSentiment, SentimentParser.DEFAULT, input);
    }

    /**
     * @param withSentiment parse coded sentences for CoreNLP's sentiment (loads the parser once per executor)
     * @param parser the parser whose trees the sentiment model reads
     */
    ToCodedRows(String codebookYaml, boolean withSentiment, SentimentParser parser, Input<T> input) {
      this.codebookYaml = codebookYaml;
      this.withSentiment = withSentiment;
      this.parser = parser;
      this.input = input;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Codebook codebook = Codebook.parse(codebookYaml, "codebook");
      SegmentCoder coder = null;
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        T content = input.prepare(row);
        if (content == null) {
          continue;
        }
        if (coder == null) {
          coder = new SegmentCoder(codebook, withSentiment, parser);
        }
        input.code(row, content, coder, codebook, out);
      }
      return out.iterator();
    }
  }

  /** The values of {@link CodedSegmentSchema#CODING_COLUMNS} for one coded sentence (coder {@code auto}). */
  static Object[] codingValues(CodedSentence s, Codebook codebook, String contentHash) {
    return new Object[] {
      s.quote(),
      s.themeIds().toArray(String[]::new),
      s.phaseIds().toArray(String[]::new),
      s.touchpointIds().toArray(String[]::new),
      s.negatedCodeIds().toArray(String[]::new),
      s.isNegated(),
      s.durationText(),
      s.durationDays(),
      QdaLake.AUTO,
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
      s.sentiment()
    };
  }

  /** A row of {@code before}, then {@code coding}, then {@code after}, in that column order. */
  static Row row(Object[] before, Object[] coding, Object... after) {
    Object[] values = new Object[before.length + coding.length + after.length];
    System.arraycopy(before, 0, values, 0, before.length);
    System.arraycopy(coding, 0, values, before.length, coding.length);
    System.arraycopy(after, 0, values, before.length + coding.length, after.length);
    return RowFactory.create(values);
  }
}
