package io.triangulate.pipelines.adapters;

import static io.triangulate.pipelines.adapters.AdapterColumns.attributes;
import static io.triangulate.pipelines.adapters.AdapterColumns.blankToNull;
import static io.triangulate.pipelines.adapters.AdapterColumns.orFound;
import static io.triangulate.pipelines.adapters.AdapterColumns.utcMidnight;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.ingest.SourceContract;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Dated Amazon reviews of one Fitbit tracker → {@code customer_texts}. The file is one JSON array
 * of {title, stars, text, date}; the date reads "Reviewed in the United States 🇺🇸 on June 3,
 * 2023", which gives the country (an attribute) and the day (kept as 00:00 UTC: no zone is known).
 * The reviews have no id: the id is a hash of the whole review, so a review scraped twice is a
 * duplicate, not a second text.
 */
public final class FitbitReviewsAdapter implements Adapter {
  static final String REVIEWS = "product_reviews.json";
  private static final List<String> MONTHS =
      List.of("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December");

  @Override
  public String name() {
    return "fitbit_reviews";
  }

  @Override
  public List<String> inputFiles() {
    return List.of(REVIEWS);
  }

  @Override
  public Map<SourceContract, Dataset<Row>> map(SparkSession spark, AdapterInput input) {
    return Map.of(SourceContract.CUSTOMER_TEXTS, texts(input.jsonArray(spark, REVIEWS)));
  }

  static Dataset<Row> texts(Dataset<Row> reviews) {
    Column date = trim(col("date"));
    // "… on June 3, 2023": the month's name by its position in MONTHS (0 = not a month → no date).
    String onDay = "on (\\w+) (\\d{1,2}), (\\d{4})$";
    Column month = array_position(array(MONTHS.stream().map(m -> lit(m)).toArray(Column[]::new)), regexp_extract(date, onDay, 1));
    Column parsed =
        when(date.rlike(onDay),
            make_date(regexp_extract(date, onDay, 3).cast("int"), month.cast("int"), regexp_extract(date, onDay, 2).cast("int")));
    Column country = regexp_extract(date, "^Reviewed in (?:the )?([A-Za-z .'-]+?)\\s*(?:[^\\sA-Za-z]+\\s+)?on \\w+ \\d", 1);
    Column id = sha2(concat_ws("\u0001", col("title"), col("stars"), col("text"), col("date")), 256);
    return reviews.select(
        concat(lit("FR-"), substring(id, 1, 16)).as("text_id"),
        orFound(utcMidnight(parsed), "date", col("date")).as("written_at"),
        lit("review").as("text_type"),
        lit("fitbit_tracker").as("product_id"),
        col("stars").as("rating"),
        blankToNull(col("title")).as("title"),
        col("text").as("text"),
        attributes(lit("country"), blankToNull(country), lit("data_set"), lit("fitbit_reviews_dated")).as("attributes"));
  }
}
