package io.triangulate.pipelines.adapters;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.ingest.BronzeLoader;
import io.triangulate.pipelines.SharedData;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.generate.LandingFiles;
import io.triangulate.pipelines.ingest.IngestSummary;
import io.triangulate.pipelines.ingest.IngestSummary.SourceResult;
import io.triangulate.pipelines.ingest.IngestSummary.Status;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every adapter on the real files of ../shared/data, in one lake (one landing date per adapter).
 * Expected counts are computed here from the files with plain Java (no Spark), then compared with
 * the ingest summary and with what silver and quarantine actually hold: rows in = silver +
 * quarantine + duplicates. A few mapped values are checked by hand. Skips when the data is absent.
 */
class RealDataAdaptersTest extends SparkTestBase {
  @TempDir static Path lakeDir;
  private static Lake lake;
  private static Path data;

  @BeforeAll
  static void findData() {
    Path root = SharedData.root();
    if (!Files.isDirectory(root.resolve("telco_ibm_v11"))) {
      System.out.println("Skipping RealDataAdaptersTest: no shared data at " + root.toAbsolutePath());
    }
    Assumptions.assumeTrue(Files.isDirectory(root.resolve("telco_ibm_v11")), "shared data absent: " + root.toAbsolutePath());
    data = root;
    lake = new Lake(lakeDir.toString());
  }

  private static IngestSummary run(String adapter, String folder, LocalDate date) {
    IngestSummary summary =
        Adapters.run(spark, lake, Adapters.named(adapter), data.resolve(folder).toString(), date, "run-" + adapter);
    System.out.println(summary);
    return summary;
  }

  /** Checks counts against the summary and against the tables, and that nothing was lost. */
  private static void assertCounts(
      IngestSummary summary, String source, LakeTable silverTable, LocalDate date,
      long in, long silver, long quarantined, long duplicates) {
    SourceResult result = summary.source(source);
    assertThat(result.status()).as("%s status (%s)", source, result.error()).isEqualTo(Status.INGESTED);
    long silverRows = forDate(lake.read(spark, silverTable), date).count();
    long quarantineRows = forDate(lake.read(spark, silverTable.quarantine()), date).count();
    assertThat(result.rowsIn()).as("%s rows in", source).isEqualTo(in);
    assertThat(silverRows).as("%s rows in silver", source).isEqualTo(silver);
    assertThat(quarantineRows).as("%s rows in quarantine", source).isEqualTo(quarantined);
    assertThat(result.duplicates()).as("%s duplicates", source).isEqualTo(duplicates);
    assertThat(silverRows + quarantineRows + result.duplicates()).as("%s: nothing lost", source).isEqualTo(in);
    assertThat(result.validRows()).as("%s valid rows in the summary", source).isEqualTo(silver);
  }

  private static Dataset<Row> forDate(Dataset<Row> rows, LocalDate date) {
    return rows.where(col("_landing_date").equalTo(date.toString()));
  }

  private static Row silverRow(LakeTable table, String keyColumn, String key) {
    List<Row> rows = lake.read(spark, table).where(col(keyColumn).equalTo(key)).collectAsList();
    assertThat(rows).as("%s %s", table, key).hasSize(1);
    return rows.get(0);
  }

  private static Timestamp utc(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void telcoBecomesCustomersAndChurn() throws IOException {
    Path folder = data.resolve("telco_ibm_v11");
    List<Map<String, String>> demographics = LandingFiles.readCsv(folder.resolve(TelcoAdapter.DEMOGRAPHICS)).rows();
    long churned =
        LandingFiles.readCsv(folder.resolve(TelcoAdapter.STATUS)).rows().stream()
            .filter(r -> "Churned".equals(r.get("Customer Status"))).count();
    LocalDate date = LocalDate.of(2026, 7, 1);
    IngestSummary summary = run("telco", "telco_ibm_v11", date);

    assertThat(demographics).as("telco customers (the README says 7,043)").hasSize(7043);
    assertCounts(summary, "customers", LakeTable.SILVER_CUSTOMERS, date, demographics.size(), demographics.size(), 0, 0);
    assertCounts(summary, "churn", LakeTable.SILVER_CHURN, date, churned, churned, 0, 0);

    // 8779-QRDMV: 78 years, Los Angeles, tenure 1 month, not referred, churned to a competitor.
    Row first = silverRow(LakeTable.SILVER_CUSTOMERS, "customer_id", "8779-QRDMV");
    assertThat(first.<Timestamp>getAs("signed_up_at")).as("signup = 2019-09-30 minus 1 month").isEqualTo(utc("2019-08-30T00:00:00Z"));
    assertThat(first.<String>getAs("age_band")).isEqualTo("65+");
    assertThat(first.<String>getAs("region")).isEqualTo("Los Angeles");
    assertThat(first.<String>getAs("acquisition_channel")).as("not referred").isNull();
    // 7495-OOKFY: tenure 8 months, referred a friend.
    Row second = silverRow(LakeTable.SILVER_CUSTOMERS, "customer_id", "7495-OOKFY");
    assertThat(second.<Timestamp>getAs("signed_up_at")).isEqualTo(utc("2019-01-30T00:00:00Z"));
    assertThat(second.<String>getAs("acquisition_channel")).isEqualTo("referral");
    Row churn = silverRow(LakeTable.SILVER_CHURN, "customer_id", "8779-QRDMV");
    assertThat(churn.<Timestamp>getAs("churned_at")).isEqualTo(utc("2019-09-30T00:00:00Z"));
    assertThat(churn.<String>getAs("reason_code")).isEqualTo("competitor");
    assertThat(churn.<String>getAs("reason_text")).isEqualTo("Competitor offered more data");
  }

  @Test
  void cdnowBecomesTransactionsAtLocalMidnight() throws IOException {
    List<String> lines =
        Files.readAllLines(data.resolve("cdnow").resolve(CdnowAdapter.MASTER)).stream().filter(l -> !l.isBlank()).toList();
    BigDecimal dollars = BigDecimal.ZERO;
    for (String line : lines) {
      dollars = dollars.add(new BigDecimal(line.trim().split("\\s+")[3]));
    }
    LocalDate date = LocalDate.of(2026, 7, 2);
    IngestSummary summary = run("cdnow", "cdnow", date);

    assertThat(lines).as("CDNOW lines (the README says 69,659)").hasSize(69659);
    assertCounts(summary, "transactions", LakeTable.SILVER_TRANSACTIONS, date, lines.size(), lines.size(), 0, 0);
    Dataset<Row> silver = forDate(lake.read(spark, LakeTable.SILVER_TRANSACTIONS), date);
    assertThat(silver.agg(org.apache.spark.sql.functions.sum("amount")).first().getDecimal(0))
        .as("total dollars").isEqualByComparingTo(dollars);

    // " 00001 19970101  1   11.77": New York midnight is 05:00 UTC in winter.
    Row first = silverRow(LakeTable.SILVER_TRANSACTIONS, "transaction_id", "00001-19970101-1");
    assertThat(first.<Timestamp>getAs("occurred_at")).isEqualTo(utc("1997-01-01T05:00:00Z"));
    assertThat(first.<BigDecimal>getAs("amount")).isEqualByComparingTo("11.77");
    assertThat(first.<String>getAs("currency")).isEqualTo("USD");
    // 00002 bought twice on 1997-01-12 (1 CD for 12.00, 5 CDs for 77.00): two transactions.
    assertThat(silverRow(LakeTable.SILVER_TRANSACTIONS, "transaction_id", "00002-19970112-2").<Integer>getAs("quantity"))
        .isEqualTo(5);
    Row source = forDate(BronzeLoader.rows(spark, lake, SourceContract.TRANSACTIONS), date).first();
    assertThat(source.<String>getAs("_source_time_zone")).as("zone recorded in bronze").isEqualTo("America/New_York");
  }

  @Test
  void fitbitDailyActivityBecomesUsageEventsWithDuplicateDaysCounted() throws IOException {
    List<Map<String, String>> rows = LandingFiles.readCsv(data.resolve("fitbit_usage").resolve(FitbitActivityAdapter.DAILY_ACTIVITY)).rows();
    DateTimeFormatter us = DateTimeFormatter.ofPattern("M/d/yyyy");
    Set<String> userDays = new HashSet<>();
    for (Map<String, String> row : rows) {
      userDays.add(row.get("Id") + "/" + LocalDate.parse(row.get("ActivityDate"), us));
    }
    LocalDate date = LocalDate.of(2026, 7, 3);
    IngestSummary summary = run("fitbit", "fitbit_usage", date);

    assertThat(rows).as("daily activity rows (the README says 1,397)").hasSize(1397);
    assertThat(rows.size() - userDays.size()).as("repeated user-days (the README says 24)").isEqualTo(24);
    assertCounts(summary, "channel_events", LakeTable.SILVER_CHANNEL_EVENTS, date,
        rows.size(), userDays.size(), 0, rows.size() - userDays.size());

    // Second line: 1503960366, 4/13/2016 (no zero padding), 10735 steps, 1797 calories.
    Row day = silverRow(LakeTable.SILVER_CHANNEL_EVENTS, "event_id", "fitbit-1503960366-2016-04-13");
    assertThat(day.<Timestamp>getAs("occurred_at")).isEqualTo(utc("2016-04-13T00:00:00Z"));
    assertThat(day.<String>getAs("channel")).isEqualTo("device");
    assertThat(day.getJavaMap(day.fieldIndex("attributes"))).containsEntry("total_steps", "10735")
        .containsEntry("calories_kcal", "1797");
    // 04/12/2016 comes twice (13162 and 224 steps): one event survives, with one of the two.
    Row repeated = silverRow(LakeTable.SILVER_CHANNEL_EVENTS, "event_id", "fitbit-1503960366-2016-04-12");
    assertThat(repeated.<String, String>getJavaMap(repeated.fieldIndex("attributes")).get("total_steps"))
        .isIn("13162", "224");
  }

  @Test
  void reviewsBecomeCustomerTexts() throws IOException {
    List<Map<String, String>> wearable = LandingFiles.readCsv(data.resolve("wearable_reviews").resolve(WearableReviewsAdapter.REVIEWS)).rows();
    long wearableBlank = wearable.stream().filter(r -> r.get("review_text").isBlank()).count();
    JsonNode dated = new ObjectMapper().readTree(
        Files.readString(data.resolve("fitbit_reviews_dated").resolve(FitbitReviewsAdapter.REVIEWS), StandardCharsets.UTF_8));
    long datedBlank = 0;
    Set<String> distinct = new HashSet<>();
    for (JsonNode review : dated) {
      if (review.path("text").asText("").isBlank()) {
        datedBlank++;
      } else {
        distinct.add(review.toString());
      }
    }
    long datedValid = dated.size() - datedBlank;
    LocalDate wearableDate = LocalDate.of(2026, 7, 4);
    LocalDate datedDate = LocalDate.of(2026, 7, 5);
    IngestSummary wearableRun = run("wearable_reviews", "wearable_reviews", wearableDate);
    IngestSummary datedRun = run("fitbit_reviews", "fitbit_reviews_dated", datedDate);

    assertThat(wearable).as("wearable reviews (the README says 3,309)").hasSize(3309);
    assertThat(dated.size()).as("dated reviews (the README says 4,569)").isEqualTo(4569);
    assertCounts(wearableRun, "customer_texts", LakeTable.SILVER_CUSTOMER_TEXTS, wearableDate,
        wearable.size(), wearable.size() - wearableBlank, wearableBlank, 0);
    assertCounts(datedRun, "customer_texts", LakeTable.SILVER_CUSTOMER_TEXTS, datedDate,
        dated.size(), distinct.size(), datedBlank, datedValid - distinct.size());

    Row r822 = silverRow(LakeTable.SILVER_CUSTOMER_TEXTS, "text_id", "R00822");
    assertThat(r822.<String>getAs("product_id")).isEqualTo("fitbit_charge_4");
    assertThat(r822.<Integer>getAs("rating")).isEqualTo(3);
    assertThat(r822.<String>getAs("text")).startsWith("I finally upgraded my fitness watch");
    assertThat(r822.getJavaMap(r822.fieldIndex("attributes"))).containsEntry("country", "United States");
    // The first dated review: " Poor quality", 1 star, "Reviewed in the United States 🇺🇸 on June 3, 2023".
    List<Row> poor =
        lake.read(spark, LakeTable.SILVER_CUSTOMER_TEXTS)
            .where(col("text").startsWith("Screen is completely scrambled and non operational")).collectAsList();
    assertThat(poor).hasSize(1);
    assertThat(poor.get(0).<String>getAs("title")).isEqualTo("Poor quality");
    assertThat(poor.get(0).<Integer>getAs("rating")).isEqualTo(1);
    assertThat(poor.get(0).<Timestamp>getAs("written_at")).isEqualTo(utc("2023-06-03T00:00:00Z"));
    assertThat(poor.get(0).getJavaMap(poor.get(0).fieldIndex("attributes"))).containsEntry("country", "United States");
    assertThat(forDate(lake.read(spark, LakeTable.SILVER_CUSTOMER_TEXTS), datedDate).where(col("written_at").isNull()).count())
        .as("every dated review has its date").isZero();
  }

  @Test
  void olistBecomesLeadAndDealEventsAndCustomers() throws IOException {
    Path folder = data.resolve("olist_marketing_funnel");
    List<Map<String, String>> leads = LandingFiles.readCsv(folder.resolve(OlistAdapter.LEADS)).rows();
    List<Map<String, String>> deals = LandingFiles.readCsv(folder.resolve(OlistAdapter.DEALS)).rows();
    long noOrigin = leads.stream().filter(r -> r.get("origin").isBlank()).count();
    LocalDate date = LocalDate.of(2026, 7, 6);
    IngestSummary summary = run("olist", "olist_marketing_funnel", date);

    assertThat(leads).as("leads (the README says 8,000)").hasSize(8000);
    assertThat(deals).as("deals (the README says 842)").hasSize(842);
    assertThat(noOrigin).as("leads without origin (the README says 60)").isEqualTo(60);
    long events = leads.size() + deals.size();
    assertCounts(summary, "channel_events", LakeTable.SILVER_CHANNEL_EVENTS, date, events, events - noOrigin, noOrigin, 0);
    assertCounts(summary, "customers", LakeTable.SILVER_CUSTOMERS, date, deals.size(), deals.size(), 0, 0);
    assertThat(forDate(lake.read(spark, LakeTable.SILVER_CHANNEL_EVENTS.quarantine()), date)
            .where(col("rule").notEqual("required").or(col("reason").contains("channel").unary_$bang())).count())
        .as("every quarantined lead lacks its channel").isZero();

    ZoneId brazil = ZoneId.of("America/Sao_Paulo");
    // First lead: dac32acd…, first contact 01-02-2018 (dd-mm-yyyy), origin social.
    Row lead = silverRow(LakeTable.SILVER_CHANNEL_EVENTS, "event_id", "lead-dac32acd4db4c29c230538b72f8dd87d");
    assertThat(lead.<Timestamp>getAs("occurred_at"))
        .isEqualTo(Timestamp.from(LocalDate.of(2018, 2, 1).atStartOfDay(brazil).toInstant()));
    assertThat(lead.<String>getAs("channel")).isEqualTo("social");
    // First deal: 5420aad7…, won 2018-02-26 19:58:54 local.
    Map<String, String> deal = deals.get(0);
    Row won = silverRow(LakeTable.SILVER_CHANNEL_EVENTS, "event_id", "deal-" + deal.get("mql_id"));
    Instant wonAt = LocalDateTime.of(2018, 2, 26, 19, 58, 54).atZone(brazil).toInstant();
    assertThat(won.<Timestamp>getAs("occurred_at")).isEqualTo(Timestamp.from(wonAt));
    Row customer = silverRow(LakeTable.SILVER_CUSTOMERS, "customer_id", deal.get("mql_id"));
    assertThat(customer.<Timestamp>getAs("signed_up_at")).isEqualTo(Timestamp.from(wonAt));
    String origin = leads.stream().filter(l -> l.get("mql_id").equals(deal.get("mql_id"))).findFirst().orElseThrow().get("origin");
    assertThat(customer.<String>getAs("acquisition_channel")).isEqualTo(origin.isBlank() ? null : origin);
  }

  @Test
  void onlineRetailKeepsReturnsAndQuarantinesLinesWithoutCustomer() throws IOException {
    List<Map<String, String>> lines = LandingFiles.readCsv(data.resolve("online_retail_sample").resolve(OnlineRetailAdapter.LINES)).rows();
    long noCustomer = lines.stream().filter(r -> r.get("CustomerID").isBlank()).count();
    Set<String> distinct = new HashSet<>();
    Set<String> returns = new HashSet<>();
    for (Map<String, String> line : lines) {
      if (!line.get("CustomerID").isBlank()) {
        distinct.add(line.values().toString());
        if (Integer.parseInt(line.get("Quantity")) < 0) {
          returns.add(line.values().toString());
        }
      }
    }
    long withCustomer = lines.size() - noCustomer;
    LocalDate date = LocalDate.of(2026, 7, 7);
    IngestSummary summary = run("online_retail", "online_retail_sample", date);

    assertThat(lines).as("sample lines (the README says 30,000)").hasSize(30000);
    assertCounts(summary, "transactions", LakeTable.SILVER_TRANSACTIONS, date,
        lines.size(), distinct.size(), noCustomer, withCustomer - distinct.size());
    Dataset<Row> silver = forDate(lake.read(spark, LakeTable.SILVER_TRANSACTIONS), date);
    assertThat(silver.where(col("quantity").lt(0)).count()).as("returns kept as negative lines").isEqualTo(returns.size());
    assertThat(silver.where(col("quantity").lt(0).and(col("amount").geq(0))).count()).as("returns have negative amounts").isZero();
    Dataset<Row> quarantine = forDate(lake.read(spark, LakeTable.SILVER_TRANSACTIONS.quarantine()), date);
    assertThat(quarantine.where(col("rule").equalTo("required").and(col("reason").contains("customer_id"))).count())
        .as("quarantined for the missing customer id").isEqualTo(noCustomer);

    // "569901,23256,CHILDRENS CUTLERY SPACEBOY ,2,2011-10-06 16:20:00,4.15,12923.0,United Kingdom"
    List<Row> cutlery =
        silver.where(col("transaction_id").startsWith("569901-").and(col("product_id").equalTo("23256"))).collectAsList();
    assertThat(cutlery).hasSize(1);
    assertThat(cutlery.get(0).<String>getAs("customer_id")).isEqualTo("12923");
    assertThat(cutlery.get(0).<Timestamp>getAs("occurred_at")).as("16:20 BST").isEqualTo(utc("2011-10-06T15:20:00Z"));
    assertThat(cutlery.get(0).<BigDecimal>getAs("amount")).isEqualByComparingTo("8.30");
    assertThat(cutlery.get(0).<String>getAs("currency")).isEqualTo("GBP");
  }
}
