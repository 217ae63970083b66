package io.triangulate.pipelines.coding;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.triangulate.nlp.coding.SegmentCoder;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.BronzeSchema;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("models")
class CodeTextsTest extends SparkTestBase {
  private static final StructType SILVER =
      SourceContract.CUSTOMER_TEXTS.silverSchema()
          .add(BronzeSchema.SOURCE_FILE, DataTypes.StringType, true)
          .add(BronzeSchema.LANDING_DATE, DataTypes.StringType, true);
  private static final LocalDate DAY = LocalDate.parse("2026-06-02");

  @TempDir Path dir;

  @Test
  void codesTextsWithProvenanceOnceAndRecodesOnlyWhatChanged() {
    Lake lake = new Lake(dir.toString());
    List<Row> texts = new ArrayList<>(List.of(
        text("R1", "C001", "review", 2,
            "I stopped using the watch after about five months. My email is bob@example.com.", "2026-06-01"),
        text("T2", null, "support", null,
            "My sister Anna said it was too expensive. I never had a problem with the app.", "2026-06-01"),
        text("R3", null, "review", 1, "Je ne la porte plus, c'est trop cher et la batterie est nulle.", "2026-06-01"),
        text("R4", null, "review", 5, "Nice colour.", "2026-06-02"),
        text("R5", null, "survey", null, "price ".repeat(20_000), "2026-06-02"),
        text("R6", null, "review", 1, "It was too expensive.", "2026-06-05")));
    DeltaWrites.overwrite(spark.createDataFrame(texts, SILVER), lake.path(LakeTable.SILVER_CUSTOMER_TEXTS));

    TextCodingSummary first = CodeTexts.run(spark, lake, DAY, null);

    assertThat(first.texts()).as("texts landed by %s (R6 lands later)", DAY).isEqualTo(5);
    assertThat(first.textsCoded()).as("every text landed by then gets a coding row").isEqualTo(5);
    assertThat(first.failures()).singleElement().asString()
        .as("the over-long text is named and skipped").contains("R5", "120,000 characters", "at most 100,000");

    Map<String, Row> segments = segmentsByPosition(lake);
    assertThat(segments).as("coded sentences (R3 is French, R4 matches no code)")
        .containsOnlyKeys("R1/0", "R1/1", "T2/0", "T2/1");
    assertThat(first.segmentsWritten()).isEqualTo(4);
    Row abandonment = segments.get("R1/0");
    assertThat(abandonment.<String>getAs("quote")).isEqualTo("I stopped using the watch after about five months.");
    assertThat(abandonment.getList(abandonment.fieldIndex("theme_ids"))).containsExactly("product_abandonment");
    assertThat(abandonment.<Integer>getAs("duration_days")).isEqualTo(150);
    assertThat(abandonment.<String>getAs("customer_id")).as("pseudonymous author id").isEqualTo("C001");
    assertThat(abandonment.<String>getAs("text_type")).isEqualTo("review");
    assertThat(abandonment.<Integer>getAs("rating")).isEqualTo(2);
    assertThat(abandonment.<Timestamp>getAs("written_at")).isEqualTo(Timestamp.valueOf("2026-05-30 10:00:00"));
    assertThat(List.of(abandonment.<Integer>getAs("char_begin"), abandonment.<Integer>getAs("char_end")))
        .as("sentence offsets into the text").containsExactly(0, 50);
    assertThat(abandonment.<String>getAs("coder")).isEqualTo("auto");
    assertThat(abandonment.<Integer>getAs("sentiment")).as("sentiment of a coded sentence").isBetween(0, 4);
    assertThat(abandonment.<String>getAs("segment_id")).matches("[0-9a-f]{32}");

    Row email = segments.get("R1/1");
    assertThat(List.of(email.<Integer>getAs("char_begin"), email.<Integer>getAs("char_end"))).containsExactly(51, 79);
    assertThat(email.<String>getAs("quote")).as("e-mail redacted").isEqualTo("My email is [EMAIL].");
    Row sister = segments.get("T2/0");
    assertThat(sister.<String>getAs("quote")).as("name redacted").isEqualTo("My sister [NAME] said it was too expensive.");
    assertThat(sister.getList(sister.fieldIndex("theme_ids"))).containsExactly("price_value");
    assertThat(sister.<String>getAs("customer_id")).as("support text without a known author").isNull();
    Row negated = segments.get("T2/1");
    assertThat(negated.getList(negated.fieldIndex("negated_code_ids"))).containsExactly("usage_difficulty");
    assertThat(negated.<Boolean>getAs("is_negated")).isTrue();

    Map<String, Row> codings = codings(lake);
    assertThat(codings).containsOnlyKeys("R1", "T2", "R3", "R4", "R5");
    assertThat(codings.get("R1").<Integer>getAs("segment_count")).isEqualTo(2);
    assertThat(codings.get("R3").<String>getAs("language")).isEqualTo("fr");
    assertThat(codings.get("R3").<Boolean>getAs("is_supported_language")).isFalse();
    assertThat(codings.get("R4").<Integer>getAs("segment_count")).as("coded, nothing found").isZero();
    assertThat(codings.get("R5").<String>getAs("problem")).contains("120,000 characters");

    // Rerun with nothing new: no CoreNLP, no commit.
    long annotated = SegmentCoder.annotatedCount();
    long segmentsVersion = version(lake, LakeTable.SILVER_CODED_TEXTS);
    long codingsVersion = version(lake, LakeTable.SILVER_TEXT_CODINGS);
    TextCodingSummary rerun = CodeTexts.run(spark, lake, DAY, null);
    assertThat(rerun.textsCoded()).as("texts coded by a rerun").isZero();
    assertThat(SegmentCoder.annotatedCount()).as("texts annotated by a rerun").isEqualTo(annotated);
    assertThat(version(lake, LakeTable.SILVER_CODED_TEXTS)).isEqualTo(segmentsVersion);
    assertThat(version(lake, LakeTable.SILVER_TEXT_CODINGS)).isEqualTo(codingsVersion);

    // A later day: R6 lands, and T2 is edited (its second sentence dropped); only those two are annotated,
    // this time without sentiment.
    texts.set(1, text("T2", null, "support", null, "My sister Anna said it was too expensive.", "2026-06-05"));
    DeltaWrites.overwrite(spark.createDataFrame(texts, SILVER), lake.path(LakeTable.SILVER_CUSTOMER_TEXTS));
    TextCodingSummary later = CodeTexts.run(spark, lake, LocalDate.parse("2026-06-05"), null, false);
    assertThat(later.textsCoded()).as("R6 and the changed T2").isEqualTo(2);
    assertThat(SegmentCoder.annotatedCount() - annotated).as("texts annotated").isEqualTo(2);
    assertThat(segmentsByPosition(lake)).as("T2's dropped sentence is gone")
        .containsOnlyKeys("R1/0", "R1/1", "T2/0", "R6/0");
    assertThat(segmentsByPosition(lake).get("R6/0").<Integer>getAs("sentiment")).as("coded without sentiment").isNull();
    assertThat(segmentsByPosition(lake).get("R1/0").<Integer>getAs("sentiment")).as("R1 kept").isNotNull();
  }

  private static Row text(String id, String customerId, String type, Integer rating, String text, String landingDate) {
    return RowFactory.create(id, customerId, Timestamp.valueOf("2026-05-30 10:00:00"), type, "sports_watch", rating,
        null, text, null, "landing/customer_texts/" + landingDate + "/customer_texts.jsonl", landingDate);
  }

  private static Map<String, Row> segmentsByPosition(Lake lake) {
    Map<String, Row> byPosition = new TreeMap<>();
    for (Row row : lake.read(spark, LakeTable.SILVER_CODED_TEXTS).collectAsList()) {
      byPosition.put(row.getAs("text_id") + "/" + row.getAs("sentence_index"), row);
    }
    return byPosition;
  }

  private static Map<String, Row> codings(Lake lake) {
    Map<String, Row> byText = new TreeMap<>();
    for (Row row : lake.read(spark, LakeTable.SILVER_TEXT_CODINGS).filter(col("text_id").isNotNull()).collectAsList()) {
      byText.put(row.getAs("text_id"), row);
    }
    return byText;
  }

  private static long version(Lake lake, LakeTable table) {
    return DeltaTable.forPath(spark, lake.path(table)).history(1).select("version").first().getLong(0);
  }
}
