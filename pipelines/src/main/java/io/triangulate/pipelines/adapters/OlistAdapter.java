package io.triangulate.pipelines.adapters;

import static io.triangulate.pipelines.adapters.AdapterColumns.attributes;
import static io.triangulate.pipelines.adapters.AdapterColumns.blankToNull;
import static io.triangulate.pipelines.adapters.AdapterColumns.localDate;
import static io.triangulate.pipelines.adapters.AdapterColumns.numericDate;
import static io.triangulate.pipelines.adapters.AdapterColumns.orFound;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
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

/**
 * Olist marketing funnel → {@code channel_events} and {@code customers}. Every marketing-qualified
 * lead is a {@code lead_first_contact} event on the channel its {@code origin} maps to (social,
 * email, else web); every closed deal is a {@code deal_won} event (channel {@code phone}: Olist's
 * sales reps close deals in calls) and a customer signed up at {@code won_date}, acquired through
 * the lead's origin. A lead without origin has no channel and is quarantined. Dates are local to
 * Brazil (America/Sao_Paulo); ingest converts them to UTC.
 */
public final class OlistAdapter implements Adapter {
  static final String LEADS = "olist_marketing_qualified_leads_dataset.csv";
  static final String DEALS = "olist_closed_deals_dataset.csv";
  /** Zone of Olist's dates. */
  public static final ZoneId TIME_ZONE = ZoneId.of("America/Sao_Paulo");

  @Override
  public String name() {
    return "olist";
  }

  @Override
  public List<String> inputFiles() {
    return List.of(LEADS, DEALS);
  }

  @Override
  public Map<String, SourceOptions> options() {
    SourceOptions local = SourceOptions.DEFAULT.withTimeZone(TIME_ZONE);
    return Map.of("channel_events", local, "customers", local);
  }

  @Override
  public Map<SourceContract, Dataset<Row>> map(SparkSession spark, AdapterInput input) {
    Dataset<Row> leads = input.csv(spark, LEADS);
    Dataset<Row> deals = input.csv(spark, DEALS);
    return Map.of(
        SourceContract.CHANNEL_EVENTS, leadEvents(leads).unionByName(dealEvents(deals)),
        SourceContract.CUSTOMERS, customers(deals, leads));
  }

  /** Olist's lead origins → the contract's channels; unknown and the rest of the web → web. */
  static Column channel(Column origin) {
    Column o = trim(origin);
    return when(o.equalTo("social"), "social")
        .when(o.equalTo("email"), "email")
        .when(o.notEqual(""), "web");
  }

  static Dataset<Row> leadEvents(Dataset<Row> leads) {
    Column day = numericDate(trim(col("first_contact_date")), "^(\\d{2})-(\\d{2})-(\\d{4})$", "dmy");
    return leads.select(
        concat(lit("lead-"), col("mql_id")).as("event_id"),
        col("mql_id").as("customer_id"),
        orFound(localDate(day), "first_contact_date", col("first_contact_date")).as("occurred_at"),
        channel(col("origin")).as("channel"),
        lit("lead_first_contact").as("event_type"),
        attributes(lit("origin"), blankToNull(col("origin")), lit("landing_page_id"), blankToNull(col("landing_page_id")))
            .as("attributes"));
  }

  static Dataset<Row> dealEvents(Dataset<Row> deals) {
    return deals.select(
        concat(lit("deal-"), col("mql_id")).as("event_id"),
        col("mql_id").as("customer_id"),
        trim(col("won_date")).as("occurred_at"),
        lit("phone").as("channel"),
        lit("deal_won").as("event_type"),
        attributes(
                    lit("business_segment"), blankToNull(col("business_segment")),
                    lit("lead_type"), blankToNull(col("lead_type")),
                    lit("business_type"), blankToNull(col("business_type")),
                    lit("sdr_id"), blankToNull(col("sdr_id")),
                    lit("sr_id"), blankToNull(col("sr_id")))
            .as("attributes"));
  }

  /** One customer per closed deal, with the origin of its lead (left join: a deal is never dropped). */
  static Dataset<Row> customers(Dataset<Row> deals, Dataset<Row> leads) {
    Dataset<Row> origins = leads.select(col("mql_id").as("lead_id"), col("origin"));
    return deals
        .join(origins, col("mql_id").equalTo(col("lead_id")), "left")
        .select(
            col("mql_id").as("customer_id"),
            trim(col("won_date")).as("signed_up_at"),
            blankToNull(col("origin")).as("acquisition_channel"));
  }
}
