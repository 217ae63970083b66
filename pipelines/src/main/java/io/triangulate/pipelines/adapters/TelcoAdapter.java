package io.triangulate.pipelines.adapters;

import static io.triangulate.pipelines.adapters.AdapterColumns.blankToNull;
import static io.triangulate.pipelines.adapters.AdapterColumns.orFound;
import static io.triangulate.pipelines.adapters.AdapterColumns.utcMidnight;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.ingest.SourceContract;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * IBM Telco customer churn v11 → {@code customers} (every customer), {@code churn} (customers
 * whose status is Churned) and {@code transactions} (each customer's contract, see {@link #contracts}). The data set is one quarter's snapshot with tenure in months and no
 * dates, so dates are placed relative to {@link #REFERENCE_DATE}, the snapshot's end: a customer
 * signed up {@code tenure} months before it, and a churned customer's churn is dated on it.
 */
public final class TelcoAdapter implements Adapter {
  /**
   * End of the snapshot quarter (Q3). The data set has no year; 2019 is the release year of
   * version 11.1.3. Any reference date shifts all dates alike, so tenures stay exact.
   */
  public static final LocalDate REFERENCE_DATE = LocalDate.of(2019, 9, 30);

  static final String DEMOGRAPHICS = "Telco_customer_churn_demographics.csv";
  static final String LOCATION = "Telco_customer_churn_location.csv";
  static final String SERVICES = "Telco_customer_churn_services.csv";
  static final String STATUS = "Telco_customer_churn_status.csv";

  @Override
  public String name() {
    return "telco";
  }

  @Override
  public List<String> inputFiles() {
    return List.of(DEMOGRAPHICS, LOCATION, SERVICES, STATUS);
  }

  @Override
  public Map<SourceContract, Dataset<Row>> map(SparkSession spark, AdapterInput input) {
    Dataset<Row> demographics = input.csv(spark, DEMOGRAPHICS).select(col("Customer ID").as("id"), col("Age"));
    Dataset<Row> location = input.csv(spark, LOCATION).select(col("Customer ID").as("l_id"), col("City"));
    Dataset<Row> services =
        input.csv(spark, SERVICES)
            .select(col("Customer ID").as("s_id"), col("Tenure in Months"), col("Referred a Friend"), col("Contract"),
                col("Monthly Charge"));
    Dataset<Row> status =
        input.csv(spark, STATUS)
            .select(col("Customer ID").as("st_id"), col("Customer Status"), col("Churn Category"), col("Churn Reason"));

    // Demographics has one row per customer; the other files are joined onto it, never filtered.
    Dataset<Row> joined =
        demographics
            .join(location, col("id").equalTo(col("l_id")), "left")
            .join(services, col("id").equalTo(col("s_id")), "left")
            .join(status, col("id").equalTo(col("st_id")), "left");
    return Map.of(
        SourceContract.CUSTOMERS, customers(joined),
        SourceContract.CHURN, churn(joined),
        SourceContract.TRANSACTIONS, contracts(joined));
  }

  /**
   * The contract each customer holds as one purchase, so claims can compare contract types
   * ({@code first_product_id}): product {@code month_to_month}, {@code one_year} or
   * {@code two_year}, category {@code contract}, the monthly charge in USD, dated at sign-up. The
   * data set has only the contract held at the snapshot, no history of changes.
   */
  static Dataset<Row> contracts(Dataset<Row> joined) {
    Column product = regexp_replace(lower(trim(col("Contract"))), "[^a-z0-9]+", "_");
    Dataset<Row> customers = customers(joined);
    Dataset<Row> charges = joined.select(col("id").as("customer_id"), blankToNull(product).as("_product"),
        trim(col("Monthly Charge")).as("_charge"));
    return customers.join(charges, "customer_id")
        .select(
            concat(col("customer_id"), lit("-contract")).as("transaction_id"),
            col("customer_id"),
            col("signed_up_at").as("occurred_at"),
            col("_product").as("product_id"),
            lit("contract").as("product_category"),
            lit("1").as("quantity"),
            col("_charge").as("amount"),
            lit("USD").as("currency"),
            lit(null).cast(DataTypes.StringType).as("channel"));
  }

  /** One customer per row of the joined files. */
  static Dataset<Row> customers(Dataset<Row> joined) {
    Column tenure = trim(col("Tenure in Months"));
    Column months = when(tenure.rlike("^\\d{1,4}$"), tenure.cast(DataTypes.IntegerType));
    Column signedUp = utcMidnight(add_months(lit(REFERENCE_DATE.toString()).cast(DataTypes.DateType), months.multiply(-1)));
    return joined.select(
        col("id").as("customer_id"),
        orFound(signedUp, "Tenure in Months", col("Tenure in Months")).as("signed_up_at"),
        ageBand(col("Age")).as("age_band"),
        blankToNull(col("City")).as("region"),
        when(trim(col("Referred a Friend")).equalTo("Yes"), lit("referral")).as("acquisition_channel"));
  }

  /** Churned customers only: the others did not leave. */
  static Dataset<Row> churn(Dataset<Row> joined) {
    return joined
        .where(trim(col("Customer Status")).equalTo("Churned"))
        .select(
            col("id").as("customer_id"),
            lit(REFERENCE_DATE + "T00:00:00Z").as("churned_at"),
            lower(blankToNull(col("Churn Category"))).as("reason_code"),
            blankToNull(col("Churn Reason")).as("reason_text"));
  }

  /** Age in years → the generator's bands; an age that is not a number leaves the band empty. */
  static Column ageBand(Column age) {
    Column years = when(trim(age).rlike("^\\d{1,3}$"), trim(age).cast(DataTypes.IntegerType));
    return when(years.lt(18), "under 18")
        .when(years.lt(25), "18-24")
        .when(years.lt(35), "25-34")
        .when(years.lt(45), "35-44")
        .when(years.lt(55), "45-54")
        .when(years.lt(65), "55-64")
        .when(years.isNotNull(), "65+");
  }
}
