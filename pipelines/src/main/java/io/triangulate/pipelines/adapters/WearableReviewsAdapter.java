package io.triangulate.pipelines.adapters;

import static io.triangulate.pipelines.adapters.AdapterColumns.attributes;
import static io.triangulate.pipelines.adapters.AdapterColumns.blankToNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;

import io.triangulate.pipelines.ingest.SourceContract;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Human-coded wearable reviews → {@code customer_texts}: one review per row of {@code reviews.csv}
 * (Amazon reviews of Fitbit Charge 4, Charge 5 and Inspire 2). Reviews are anonymous and undated,
 * so {@code customer_id} and {@code written_at} stay empty; the device becomes the product id
 * ({@code fitbit_charge_4}) and the country an attribute. The coded clauses are not texts of their
 * own: eval-coding reads them from the data set.
 */
public final class WearableReviewsAdapter implements Adapter {
  static final String REVIEWS = "reviews.csv";

  @Override
  public String name() {
    return "wearable_reviews";
  }

  @Override
  public List<String> inputFiles() {
    return List.of(REVIEWS);
  }

  @Override
  public Map<SourceContract, Dataset<Row>> map(SparkSession spark, AdapterInput input) {
    Dataset<Row> reviews = input.csv(spark, REVIEWS);
    return Map.of(
        SourceContract.CUSTOMER_TEXTS,
        reviews.select(
            col("review_id").as("text_id"),
            lit("review").as("text_type"),
            regexp_replace(lower(trim(col("device"))), "\\s+", "_").as("product_id"),
            col("rating").as("rating"),
            col("review_text").as("text"),
            attributes(lit("country"), blankToNull(col("country")), lit("data_set"), lit("wearable_reviews")).as("attributes")));
  }
}
