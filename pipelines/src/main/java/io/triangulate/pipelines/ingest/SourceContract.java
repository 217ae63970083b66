package io.triangulate.pipelines.ingest;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import io.triangulate.pipelines.lake.LakeTable;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What a delivered source must look like: its columns with types, which are required, and its
 * natural key. Landing files are checked against this before anything reaches silver, and
 * docs/contracts.md is generated from these constants.
 */
public record SourceContract(
    String source, LakeTable bronze, LakeTable silver, List<ContractColumn> columns, List<String> naturalKey) {

  public static final SourceContract CUSTOMERS =
      new SourceContract(
          "customers",
          LakeTable.BRONZE_CUSTOMERS,
          LakeTable.SILVER_CUSTOMERS,
          List.of(
              ContractColumn.required("customer_id", StringType, "pseudonymous customer id", "C000123"),
              ContractColumn.required("signed_up_at", TimestampType, "first contract or account creation, UTC", "2025-03-01T09:30:00Z"),
              ContractColumn.optional("age_band", StringType, "age band", "25-34"),
              ContractColumn.optional("region", StringType, "sales region", "north"),
              ContractColumn.optional("acquisition_channel", StringType, "channel that brought the customer", "social")),
          List.of("customer_id"));

  public static final SourceContract TRANSACTIONS =
      new SourceContract(
          "transactions",
          LakeTable.BRONZE_TRANSACTIONS,
          LakeTable.SILVER_TRANSACTIONS,
          List.of(
              ContractColumn.required("transaction_id", StringType, "unique id of the purchase line", "T0000042"),
              ContractColumn.required("customer_id", StringType, "buyer", "C000123"),
              ContractColumn.required("occurred_at", TimestampType, "time of purchase, UTC", "2025-04-02T14:03:11Z"),
              ContractColumn.required("product_id", StringType, "product bought", "sports_watch"),
              ContractColumn.optional("product_category", StringType, "product category", "wearables"),
              ContractColumn.required("quantity", IntegerType, "units; negative for returns", "1"),
              ContractColumn.required("amount", createDecimalType(12, 2), "line amount in currency units", "199.00"),
              ContractColumn.required("currency", StringType, "ISO 4217 code", "EUR"),
              ContractColumn.optional("channel", StringType, "where it was bought", "web")),
          List.of("transaction_id"));

  public static final SourceContract CHANNEL_EVENTS =
      new SourceContract(
          "channel_events",
          LakeTable.BRONZE_CHANNEL_EVENTS,
          LakeTable.SILVER_CHANNEL_EVENTS,
          List.of(
              ContractColumn.required("event_id", StringType, "unique event id", "E000000017"),
              ContractColumn.required("customer_id", StringType, "customer", "C000123"),
              ContractColumn.required("occurred_at", TimestampType, "event time, UTC", "2025-04-03T07:12:00Z"),
              ContractColumn.required("channel", StringType, "web, app, email, store, phone, chat, social or device", "device"),
              ContractColumn.required("event_type", StringType, "touchpoint or usage event", "watch_sync"),
              ContractColumn.optional("product_id", StringType, "product the event is about", "sports_watch"),
              ContractColumn.optional("attributes", createMapType(StringType, StringType), "free key/value details", "{\"page\":\"/setup\"}")),
          List.of("event_id"));

  public static final SourceContract CHURN =
      new SourceContract(
          "churn",
          LakeTable.BRONZE_CHURN,
          LakeTable.SILVER_CHURN,
          List.of(
              ContractColumn.required("customer_id", StringType, "customer who left", "C000123"),
              ContractColumn.required("churned_at", TimestampType, "time the contract ended, UTC", "2025-09-30T00:00:00Z"),
              ContractColumn.optional("reason_code", StringType, "coded reason", "price"),
              ContractColumn.optional("reason_text", StringType, "reason in the customer's words", "too expensive")),
          List.of("customer_id"));

  /** Voice-of-customer texts other than interviews: reviews, survey answers, support tickets. */
  public static final SourceContract CUSTOMER_TEXTS =
      new SourceContract(
          "customer_texts",
          LakeTable.BRONZE_CUSTOMER_TEXTS,
          LakeTable.SILVER_CUSTOMER_TEXTS,
          List.of(
              ContractColumn.required("text_id", StringType, "unique id of the text", "R00822"),
              ContractColumn.optional("customer_id", StringType, "author, when known (public reviews have none)", "C000123"),
              ContractColumn.optional("written_at", TimestampType, "when the text was written, UTC", "2023-06-03T00:00:00Z"),
              ContractColumn.required("text_type", StringType, "review, survey, support or social", "review"),
              ContractColumn.optional("product_id", StringType, "product the text is about", "fitbit_charge_5"),
              ContractColumn.optional("rating", IntegerType, "stars or score the author gave", "4"),
              ContractColumn.optional("title", StringType, "title or subject", "Great tracker"),
              ContractColumn.required("text", StringType, "the text as written", "Battery died after 6 months"),
              ContractColumn.optional("attributes", createMapType(StringType, StringType), "free key/value details", "{\"country\":\"US\"}")),
          List.of("text_id"));

  public static final List<SourceContract> ALL = List.of(CUSTOMERS, TRANSACTIONS, CHANNEL_EVENTS, CHURN, CUSTOMER_TEXTS);

  /** The silver schema: the contract's columns with their types, in contract order. */
  public StructType silverSchema() {
    StructField[] fields =
        columns.stream()
            .map(c -> DataTypes.createStructField(c.name(), c.type(), !c.required()))
            .toArray(StructField[]::new);
    return DataTypes.createStructType(fields);
  }

  /** The landing file this source is delivered as, e.g. {@code transactions.csv}. */
  public String fileName() {
    return source + (isJsonLines() ? ".jsonl" : ".csv");
  }

  /** Whether the source arrives as JSON Lines (otherwise CSV with a header, comma-separated). */
  public boolean isJsonLines() {
    // Texts carry line breaks and quotes, which JSON escapes reliably and a line-based CSV read does not.
    return source.equals("channel_events") || source.equals("customer_texts");
  }

  /** The columns a delivery must contain. */
  public List<String> requiredColumns() {
    return columns.stream().filter(ContractColumn::required).map(ContractColumn::name).toList();
  }

  /** The contract's column names, in order. */
  public List<String> columnNames() {
    return columns.stream().map(ContractColumn::name).toList();
  }

  public static SourceContract named(String source) {
    return ALL.stream()
        .filter(c -> c.source.equals(source))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no contract named " + source));
  }
}
