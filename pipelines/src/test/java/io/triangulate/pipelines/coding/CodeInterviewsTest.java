package io.triangulate.pipelines.coding;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.BronzeSchema;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("models")
class CodeInterviewsTest extends SparkTestBase {
  private static final String INT_01 =
      """
      ---
      interview_id: INT-01
      date: 2026-05-14
      customer_id: C001
      persona: lapsed runner
      ---
      Interviewer: How did it go with the watch?
      Respondent: I stopped using the watch after about five months. My email is bob@example.com.
      Interviewer: And the app?
      Respondent: I never had a problem with the app.
      """;
  private static final String INT_02 =
      """
      Interviewer: How did you hear about us?
      Respondent: I saw an ad on Instagram and ordered the watch the same evening.
      Interviewer: Anything else?
      Respondent: It was too expensive.
      """;
  private static final String INT_02_CHANGED =
      """
      Interviewer: Anything else?
      Respondent: It was too expensive.
      """;
  private static final String FRENCH =
      "Q: Pourquoi?\nR: Je ne la porte plus, c'est trop cher et la batterie est nulle.\n";
  private static final String NOT_A_TRANSCRIPT = "Some notes\nwithout speakers\n";

  @TempDir Path dir;

  @Test
  void codesNewTranscriptsOnceAndRecodesChangedTextsAndCodebooks() {
    Lake lake = new Lake(dir.toString());
    writeBronze(lake, List.of(
        bronzeRow("landing/interviews/2026-06-01/INT-01.txt", INT_01, "2026-06-01"),
        bronzeRow("landing/interviews/2026-06-01/INT-02.txt", INT_02, "2026-06-01"),
        bronzeRow("landing/interviews/2026-06-01/INT-03.txt", FRENCH, "2026-06-01"),
        bronzeRow("landing/interviews/2026-06-01/notes.txt", NOT_A_TRANSCRIPT, "2026-06-01")));
    Codebook codebook = Codebook.defaultCustomerJourney();

    CodingSummary first = CodeInterviews.run(spark, lake, null);

    assertThat(first.transcripts()).isEqualTo(4);
    assertThat(first.interviewsCoded()).as("INT-01, INT-02, INT-03 (French: recorded, not coded)").isEqualTo(3);
    assertThat(first.failures()).hasSize(1);
    assertThat(first.failures().get(0)).contains("notes.txt").contains("no speaker labels");

    Dataset<Row> expectedInterviews = spark.createDataFrame(List.of(
        RowFactory.create("INT-01", Date.valueOf("2026-05-14"), "C001", "lapsed runner", "en", true, 4, 2, 21,
            sha256(INT_01), "landing/interviews/2026-06-01/INT-01.txt", codebook.id(), codebook.version()),
        RowFactory.create("INT-02", null, null, null, "en", true, 4, 2, 17,
            sha256(INT_02), "landing/interviews/2026-06-01/INT-02.txt", codebook.id(), codebook.version()),
        RowFactory.create("INT-03", null, null, null, "fr", false, 2, 1, 13,
            sha256(FRENCH), "landing/interviews/2026-06-01/INT-03.txt", codebook.id(), codebook.version())),
        CodedSegmentSchema.INTERVIEWS);
    assertSameRows(expectedInterviews, lake.read(spark, LakeTable.SILVER_INTERVIEWS));

    Map<String, Row> segments = segmentsByPosition(lake);
    assertThat(segments).as("coded sentences").containsOnlyKeys("INT-01/1/0", "INT-01/1/1", "INT-01/3/0",
        "INT-02/1/0", "INT-02/3/0");
    Row abandonment = segments.get("INT-01/1/0");
    assertThat(abandonment.<String>getAs("quote")).isEqualTo("I stopped using the watch after about five months.");
    assertThat(abandonment.getList(abandonment.fieldIndex("theme_ids"))).containsExactly("product_abandonment");
    assertThat(abandonment.<Integer>getAs("duration_days")).isEqualTo(150);
    assertThat(abandonment.<String>getAs("question")).isEqualTo("How did it go with the watch?");
    assertThat(abandonment.<String>getAs("customer_id")).isEqualTo("C001");
    assertThat(abandonment.<String>getAs("speaker")).isEqualTo("Respondent");
    assertThat(abandonment.<String>getAs("coder")).isEqualTo("auto");
    assertThat(abandonment.<String>getAs("segment_id")).matches("[0-9a-f]{32}");

    Row email = segments.get("INT-01/1/1");
    assertThat(email.<String>getAs("quote")).as("redacted").isEqualTo("My email is [EMAIL].");
    assertThat(email.getList(email.fieldIndex("touchpoint_ids"))).containsExactly("email");

    Row negated = segments.get("INT-01/3/0");
    assertThat(negated.getList(negated.fieldIndex("theme_ids"))).isEmpty();
    assertThat(negated.getList(negated.fieldIndex("touchpoint_ids"))).containsExactly("app");
    assertThat(negated.getList(negated.fieldIndex("negated_code_ids"))).containsExactly("usage_difficulty");
    assertThat(negated.<Boolean>getAs("is_negated")).isTrue();

    Row ad = segments.get("INT-02/1/0");
    assertThat(ad.getList(ad.fieldIndex("touchpoint_ids"))).contains("social_media", "advertising", "device");
    assertThat(ad.getList(ad.fieldIndex("phase_ids"))).contains("purchase");
    assertThat(segments.get("INT-02/3/0").getList(segments.get("INT-02/3/0").fieldIndex("theme_ids")))
        .containsExactly("price_value");
    assertThat(ad.<String>getAs("action")).as("journey action of the ad sentence").isEqualTo("see ad");
    assertThat(ad.getList(ad.fieldIndex("action_ids"))).contains("buy_product");
    assertThat(abandonment.<String>getAs("action")).isEqualTo("stop use watch");
    assertThat(abandonment.<Integer>getAs("sentiment")).as("sentiment of a coded sentence").isBetween(0, 4);
    assertThat(abandonment.<Double>getAs("turn_offset_seconds")).as("plain transcripts carry no times").isNull();

    // Rerun with nothing new: no coding, no commit.
    long interviewsVersion = version(lake, LakeTable.SILVER_INTERVIEWS);
    long segmentsVersion = version(lake, LakeTable.SILVER_CODED_SEGMENTS);
    CodingSummary rerun = CodeInterviews.run(spark, lake, null);
    assertThat(rerun.interviewsCoded()).as("interviews coded by a rerun").isZero();
    assertThat(rerun.segmentsWritten()).isZero();
    assertThat(version(lake, LakeTable.SILVER_INTERVIEWS)).isEqualTo(interviewsVersion);
    assertThat(version(lake, LakeTable.SILVER_CODED_SEGMENTS)).isEqualTo(segmentsVersion);

    // INT-02 delivered again, shorter: its old segments must go, INT-01's stay.
    Dataset<Row> redelivery = spark.createDataFrame(
        List.of(bronzeRow("landing/interviews/2026-06-02/INT-02.txt", INT_02_CHANGED, "2026-06-02")),
        BronzeSchema.INTERVIEW_TRANSCRIPTS);
    redelivery.write().format("delta").mode("append").save(lake.path(LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS));
    CodingSummary recode = CodeInterviews.run(spark, lake, null);
    assertThat(recode.interviewsCoded()).isEqualTo(1);
    assertThat(segmentsByPosition(lake)).containsOnlyKeys("INT-01/1/0", "INT-01/1/1", "INT-01/3/0", "INT-02/1/0");
    assertThat(segmentsByPosition(lake).get("INT-02/1/0").<String>getAs("quote")).isEqualTo("It was too expensive.");
    Row int02 = lake.read(spark, LakeTable.SILVER_INTERVIEWS).filter(col("interview_id").equalTo("INT-02")).first();
    assertThat(int02.<String>getAs("content_hash")).isEqualTo(sha256(INT_02_CHANGED));
    assertThat(int02.<String>getAs("source_file")).isEqualTo("landing/interviews/2026-06-02/INT-02.txt");

    // A new codebook version re-codes every interview, and only its codes remain.
    String v2 = "id: mini\nversion: 2\ncodes:\n  - id: price_value\n    dimension: theme\n    include: [expensive]\n";
    CodingSummary newCodebook = CodeInterviews.run(spark, lake, v2);
    assertThat(newCodebook.interviewsCoded()).as("INT-01, INT-02, INT-03").isEqualTo(3);
    assertThat(segmentsByPosition(lake)).containsOnlyKeys("INT-02/1/0");
    assertThat(lake.read(spark, LakeTable.SILVER_INTERVIEWS).select("codebook_id", "codebook_version").distinct()
        .collectAsList()).containsExactly(RowFactory.create("mini", "2"));
  }

  @Test
  void badFilesAreNamedAndTheRestOfTheBatchIsCoded() {
    Lake lake = new Lake(dir.toString());
    String priced = "Interviewer: Anything else?\nRespondent: The caf\u00e9 said it was too expensive.\n";
    String oneLine = "Interviewer: Hi. Respondent: " + "It was too expensive. ".repeat(50_000);
    writeBronze(lake, List.of(
        bronzeRow("in/empty.txt", new byte[0], "2026-06-01"),
        bronzeRow("in/photo.txt", new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0x10, 0x4A, 0x46, 0, 0}, "2026-06-01"),
        bronzeRow("in/one-line.txt", oneLine.getBytes(StandardCharsets.UTF_8), "2026-06-01"),
        bronzeRow("in/notes.txt", NOT_A_TRANSCRIPT.getBytes(StandardCharsets.UTF_8), "2026-06-01"),
        bronzeRow("in/utf16.txt", priced.getBytes(StandardCharsets.UTF_16LE), "2026-06-01"),
        bronzeRow("in/latin1.txt", priced.getBytes(StandardCharsets.ISO_8859_1), "2026-06-01"),
        bronzeRow("in/INT-02.txt", INT_02.getBytes(StandardCharsets.UTF_8), "2026-06-01")));

    CodingSummary summary = CodeInterviews.run(spark, lake, null);

    assertThat(summary.failures()).as("one message per bad file, naming it").hasSize(4)
        .anySatisfy(m -> assertThat(m).contains("in/empty.txt", "empty"))
        .anySatisfy(m -> assertThat(m).contains("in/photo.txt", "binary"))
        .anySatisfy(m -> assertThat(m).contains("in/one-line.txt, line 1", "line too long"))
        .anySatisfy(m -> assertThat(m).contains("in/notes.txt, line 1", "no speaker labels"));
    assertThat(summary.interviewsCoded()).as("the readable files are still coded").isEqualTo(3);
    Map<String, Row> segments = segmentsByPosition(lake);
    assertThat(segments).containsKeys("utf16/1/0", "latin1/1/0", "INT-02/3/0");
    assertThat(segments.get("utf16/1/0").<String>getAs("quote")).as("UTF-16 without BOM decoded")
        .isEqualTo("The caf\u00e9 said it was too expensive.");
    assertThat(segments.get("latin1/1/0").<String>getAs("quote")).as("Latin-1 decoded")
        .isEqualTo("The caf\u00e9 said it was too expensive.");
  }

  @Test
  void olderSegmentTablesGainTheJourneyColumns() {
    String path = dir.resolve("old_segments").toString();
    Row old = RowFactory.create("s1", "I1", null, "Respondent", 1, 0, 0, 5, null, "Quote", new String[] {"price_value"},
        new String[0], new String[0], new String[0], false, null, null, "auto", "customer_journey", "1", 1.0, "h");
    StructType oldSchema = new StructType(java.util.Arrays.stream(CodedSegmentSchema.CODED_SEGMENTS.fields())
        .filter(f -> !CodedSegmentSchema.ADDED_SEGMENT_COLUMNS.contains(f.name())).toArray(StructField[]::new));
    DeltaWrites.overwrite(spark.createDataFrame(List.of(old), oldSchema), path);

    CodeInterviews.addMissingColumns(spark, path);
    CodeInterviews.addMissingColumns(spark, path); // a second call finds nothing to add

    Dataset<Row> evolved = spark.read().format("delta").load(path);
    assertThat(evolved.schema().fieldNames()).containsExactly(CodedSegmentSchema.CODED_SEGMENTS.fieldNames());
    Row row = evolved.first();
    assertThat(row.<String>getAs("quote")).isEqualTo("Quote");
    assertThat(row.<String>getAs("action")).isNull();
    assertThat(DeltaTable.forPath(spark, path).history().count()).as("one write, one schema change").isEqualTo(2);
  }

  private static Map<String, Row> segmentsByPosition(Lake lake) {
    Map<String, Row> byPosition = new TreeMap<>();
    for (Row row : lake.read(spark, LakeTable.SILVER_CODED_SEGMENTS).collectAsList()) {
      byPosition.put(row.getAs("interview_id") + "/" + row.getAs("turn_index") + "/" + row.getAs("sentence_index"), row);
    }
    return byPosition;
  }

  private static long version(Lake lake, LakeTable table) {
    return DeltaTable.forPath(spark, lake.path(table)).history(1).select("version").first().getLong(0);
  }

  private static void writeBronze(Lake lake, List<Row> rows) {
    DeltaWrites.overwrite(
        spark.createDataFrame(new ArrayList<>(rows), BronzeSchema.INTERVIEW_TRANSCRIPTS),
        lake.path(LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS));
  }

  private static Row bronzeRow(String file, String text, String landingDate) {
    return RowFactory.create(file, text.getBytes(StandardCharsets.UTF_8), sha256(text),
        Timestamp.valueOf(landingDate + " 02:00:00"), "run-" + landingDate, landingDate);
  }

  private static Row bronzeRow(String file, byte[] content, String landingDate) {
    return RowFactory.create(file, content, HexFormat.of().formatHex(sha256Bytes(content)),
        Timestamp.valueOf(landingDate + " 02:00:00"), "run-" + landingDate, landingDate);
  }

  private static String sha256(String text) {
    return HexFormat.of().formatHex(sha256Bytes(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256Bytes(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
