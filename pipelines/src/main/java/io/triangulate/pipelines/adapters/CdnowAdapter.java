package io.triangulate.pipelines.adapters;

import static io.triangulate.pipelines.adapters.AdapterColumns.localDate;
import static io.triangulate.pipelines.adapters.AdapterColumns.numericDate;
import static io.triangulate.pipelines.adapters.AdapterColumns.orFound;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.ingest.SourceOptions;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * CDNOW master log → {@code transactions}: one whitespace-separated line per purchase (customer id,
 * date yyyymmdd, number of CDs, dollar value), no header. Dates are CDNOW's local dates, so the
 * source's time zone is America/New_York (CDNOW was in Pennsylvania) and ingest stores each
 * purchase at local midnight in UTC.
 */
public final class CdnowAdapter implements Adapter {
  static final String MASTER = "CDNOW_master.txt";
  /** Zone of CDNOW's dates. */
  public static final ZoneId TIME_ZONE = ZoneId.of("America/New_York");

  @Override
  public String name() {
    return "cdnow";
  }

  @Override
  public List<String> inputFiles() {
    return List.of(MASTER);
  }

  @Override
  public Map<String, SourceOptions> options() {
    return Map.of("transactions", SourceOptions.DEFAULT.withTimeZone(TIME_ZONE));
  }

  @Override
  public Map<SourceContract, Dataset<Row>> map(SparkSession spark, AdapterInput input) {
    return Map.of(SourceContract.TRANSACTIONS, transactions(input.lines(spark, MASTER)));
  }

  /** One transaction per line; a line without four fields keeps its text in the product column. */
  static Dataset<Row> transactions(Dataset<Row> lines) {
    Column fields = split(trim(col("value")), "\\s+");
    Dataset<Row> parsed =
        lines.select(
            col("value"),
            when(size(fields).equalTo(4), element_at(fields, 1)).as("customer"),
            when(size(fields).equalTo(4), element_at(fields, 2)).as("day"),
            when(size(fields).equalTo(4), element_at(fields, 3)).as("cds"),
            when(size(fields).equalTo(4), element_at(fields, 4)).as("dollars"));
    // The log has no id, and one customer may buy the same on the same day twice (255 such lines are
    // separate purchases): number the customer's lines of a day; equal lines are interchangeable.
    Column n =
        row_number().over(Window.partitionBy(col("customer"), col("day")).orderBy(col("cds"), col("dollars"), col("value")));
    Column occurred = localDate(numericDate(col("day"), "^(\\d{4})(\\d{2})(\\d{2})$", "ymd"));
    return parsed.select(
        concat_ws("-", col("customer"), col("day"), n.cast("string")).as("transaction_id"),
        col("customer").as("customer_id"),
        orFound(occurred, "date", col("day")).as("occurred_at"),
        when(col("customer").isNotNull(), lit("cd")).otherwise(col("value")).as("product_id"),
        lit("music").as("product_category"),
        col("cds").as("quantity"),
        col("dollars").as("amount"),
        lit("USD").as("currency"),
        lit("web").as("channel"));
  }
}
