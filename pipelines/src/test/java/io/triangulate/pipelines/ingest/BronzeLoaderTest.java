package io.triangulate.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.BronzeLoader.BronzeFile;
import io.triangulate.pipelines.ingest.BronzeLoader.Lineage;
import io.triangulate.pipelines.ingest.LandingFiles.LandingFile;
import io.triangulate.pipelines.lake.DeltaWrites;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bronze as delivered files plus one lineage row each: byte-exact copies, rows read back, replacement. */
class BronzeLoaderTest extends SparkTestBase {
  private static final SourceContract CONTRACT = SourceContract.CUSTOMERS;
  private static final LocalDate DATE = LocalDate.of(2026, 3, 1);

  @TempDir Path dir;

  @Test
  void landingCopiesEachFileByteForByteAndReadsItsRowsBack() throws IOException {
    Charset cp1252 = Charset.forName("windows-1252");
    LandingFile a = deliver("a.csv", "C1,2025-01-01T00:00:00Z,Zoë\nC2,2025-01-02T00:00:00Z,x\n", cp1252);
    LandingFile b = deliver("b.csv", "C3,2025-01-03T00:00:00Z,y\n", StandardCharsets.UTF_8);
    String bronze = dir.resolve("bronze/customers").toString();

    BronzeLoader.land(spark, CONTRACT, List.of(a), lineage("run-1"), new SourceOptions(cp1252, null), bronze);
    BronzeLoader.land(spark, CONTRACT, List.of(b), lineage("run-2"), SourceOptions.DEFAULT, bronze);
    List<BronzeFile> files = BronzeLoader.files(spark, bronze, DATE);

    assertThat(files).as("one lineage row per file of the date's last delivery").hasSize(1);
    BronzeFile kept = files.get(0);
    assertThat(kept.sourceFile()).as("the landing path").isEqualTo(b.path());
    assertThat(kept.bronzeFile()).as("the copy lives in the table's files folder")
        .contains("/bronze/customers/" + BronzeSchema.FILES_FOLDER + "/" + DATE + "/").endsWith("/b.csv");
    assertThat(Files.readAllBytes(local(kept.bronzeFile()))).as("the copy is byte-exact")
        .isEqualTo(Files.readAllBytes(local(b.path())));
    assertThat(kept.runId()).as("run id of the replacing delivery").isEqualTo("run-2");
    assertThat(BronzeLoader.rows(spark, CONTRACT, bronze, DATE).count()).as("rows of the replacing delivery").isEqualTo(1);

    BronzeLoader.land(spark, CONTRACT, List.of(a, b), lineage("run-3"), new SourceOptions(cp1252, null), bronze);
    List<Row> rows = BronzeLoader.rows(spark, CONTRACT, bronze, DATE).orderBy("customer_id").collectAsList();
    assertThat(rows).extracting(r -> r.<String>getAs("customer_id")).as("every delivered row").containsExactly("C1", "C2", "C3");
    assertThat(rows.get(0).<String>getAs("age_band")).as("decoded with the recorded encoding").isEqualTo("Zoë");
    assertThat(rows.get(0).<String>getAs(BronzeSchema.SOURCE_FILE)).as("lineage names the landing file").isEqualTo(a.path());
    assertThat(rows.get(0).<String>getAs(BronzeSchema.SOURCE_ENCODING)).isEqualTo("windows-1252");
    assertThat(rows.get(0).<String>getAs(BronzeSchema.RUN_ID)).isEqualTo("run-3");
    assertThat(rows.get(0).<Long>getAs(BronzeSchema.SOURCE_FILE_SIZE)).as("size of the landing file").isEqualTo(a.sizeBytes());
    assertThat(BronzeLoader.holdsSameDelivery(spark, bronze, DATE, List.of(a, b), SourceOptions.DEFAULT))
        .as("the same files are recognised").isTrue();
    assertThat(BronzeLoader.holdsSameDelivery(spark, bronze, DATE, List.of(a), SourceOptions.DEFAULT))
        .as("a file fewer is a new delivery").isFalse();
  }

  @Test
  void aBronzeTableOfTheOldRowLayoutIsRefusedWithAMessage() throws IOException {
    String bronze = dir.resolve("bronze/customers").toString();
    StructType old = new StructType().add("customer_id", DataTypes.StringType).add(BronzeSchema.LANDING_DATE, DataTypes.StringType);
    DeltaWrites.replacePartition(
        spark.createDataFrame(List.of(RowFactory.create("C1", "2026-01-01")), old), bronze, BronzeSchema.LANDING_DATE,
        "2026-01-01");
    LandingFile a = deliver("a.csv", "C1,2025-01-01T00:00:00Z,x\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> BronzeLoader.land(spark, CONTRACT, List.of(a), lineage("run-1"), SourceOptions.DEFAULT, bronze))
        .as("an old bronze table is not silently merged with the new layout")
        .isInstanceOf(UserError.class)
        .hasMessageContaining(bronze)
        .hasMessageContaining("one row per delivered row")
        .hasMessageContaining(BronzeSchema.BRONZE_FILE)
        .hasMessageContaining("ingest its landing dates again");
  }

  private LandingFile deliver(String name, String rows, Charset charset) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("landing/customers/" + DATE));
    Path file = folder.resolve(name);
    Files.write(file, ("customer_id,signed_up_at,age_band\n" + rows).getBytes(charset));
    return LandingFiles.list(spark, folder.toString(), false, name).get(0);
  }

  private static Lineage lineage(String runId) {
    return new Lineage(DATE, runId, Timestamp.from(Instant.parse("2026-03-02T01:00:00Z")));
  }

  private static Path local(String path) {
    return Path.of(new org.apache.hadoop.fs.Path(path).toUri().getPath());
  }
}
