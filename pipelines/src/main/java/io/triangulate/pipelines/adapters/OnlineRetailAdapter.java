package io.triangulate.pipelines.adapters;

import static io.triangulate.pipelines.adapters.AdapterColumns.blankToNull;
import static io.triangulate.pipelines.adapters.AdapterColumns.orFound;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
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
import org.apache.spark.sql.types.DataTypes;

/**
 * UCI Online Retail sample → {@code transactions}, one per invoice line. Returns (invoices
 * {@code C…}, negative quantities) stay transactions with negative quantity and amount, as the
 * contract says; lines without a customer id are quarantined by the contract's {@code required}
 * rule. The line has no id: it is the invoice number plus a hash of the whole line, so a line
 * repeated within the sample is counted as a duplicate. Invoice times are UK local time
 * (Europe/London); amount = quantity × unit price in GBP, rounded to cents.
 */
public final class OnlineRetailAdapter implements Adapter {
  static final String LINES = "OnlineRetail_random30k_lines.csv";
  /** Zone of the retailer's invoice times. */
  public static final ZoneId TIME_ZONE = ZoneId.of("Europe/London");

  @Override
  public String name() {
    return "online_retail";
  }

  @Override
  public List<String> inputFiles() {
    return List.of(LINES);
  }

  @Override
  public Map<String, SourceOptions> options() {
    return Map.of("transactions", SourceOptions.DEFAULT.withTimeZone(TIME_ZONE));
  }

  @Override
  public Map<SourceContract, Dataset<Row>> map(SparkSession spark, AdapterInput input) {
    return Map.of(SourceContract.TRANSACTIONS, transactions(input.csv(spark, LINES)));
  }

  static Dataset<Row> transactions(Dataset<Row> lines) {
    Column quantity = trim(col("Quantity"));
    Column price = trim(col("UnitPrice"));
    Column amount =
        when(quantity.rlike("^-?\\d+$").and(price.rlike("^-?\\d+(\\.\\d+)?$")),
            quantity.cast(DataTypes.createDecimalType(10, 0))
                .multiply(price.cast(DataTypes.createDecimalType(14, 4)))
                .cast(DataTypes.createDecimalType(12, 2))
                .cast(DataTypes.StringType));
    Column line =
        sha2(concat_ws("\u0001", col("InvoiceNo"), col("StockCode"), col("Description"), col("Quantity"),
            col("InvoiceDate"), col("UnitPrice"), col("CustomerID"), col("Country")), 256);
    return lines.select(
        concat(trim(col("InvoiceNo")), lit("-"), substring(line, 1, 12)).as("transaction_id"),
        // Excel wrote the ids as numbers: 12923.0
        regexp_replace(blankToNull(col("CustomerID")), "\\.0$", "").as("customer_id"),
        trim(col("InvoiceDate")).as("occurred_at"),
        blankToNull(col("StockCode")).as("product_id"),
        quantity.as("quantity"),
        orFound(amount, "Quantity*UnitPrice", concat_ws("*", col("Quantity"), col("UnitPrice"))).as("amount"),
        lit("GBP").as("currency"),
        lit("web").as("channel"));
  }
}
