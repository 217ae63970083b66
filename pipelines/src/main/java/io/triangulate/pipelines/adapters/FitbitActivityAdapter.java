package io.triangulate.pipelines.adapters;

import static io.triangulate.pipelines.adapters.AdapterColumns.attributes;
import static io.triangulate.pipelines.adapters.AdapterColumns.blankToNull;
import static io.triangulate.pipelines.adapters.AdapterColumns.numericDate;
import static io.triangulate.pipelines.adapters.AdapterColumns.orFound;
import static io.triangulate.pipelines.adapters.AdapterColumns.utcMidnight;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
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
 * Fitbit daily activity → {@code channel_events}: one {@code daily_activity} usage event per user
 * and day on channel {@code device}, with steps, active minutes and calories as attributes. Dates
 * come as {@code 4/13/2016} and {@code 04/12/2016} (and ISO in other exports); the data set has no
 * zone, so a day is kept as its calendar date at 00:00 UTC. The two merged export periods repeat 24
 * user-days: the event id is user + day, so ingest counts the repeats as duplicates.
 */
public final class FitbitActivityAdapter implements Adapter {
  static final String DAILY_ACTIVITY = "dailyActivity_merged.csv";

  @Override
  public String name() {
    return "fitbit";
  }

  @Override
  public List<String> inputFiles() {
    return List.of(DAILY_ACTIVITY);
  }

  @Override
  public Map<SourceContract, Dataset<Row>> map(SparkSession spark, AdapterInput input) {
    return Map.of(SourceContract.CHANNEL_EVENTS, events(input.csv(spark, DAILY_ACTIVITY)));
  }

  static Dataset<Row> events(Dataset<Row> activity) {
    Column raw = trim(col("ActivityDate"));
    // 4/13/2016 and 04/12/2016 (month first), or ISO.
    Column day =
        coalesce(
            numericDate(raw, "^(\\d{1,2})/(\\d{1,2})/(\\d{4})$", "mdy"),
            numericDate(raw, "^(\\d{4})-(\\d{2})-(\\d{2})$", "ymd"));
    Column user = blankToNull(col("Id"));
    Column attributes =
        attributes(
                lit("total_steps"), blankToNull(col("TotalSteps")),
                lit("very_active_minutes"), blankToNull(col("VeryActiveMinutes")),
                lit("fairly_active_minutes"), blankToNull(col("FairlyActiveMinutes")),
                lit("lightly_active_minutes"), blankToNull(col("LightlyActiveMinutes")),
                lit("sedentary_minutes"), blankToNull(col("SedentaryMinutes")),
                lit("calories_kcal"), blankToNull(col("Calories")));
    return activity.select(
        concat_ws("-", lit("fitbit"), user, coalesce(day.cast("string"), raw)).as("event_id"),
        user.as("customer_id"),
        orFound(utcMidnight(day), "ActivityDate", col("ActivityDate")).as("occurred_at"),
        lit("device").as("channel"),
        lit("daily_activity").as("event_type"),
        lit("fitbit_tracker").as("product_id"),
        attributes.as("attributes"));
  }
}
