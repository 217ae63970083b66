package io.triangulate.pipelines.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.lake.Lake;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter registry and its user-facing errors; no data set needed. */
class AdaptersTest extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void helpNamesEveryAdapterOnce() {
    for (Adapter adapter : Adapters.ALL) {
      assertThat(Adapters.HELP).as("--help lists %s", adapter.name()).contains("  " + adapter.name() + " ");
      assertThat(Adapters.named(adapter.name())).isSameAs(adapter);
    }
    assertThat(Adapters.ALL.stream().map(Adapter::name).distinct()).hasSize(Adapters.ALL.size());
  }

  @Test
  void unknownAdapterListsTheKnownOnes() {
    assertThatThrownBy(() -> Adapters.named("telko"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown adapter telko")
        .hasMessageContaining("telco, cdnow, fitbit");
  }

  private static Dataset<Row> strings(List<String> columns, List<List<String>> rows) {
    StructType schema = new StructType();
    for (String column : columns) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    List<Row> data = rows.stream().map(r -> RowFactory.create(r.toArray())).toList();
    return spark.createDataFrame(data, schema);
  }

  private static Map<String, String> byKey(Dataset<Row> mapped, String key, String value) {
    Map<String, String> result = new TreeMap<>();
    for (Row row : mapped.collectAsList()) {
      result.put(row.getAs(key), row.getAs(value));
    }
    return result;
  }

  @Test
  void valuesAnAdapterCannotConvertArePassedOnAsFound() {
    List<String> activity =
        List.of("Id", "ActivityDate", "TotalSteps", "VeryActiveMinutes", "FairlyActiveMinutes", "LightlyActiveMinutes",
            "SedentaryMinutes", "Calories");
    Dataset<Row> fitbit =
        FitbitActivityAdapter.events(strings(activity, List.of(
            List.of("1", "4/13/2016", "10", "1", "2", "3", "4", "5"), List.of("2", "04/12/2016", "20", "", "", "", "", ""),
            List.of("3", "2016-04-14", "30", "", "", "", "", ""), List.of("4", "13/45/2016", "40", "", "", "", "", ""),
            List.of("5", "yesterday", "50", "", "", "", "", ""))));
    assertThat(byKey(fitbit, "customer_id", "occurred_at")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "1", "2016-04-13T00:00:00Z", "2", "2016-04-12T00:00:00Z", "3", "2016-04-14T00:00:00Z",
        "4", "ActivityDate=13/45/2016", "5", "ActivityDate=yesterday"));

    Dataset<Row> cdnow =
        CdnowAdapter.transactions(strings(List.of("value"), List.of(
            List.of(" 00001 19970101  1   11.77"), List.of(" 00002 19971301  1   1.00"), List.of("a torn line"))));
    assertThat(byKey(cdnow.where("customer_id is not null"), "customer_id", "occurred_at"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("00001", "1997-01-01", "00002", "date=19971301"));
    assertThat(cdnow.where("customer_id is null").first().<String>getAs("product_id"))
        .as("a line without four fields keeps its text").isEqualTo("a torn line");

    Dataset<Row> reviews =
        FitbitReviewsAdapter.texts(strings(List.of("title", "stars", "text", "date"), List.of(
            List.of(" A", "5", "fine", "Reviewed in the United Kingdom on December 31, 2022"),
            List.of(" B", "1", "bad", "Reviewed in Germany on Smarch 3, 2023"))));
    assertThat(byKey(reviews, "title", "written_at")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "A", "2022-12-31T00:00:00Z", "B", "date=Reviewed in Germany on Smarch 3, 2023"));
  }

  @Test
  void missingInputFileNamesTheFilesTheAdapterNeeds() {
    Lake lake = new Lake(dir.resolve("lake").toString());
    assertThatThrownBy(() ->
            Adapters.run(spark, lake, Adapters.named("telco"), dir.resolve("empty").toString(), LocalDate.of(2026, 7, 1), "run"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("adapter telco needs this file")
        .hasMessageContaining(TelcoAdapter.DEMOGRAPHICS)
        .hasMessageContaining(TelcoAdapter.STATUS)
        .hasMessageContaining("--input");
  }
}
