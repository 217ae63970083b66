package io.triangulate.pipelines.coding;

import static org.apache.spark.sql.functions.col;

import io.triangulate.nlp.UserError;
import io.triangulate.nlp.codebook.Code;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.codebook.Dimension;
import io.triangulate.nlp.pii.Redactor;
import io.triangulate.nlp.qda.QdaExport;
import io.triangulate.nlp.qda.QdaExport.SegmentCode;
import io.triangulate.nlp.qda.QdaProject;
import io.triangulate.nlp.qda.QdaSource;
import io.triangulate.nlp.qda.RefiQdaReader;
import io.triangulate.nlp.qda.RefiQdaWriter;
import io.triangulate.nlp.qda.TranscriptLayout;
import io.triangulate.nlp.transcript.Role;
import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.TranscriptParser;
import io.triangulate.nlp.transcript.Turn;
import io.triangulate.pipelines.ingest.BronzeSchema;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake's coded segments to a REFI-QDA project (.qdpx) that analysts check in NVivo, ATLAS.ti or
 * MAXQDA, and their corrections back into {@code silver/coded_segments}.
 *
 * <p>Export: one redacted text per interview ({@link TranscriptLayout}), every segment's assigned
 * codes as codings; rows with {@code coder = manual} are written as the analyst's codings.
 *
 * <p>Import treats the file as the truth for the interviews it holds: a segment whose codes in the
 * file differ from the lake's becomes a {@code manual} row with the file's codes (replacing the
 * automatic codes of that span, or none at all when the analyst removed them); a coded span that is
 * no segment yet becomes a new {@code manual} row ({@code sentence_index} -1). Untouched segments
 * stay {@code auto}. Manual rows survive re-coding ({@link CodeInterviews} never replaces them).
 * Everything runs on the driver: a study has tens of interviews, not millions.
 */
public final class QdaLake {
  static final String AUTO = "auto";
  static final String MANUAL = "manual";
  private static final List<String> CODE_COLUMNS =
      List.of("theme_ids", "phase_ids", "touchpoint_ids", "action_ids", "need_ids", "emotion_ids");

  private static final Logger LOG = LoggerFactory.getLogger(QdaLake.class);

  private QdaLake() {}

  /** What an export wrote. */
  public record ExportSummary(int interviews, int segments, int codings) {}

  /** What an import changed: segments turned manual, new manual segments, segments left as they were. */
  public record ImportSummary(int interviews, int segmentsCorrected, int segmentsAdded, int segmentsUnchanged) {}

  /**
   * Writes the coded segments of the lake's interviews as a .qdpx.
   *
   * @param date only interviews whose transcript landed on this date; null for all
   */
  public static ExportSummary exportQdpx(SparkSession spark, Lake lake, Codebook codebook, LocalDate date, Path out) {
    Map<String, LakeInterview> interviews = interviews(spark, lake, date, null);
    List<SegmentCode> auto = new ArrayList<>();
    List<SegmentCode> manual = new ArrayList<>();
    int segments = 0;
    for (LakeInterview interview : interviews.values()) {
      for (Row row : interview.segments) {
        segments++;
        for (SegmentCode code : codes(interview, row)) {
          (code.isManual() ? manual : auto).add(code);
        }
      }
    }
    QdaProject project = QdaExport.project(
        "Triangulate " + lake.root() + (date == null ? "" : " " + date), codebook,
        interviews.values().stream().map(i -> i.layout.interview()).toList(), auto, manual);
    RefiQdaWriter.write(project, out);
    return new ExportSummary(interviews.size(), segments, project.codings().size());
  }

  /** Reads a .qdpx exported by {@link #exportQdpx} (and edited by analysts) into coded_segments. */
  public static ImportSummary importCodings(SparkSession spark, Lake lake, Codebook codebook, Path in) {
    QdaProject project = RefiQdaReader.read(in);
    Set<String> ids = new LinkedHashSet<>();
    project.sources().forEach(s -> ids.add(s.name()));
    Map<String, LakeInterview> interviews = interviews(spark, lake, null, ids);
    for (QdaSource source : project.sources()) {
      LakeInterview interview = interviews.get(source.name());
      String where = in + ", source " + source.name();
      if (interview == null) {
        throw UserError.at(where).problem("interview not in the lake").expected("an interview of silver/interviews")
            .found(source.name()).fix("import the file into the lake it was exported from").build();
      }
      if (!interview.layout.text().equals(source.text())) {
        throw UserError.at(where).problem("interview text differs from the lake's")
            .expected("the text as exported").found(source.text() == null ? "no text" : source.text())
            .fix("the transcript or its segments changed since the export: export again and redo the corrections there")
            .build();
      }
    }
    Map<String, Code> byId = new HashMap<>();
    codebook.codes().forEach(c -> byId.put(c.id(), c));
    Map<List<Object>, Set<String>> fileCodes = new LinkedHashMap<>();
    for (SegmentCode code : QdaExport.segmentCodes(project)) {
      if (!byId.containsKey(code.codeId())) {
        throw UserError.at(in + ", source " + code.interviewId()).problem("code not in codebook " + codebook.id())
            .found(code.codeId()).fix("add the code (with patterns) to the codebook, or use an existing code").build();
      }
      fileCodes.computeIfAbsent(span(code.interviewId(), code.charBegin(), code.charEnd()), k -> new TreeSet<>())
          .add(code.codeId());
    }

    List<Row> changed = new ArrayList<>();
    int corrected = 0;
    int added = 0;
    int unchanged = 0;
    for (LakeInterview interview : interviews.values()) {
      Set<List<Object>> lakeSpans = new LinkedHashSet<>();
      for (Row row : interview.segments) {
        List<Object> span = span(interview, row);
        lakeSpans.add(span);
        Set<String> inFile = fileCodes.getOrDefault(span, Set.of());
        if (inFile.equals(new TreeSet<>(assigned(row)))) {
          unchanged++;
          continue;
        }
        changed.add(manualRow(row, inFile, byId, codebook));
        corrected++;
      }
      for (Map.Entry<List<Object>, Set<String>> entry : fileCodes.entrySet()) {
        List<Object> span = entry.getKey();
        if (!span.get(0).equals(interview.id) || lakeSpans.contains(span)) {
          continue;
        }
        changed.add(newManualRow(interview, (int) span.get(1), (int) span.get(2), entry.getValue(), byId, codebook));
        added++;
      }
    }
    if (!changed.isEmpty()) {
      String path = lake.path(LakeTable.SILVER_CODED_SEGMENTS);
      CodeInterviews.addMissingColumns(spark, path);
      Dataset<Row> rows = spark.createDataFrame(changed, CodedSegmentSchema.CODED_SEGMENTS);
      DeltaWrites.mergeOnKeys(rows.select(columns()), path, List.of("segment_id"));
    }
    return new ImportSummary(interviews.size(), corrected, added, unchanged);
  }

  /** One interview of the lake with its transcript (from bronze), segments and layout. */
  private record LakeInterview(
      String id, String customerId, String contentHash, Transcript transcript, List<Row> segments, TranscriptLayout layout) {}

  private static Map<String, LakeInterview> interviews(SparkSession spark, Lake lake, LocalDate date, Set<String> only) {
    for (LakeTable table : List.of(LakeTable.SILVER_INTERVIEWS, LakeTable.SILVER_CODED_SEGMENTS, LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS)) {
      if (!lake.exists(spark, table)) {
        throw UserError.at(lake.path(table)).problem("table missing").expected("a lake where code-interviews has run")
            .fix("run 'triangulate code-interviews' first, or point --lake at the right lake").build();
      }
    }
    Dataset<Row> bronze = lake.read(spark, LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS);
    if (date != null) {
      bronze = bronze.filter(col(BronzeSchema.LANDING_DATE).equalTo(date.toString()));
    }
    Dataset<Row> silver = lake.read(spark, LakeTable.SILVER_INTERVIEWS);
    if (only != null) {
      silver = silver.filter(col("interview_id").isin(only.toArray()));
    }
    Dataset<Row> joined = silver.join(bronze, silver.col("source_file").equalTo(bronze.col(BronzeSchema.SOURCE_FILE)))
        .select(silver.col("interview_id"), silver.col("customer_id"), silver.col("source_file"),
            silver.col("content_hash"), bronze.col("content"));
    Map<String, Row> transcripts = new TreeMap<>();
    for (Row row : joined.collectAsList()) {
      transcripts.put(row.getAs("interview_id"), row);
    }
    Map<String, List<Row>> segments = new HashMap<>();
    Dataset<Row> rows = lake.read(spark, LakeTable.SILVER_CODED_SEGMENTS)
        .filter(col("interview_id").isin(transcripts.keySet().toArray()));
    for (Row row : rows.select(columns(rows)).collectAsList()) {
      segments.computeIfAbsent(row.getAs("interview_id"), k -> new ArrayList<>()).add(row);
    }
    Map<String, LakeInterview> out = new LinkedHashMap<>();
    for (Map.Entry<String, Row> e : transcripts.entrySet()) {
      Row row = e.getValue();
      Transcript transcript = TranscriptParser.parse(row.getAs("source_file"), row.getAs("content"));
      List<Row> mine = new ArrayList<>();
      for (Row s : segments.getOrDefault(e.getKey(), List.of())) {
        if (row.getAs("content_hash").equals(s.getAs("content_hash"))) {
          mine.add(s);
        } else {
          // A manual row of an earlier version of the transcript: its offsets point into another text.
          LOG.warn("{}: segment {} was coded on another version of the transcript; left out",
              e.getKey(), s.<String>getAs("segment_id"));
        }
      }
      mine.sort((a, b) -> Integer.compare(a.<Integer>getAs("turn_index"), b.<Integer>getAs("turn_index")) != 0
          ? Integer.compare(a.<Integer>getAs("turn_index"), b.<Integer>getAs("turn_index"))
          : Integer.compare(a.<Integer>getAs("char_begin"), b.<Integer>getAs("char_begin")));
      Map<Integer, Set<Integer>> boundaries = new HashMap<>();
      for (Row s : mine) {
        Set<Integer> cuts = boundaries.computeIfAbsent(s.<Integer>getAs("turn_index"), k -> new TreeSet<>());
        cuts.add(s.getAs("char_begin"));
        cuts.add(s.getAs("char_end"));
      }
      out.put(e.getKey(), new LakeInterview(e.getKey(), row.getAs("customer_id"), row.getAs("content_hash"), transcript, mine,
          TranscriptLayout.of(e.getKey(), transcript, boundaries)));
    }
    return out;
  }

  /** The segment's span in the layout text, as (interview id, begin, end). */
  private static List<Object> span(LakeInterview interview, Row row) {
    int turn = row.getAs("turn_index");
    return span(interview.id, interview.layout.toLayout(turn, row.getAs("char_begin")),
        interview.layout.toLayout(turn, row.getAs("char_end")));
  }

  private static List<Object> span(String interviewId, int begin, int end) {
    return List.of(interviewId, begin, end);
  }

  private static List<SegmentCode> codes(LakeInterview interview, Row row) {
    List<Object> span = span(interview, row);
    boolean manual = MANUAL.equals(row.getAs("coder"));
    List<SegmentCode> codes = new ArrayList<>();
    for (String id : assigned(row)) {
      codes.add(new SegmentCode(interview.id, (int) span.get(1), (int) span.get(2), id, manual));
    }
    return codes;
  }

  /** Assigned (not negated) code ids of a row; journey columns are null in rows older than them. */
  private static List<String> assigned(Row row) {
    List<String> ids = new ArrayList<>();
    for (String column : CODE_COLUMNS) {
      int i = row.fieldIndex(column);
      if (!row.isNullAt(i)) {
        ids.addAll(row.getList(i));
      }
    }
    return ids;
  }

  /** A copy of an automatic (or earlier manual) row carrying the analyst's codes. */
  private static Row manualRow(Row row, Set<String> codes, Map<String, Code> byId, Codebook codebook) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : CodedSegmentSchema.CODED_SEGMENTS.fieldNames()) {
      values.put(name, row.getAs(name));
    }
    Map<Dimension, List<String>> grouped = byDimension(codes, byId);
    putCodes(values, grouped);
    List<String> negated = new ArrayList<>();
    int n = row.fieldIndex("negated_code_ids");
    if (!row.isNullAt(n)) {
      for (Object id : row.getList(n)) {
        if (!codes.contains(id)) {
          negated.add((String) id); // the analyst's assignment overrules the machine's negation
        }
      }
    }
    values.put("negated_code_ids", negated.toArray(String[]::new));
    values.put("is_negated", !negated.isEmpty());
    values.put("coder", MANUAL);
    values.put("codebook_id", codebook.id());
    values.put("codebook_version", codebook.version());
    values.put("confidence", 1.0);
    values.put("emotion", grouped.get(Dimension.EMOTION).isEmpty() ? null : grouped.get(Dimension.EMOTION).get(0));
    return RowFactory.create(values.values().toArray());
  }

  private static Row newManualRow(
      LakeInterview interview, int begin, int end, Set<String> codes, Map<String, Code> byId, Codebook codebook) {
    TranscriptLayout.TurnSpan span = interview.layout.toTurn(begin, end).orElseThrow(() ->
        UserError.at("interview " + interview.id + " [" + begin + ", " + end + ")")
            .problem("a coding is not inside one speaker turn")
            .expected("a selection within the text of one turn")
            .found(interview.layout.text().substring(begin, end))
            .fix("select the text of one turn only, without the speaker label").build());
    Turn turn = interview.transcript.turns().get(span.turnIndex());
    String question = null;
    for (Turn t : interview.transcript.turns()) {
      if (t.index() < turn.index() && t.role() == Role.INTERVIEWER) {
        question = Redactor.redact(t.text());
      }
    }
    Map<Dimension, List<String>> grouped = byDimension(codes, byId);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("segment_id", TranscriptRows.segmentId(interview.id + "|manual|" + begin + "|" + end, span.turnIndex(), -1));
    values.put("interview_id", interview.id);
    values.put("customer_id", interview.customerId);
    values.put("speaker", turn.speakerLabel());
    values.put("turn_index", span.turnIndex());
    values.put("sentence_index", -1);
    values.put("char_begin", span.charBegin());
    values.put("char_end", span.charEnd());
    values.put("question", question);
    values.put("quote", interview.layout.text().substring(begin, end));
    putCodes(values, grouped);
    values.put("negated_code_ids", new String[0]);
    values.put("is_negated", false);
    values.put("duration_text", null);
    values.put("duration_days", null);
    values.put("coder", MANUAL);
    values.put("codebook_id", codebook.id());
    values.put("codebook_version", codebook.version());
    values.put("confidence", 1.0);
    values.put("content_hash", interview.contentHash);
    values.put("action", null);
    values.put("need", null);
    values.put("emotion", grouped.get(Dimension.EMOTION).isEmpty() ? null : grouped.get(Dimension.EMOTION).get(0));
    values.put("sentiment", null);
    values.put("turn_offset_seconds", turn.offsetSeconds());
    Object[] ordered = Arrays.stream(CodedSegmentSchema.CODED_SEGMENTS.fieldNames()).map(values::get).toArray();
    return RowFactory.create(ordered);
  }

  private static Map<Dimension, List<String>> byDimension(Set<String> codes, Map<String, Code> byId) {
    Map<Dimension, List<String>> grouped = new HashMap<>();
    for (Dimension d : Dimension.values()) {
      grouped.put(d, new ArrayList<>());
    }
    for (String id : codes) {
      grouped.get(byId.get(id).dimension()).add(id);
    }
    return grouped;
  }

  private static void putCodes(Map<String, Object> values, Map<Dimension, List<String>> grouped) {
    values.put("theme_ids", grouped.get(Dimension.THEME).toArray(String[]::new));
    values.put("phase_ids", grouped.get(Dimension.PHASE).toArray(String[]::new));
    values.put("touchpoint_ids", grouped.get(Dimension.TOUCHPOINT).toArray(String[]::new));
    values.put("action_ids", grouped.get(Dimension.ACTION).toArray(String[]::new));
    values.put("need_ids", grouped.get(Dimension.NEED).toArray(String[]::new));
    values.put("emotion_ids", grouped.get(Dimension.EMOTION).toArray(String[]::new));
  }

  private static Column[] columns() {
    return Arrays.stream(CodedSegmentSchema.CODED_SEGMENTS.fieldNames()).map(n -> col(n)).toArray(Column[]::new);
  }

  /** The schema's columns of a table that may lack the newest ones: those come back as typed nulls. */
  private static Column[] columns(Dataset<Row> rows) {
    Set<String> present = Set.of(rows.columns());
    return Arrays.stream(CodedSegmentSchema.CODED_SEGMENTS.fields())
        .map(f -> present.contains(f.name()) ? col(f.name()) : org.apache.spark.sql.functions.lit(null).cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new);
  }
}
