package io.triangulate.pipelines.coding;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.qda.QdaCoding;
import io.triangulate.nlp.qda.QdaExport;
import io.triangulate.nlp.qda.QdaExport.SegmentCode;
import io.triangulate.nlp.qda.QdaProject;
import io.triangulate.nlp.qda.RefiQdaReader;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.BronzeSchema;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lake → .qdpx → lake on a hand-made lake of two interviews; no CoreNLP models. */
class QdaLakeTest extends SparkTestBase {
  private static final String INT_A =
      "Interviewer: How was it?\nRespondent: I stopped using the watch after five months. "
          + "Mail me at bob@example.com, the app kept crashing.\n";
  private static final String INT_B = "Interviewer: And setup?\nRespondent: The setup was confusing.\n";
  private static final String A_TURN = "I stopped using the watch after five months. Mail me at bob@example.com, the app kept crashing.";
  private static final Codebook BOOK = Codebook.defaultCustomerJourney();

  @TempDir static Path dir;
  private static Lake lake;

  @BeforeAll
  static void lake() {
    lake = new Lake(dir.resolve("lake").toString());
    DeltaWrites.overwrite(spark.createDataFrame(List.of(bronze("INT-A", INT_A), bronze("INT-B", INT_B)),
        BronzeSchema.INTERVIEW_TRANSCRIPTS), lake.path(LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS));
    DeltaWrites.overwrite(spark.createDataFrame(List.of(interview("INT-A"), interview("INT-B")),
        CodedSegmentSchema.INTERVIEWS), lake.path(LakeTable.SILVER_INTERVIEWS));
    int mail = A_TURN.indexOf("Mail");
    DeltaWrites.overwrite(spark.createDataFrame(List.of(
        segment("INT-A", 0, 0, mail - 1, List.of("product_abandonment"), List.of("device")),
        segment("INT-A", 1, mail, A_TURN.length(), List.of("usage_difficulty"), List.of("app")),
        segment("INT-B", 0, 0, "The setup was confusing.".length(), List.of("setup_onboarding"), List.of())),
        CodedSegmentSchema.CODED_SEGMENTS), lake.path(LakeTable.SILVER_CODED_SEGMENTS));
  }

  @Test
  void roundTripKeepsCodingsAndAnEditedCodingBecomesManual() throws Exception {
    Path file = dir.resolve("study.qdpx");
    QdaLake.ExportSummary exported = QdaLake.exportQdpx(spark, lake, BOOK, null, file);
    assertThat(exported).isEqualTo(new QdaLake.ExportSummary(2, 3, 5));

    QdaProject project = RefiQdaReader.read(file);
    String textA = project.sources().get(0).text();
    assertThat(textA).as("redacted layout").contains("Mail me at [EMAIL], the app kept crashing.").doesNotContain("bob@");
    assertThat(codes(QdaExport.segmentCodes(project))).as("every assigned code of the lake, as automatic codings")
        .containsExactly(
            "INT-A|I stopped using the watch after five months.|device|auto",
            "INT-A|I stopped using the watch after five months.|product_abandonment|auto",
            "INT-A|Mail me at [EMAIL], the app kept crashing.|app|auto",
            "INT-A|Mail me at [EMAIL], the app kept crashing.|usage_difficulty|auto",
            "INT-B|The setup was confusing.|setup_onboarding|auto");

    QdaLake.ImportSummary unchanged = QdaLake.importCodings(spark, lake, BOOK, file);
    assertThat(unchanged).as("an untouched file changes nothing").isEqualTo(new QdaLake.ImportSummary(2, 0, 0, 3));
    assertThat(lake.read(spark, LakeTable.SILVER_CODED_SEGMENTS).filter(col("coder").equalTo("manual")).count()).isZero();

    // The analyst recodes "app kept crashing" from usage_difficulty to product_quality in the QDA program.
    Path edited = dir.resolve("edited.qdpx");
    Files.write(edited, recode(Files.readAllBytes(file), project, "usage_difficulty", "product_quality"));
    QdaLake.ImportSummary corrected = QdaLake.importCodings(spark, lake, BOOK, edited);
    assertThat(corrected).isEqualTo(new QdaLake.ImportSummary(2, 1, 0, 2));

    Map<String, Row> rows = rowsByQuoteStart();
    Row crash = rows.get("Mail");
    assertThat(crash.<String>getAs("coder")).isEqualTo("manual");
    assertThat(crash.getList(crash.fieldIndex("theme_ids"))).as("the manual code replaced the automatic one")
        .containsExactly("product_quality");
    assertThat(crash.getList(crash.fieldIndex("touchpoint_ids"))).as("the untouched code stays").containsExactly("app");
    assertThat(crash.<String>getAs("quote")).as("rest of the row kept").isEqualTo("Mail me at [EMAIL], the app kept crashing.");
    assertThat(rows.get("I").<String>getAs("coder")).isEqualTo("auto");

    // Export again: the manual segment travels as the analyst's codings; importing that changes nothing.
    Path again = dir.resolve("again.qdpx");
    QdaLake.exportQdpx(spark, lake, BOOK, null, again);
    assertThat(codes(QdaExport.segmentCodes(RefiQdaReader.read(again))))
        .contains("INT-A|Mail me at [EMAIL], the app kept crashing.|product_quality|manual")
        .doesNotContain("INT-A|Mail me at [EMAIL], the app kept crashing.|usage_difficulty|auto");
    assertThat(QdaLake.importCodings(spark, lake, BOOK, again)).isEqualTo(new QdaLake.ImportSummary(2, 0, 0, 3));

    // Re-coding INT-A (say, a new codebook) replaces its automatic segments and keeps the manual one.
    int mail = A_TURN.indexOf("Mail");
    CodeInterviews.writeSegments(spark, lake, spark.createDataFrame(List.of(
            segment("INT-A", 0, 0, mail - 1, List.of("product_abandonment"), List.of()),
            segment("INT-A", 1, mail, A_TURN.length(), List.of("usage_difficulty"), List.of())),
        CodedSegmentSchema.CODED_SEGMENTS), List.of("INT-A"));
    Map<String, Row> recoded = rowsByQuoteStart();
    assertThat(recoded.get("Mail").<String>getAs("coder")).as("manual survives re-coding").isEqualTo("manual");
    assertThat(recoded.get("Mail").getList(recoded.get("Mail").fieldIndex("theme_ids"))).containsExactly("product_quality");
    assertThat(recoded.get("I").getList(recoded.get("I").fieldIndex("touchpoint_ids"))).as("auto row re-coded").isEmpty();
  }

  @Test
  void importRefusesAFileOfAnotherLake() throws Exception {
    Path file = dir.resolve("other.qdpx");
    QdaLake.exportQdpx(spark, lake, BOOK, null, file);
    byte[] renamed = rewriteProject(Files.readAllBytes(file), xml -> xml.replace("name=\"INT-B\"", "name=\"INT-Z\""));
    Path bad = dir.resolve("bad.qdpx");
    Files.write(bad, renamed);
    assertThatThrownBy(() -> QdaLake.importCodings(spark, lake, BOOK, bad))
        .isInstanceOf(UserError.class).hasMessageContaining("source INT-Z").hasMessageContaining("not in the lake");
  }

  /** interview|selected text|code|auto or manual, sorted. */
  private static List<String> codes(List<SegmentCode> codes) {
    List<String> out = new ArrayList<>();
    for (SegmentCode c : codes) {
      String text = c.interviewId().equals("INT-A") ? layoutA() : layoutB();
      out.add(c.interviewId() + "|" + text.substring(c.charBegin(), c.charEnd()) + "|" + c.codeId() + "|"
          + (c.isManual() ? "manual" : "auto"));
    }
    return out.stream().sorted().toList();
  }

  private static String layoutA() {
    return "Interviewer: How was it?\n\nRespondent: I stopped using the watch after five months. "
        + "Mail me at [EMAIL], the app kept crashing.";
  }

  private static String layoutB() {
    return "Interviewer: And setup?\n\nRespondent: The setup was confusing.";
  }

  private static Map<String, Row> rowsByQuoteStart() {
    Map<String, Row> rows = new TreeMap<>();
    for (Row row : lake.read(spark, LakeTable.SILVER_CODED_SEGMENTS).filter(col("interview_id").equalTo("INT-A")).collectAsList()) {
      rows.put(row.<String>getAs("quote").split(" ")[0], row);
    }
    return rows;
  }

  /** The archive with one coding's code changed and its creator set to a person, as a QDA program saves it. */
  private static byte[] recode(byte[] qdpx, QdaProject project, String from, String to) throws Exception {
    String fromGuid = guidOf(project, from);
    String toGuid = guidOf(project, to);
    QdaCoding coding = project.codings().stream().filter(c -> c.codeGuid().equals(fromGuid)).findFirst().orElseThrow();
    return rewriteProject(qdpx, xml -> {
      int at = xml.indexOf("guid=\"" + coding.guid() + "\"");
      int start = xml.lastIndexOf("<Coding", at);
      int end = xml.indexOf("</Coding>", at);
      String element = xml.substring(start, end)
          .replace(coding.creatingUser(), "0F0F0F0F-0000-4000-8000-000000000001")
          .replace(fromGuid, toGuid);
      return xml.substring(0, start) + element + xml.substring(end);
    });
  }

  private static String guidOf(QdaProject project, String codeName) {
    return project.codes().stream().filter(c -> c.name().equals(codeName)).findFirst().orElseThrow().guid();
  }

  private static byte[] rewriteProject(byte[] qdpx, java.util.function.UnaryOperator<String> edit) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(qdpx)); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equalsIgnoreCase("project.qde")) {
          content = edit.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static Row bronze(String id, String text) {
    return RowFactory.create("landing/interviews/2026-06-01/" + id + ".txt", text.getBytes(StandardCharsets.UTF_8),
        "hash-" + id, Timestamp.valueOf("2026-06-01 02:00:00"), "run-1", "2026-06-01");
  }

  private static Row interview(String id) {
    return RowFactory.create(id, Date.valueOf("2026-05-01"), null, null, "en", true, 2, 1, 10, "hash-" + id,
        "landing/interviews/2026-06-01/" + id + ".txt", BOOK.id(), BOOK.version());
  }

  private static Row segment(String interviewId, int sentence, int begin, int end, List<String> themes, List<String> touchpoints) {
    String turn = interviewId.equals("INT-A") ? A_TURN : "The setup was confusing.";
    String quote = io.triangulate.nlp.pii.Redactor.redact(turn.substring(begin, end));
    return RowFactory.create(
        TranscriptRows.segmentId(interviewId, 1, sentence), interviewId, null, "Respondent", 1, sentence, begin, end,
        "How was it?", quote, themes, List.of(), touchpoints, List.of(), false, null, null, "auto", BOOK.id(),
        BOOK.version(), 1.0, "hash-" + interviewId, List.of(), List.of(), List.of(), null, null, null, null, null);
  }
}
