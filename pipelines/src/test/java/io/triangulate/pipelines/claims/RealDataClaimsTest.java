package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.pipelines.SharedData;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.adapters.Adapter;
import io.triangulate.pipelines.adapters.AdapterInput;
import io.triangulate.pipelines.adapters.Adapters;
import io.triangulate.pipelines.coding.CodedSegmentSchema;
import io.triangulate.pipelines.ingest.ContractColumn;
import io.triangulate.pipelines.ingest.ContractTypes;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.ingest.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example claims of examples/telco and examples/cdnow on the real data sets: every number the
 * engine reports (k of n, rate, Wilson interval, segment counts, comparison counts, verdict) is
 * recomputed here from the raw CSV files with plain Java, without the adapters' or the engine's code.
 *
 * <p>To stay fast, the adapters' landing rows are typed with the contracts' parser and handed to
 * {@link DataSetClaims#evaluate} directly, without the Delta ingest (RealDataAdaptersTest covers
 * that ingest loses nothing). Skipped, with the reason printed, when ../shared/data is absent.
 */
class RealDataClaimsTest extends SparkTestBase {
  private static final double Z = 1.959963984540054;
  private static Path data;

  @BeforeAll
  static void findData() {
    Path root = SharedData.root();
    boolean present = Files.isDirectory(root.resolve("telco_ibm_v11")) && Files.isDirectory(root.resolve("cdnow"));
    if (!present) {
      System.out.println("Skipping RealDataClaimsTest: no telco_ibm_v11/cdnow under " + root.toAbsolutePath());
    }
    Assumptions.assumeTrue(present, "shared data absent: " + root.toAbsolutePath());
    data = root;
  }

  @Test
  void telcoClaimsMatchCountsFromTheCsvFiles() throws IOException {
    Path folder = data.resolve("telco_ibm_v11");
    Map<String, Map<String, String>> services = byId(readCsv(folder.resolve("Telco_customer_churn_services.csv")));
    Map<String, Map<String, String>> status = byId(readCsv(folder.resolve("Telco_customer_churn_status.csv")));
    Map<String, Map<String, String>> demographics = byId(readCsv(folder.resolve("Telco_customer_churn_demographics.csv")));
    ClaimValidation.Results results = evaluate("telco", folder, Path.of("..", "examples", "telco", "claims"), LocalDate.of(2019, 9, 30));

    // Independent counts: churned customers, their tenure, contract, churn category and age band.
    Counts leavers = new Counts();
    Counts competitor = new Counts();
    Counts contracts = new Counts();
    long monthToMonthN = 0, monthToMonthK = 0, termN = 0, termK = 0;
    for (String id : demographics.keySet()) {
      boolean churned = "Churned".equals(status.get(id).get("Customer Status"));
      String contract = services.get(id).get("Contract").toLowerCase().replaceAll("[^a-z0-9]+", "_");
      String band = ageBand(Integer.parseInt(demographics.get(id).get("Age")));
      contracts.add("", "", churned);
      contracts.add("first_product_id", contract, churned);
      contracts.add("age_band", band, churned);
      if (contract.equals("month_to_month")) {
        monthToMonthN++;
        monthToMonthK += churned ? 1 : 0;
      } else {
        termN++;
        termK += churned ? 1 : 0;
      }
      if (churned) {
        boolean early = Integer.parseInt(services.get(id).get("Tenure in Months")) <= 6;
        boolean toCompetitor = "Competitor".equals(status.get(id).get("Churn Category"));
        for (String[] key : List.of(new String[] {"", ""}, new String[] {"first_product_id", contract}, new String[] {"age_band", band})) {
          leavers.add(key[0], key[1], early);
          competitor.add(key[0], key[1], toCompetitor);
        }
      }
    }
    assertThat(leavers.n("", "")).as("churned customers (the data set's 1,869)").isEqualTo(1869);

    Row early = claim(results, "telco_early_leavers");
    assertBase(early, leavers, 0.50, true);
    assertThat(early.<Double>getAs("km_event_rate")).as("nobody censored: Kaplan–Meier equals k/n")
        .isCloseTo(leavers.k("", "") / (double) leavers.n("", ""), within(1e-9));
    assertSegments(results, "telco_early_leavers", leavers, List.of("first_product_id", "age_band"));

    Row reason = claim(results, "telco_competitor_reason");
    assertBase(reason, competitor, 0.50, true);
    assertThat(reason.<Double>getAs("km_event_rate")).as("churned has no horizon, so no S(H)").isNull();
    assertSegments(results, "telco_competitor_reason", competitor, List.of("first_product_id", "age_band"));

    Row m2m = claim(results, "telco_month_to_month_churn");
    assertThat(m2m.<Long>getAs("observed_n")).as("every customer, nobody censored").isEqualTo(contracts.n("", ""));
    assertThat(m2m.<Long>getAs("event_k")).as("churned customers").isEqualTo(contracts.k("", ""));
    assertThat(m2m.<Long>getAs("compare_group_n")).as("month-to-month customers").isEqualTo(monthToMonthN);
    assertThat(m2m.<Long>getAs("compare_group_k")).isEqualTo(monthToMonthK);
    assertThat(m2m.<Long>getAs("compare_versus_n")).as("one- and two-year customers pooled").isEqualTo(termN);
    assertThat(m2m.<Long>getAs("compare_versus_k")).isEqualTo(termK);
    assertThat(m2m.<Double>getAs("compare_risk_difference")).as("difference of the two rates")
        .isCloseTo(monthToMonthK / (double) monthToMonthN - termK / (double) termN, within(1e-12));
    // 1655/3610 = 46% against 214/3433 = 6%: z ≈ 38, far beyond any multiple-testing threshold.
    assertThat(m2m.<String>getAs("verdict")).as("month-to-month churn far more").isEqualTo(Verdicts.SUPPORTED);
    assertSegments(results, "telco_month_to_month_churn", contracts, List.of("first_product_id", "age_band"));
  }

  @Test
  void cdnowClaimMatchesRepeatPurchasesFromTheLog() throws IOException {
    Path folder = data.resolve("cdnow");
    // customer → purchase days with at least one CD, from the raw whitespace-separated log
    Map<String, TreeSet<LocalDate>> days = new HashMap<>();
    for (String line : Files.readAllLines(folder.resolve("CDNOW_master.txt"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 4 && Integer.parseInt(f[2]) > 0) {
        days.computeIfAbsent(f[0], k -> new TreeSet<>()).add(LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE));
      }
    }
    int horizon = 456;
    Counts noRepeat = new Counts();
    long neverAgain = 0;
    for (TreeSet<LocalDate> d : days.values()) {
      LocalDate first = d.first();
      LocalDate second = d.higher(first);
      noRepeat.add("", "", second == null || second.isAfter(first.plusDays(horizon)));
      neverAgain += second == null ? 1 : 0;
    }
    System.out.println("CDNOW: " + days.size() + " customers, " + noRepeat.k("", "") + " without a repeat within " + horizon
        + " days, " + neverAgain + " never again in the log");

    ClaimValidation.Results results = evaluate("cdnow", folder, Path.of("..", "examples", "cdnow", "claims"), LocalDate.of(1998, 6, 30));
    Row claim = claim(results, "cdnow_one_time_buyers");
    assertThat(claim.<Long>getAs("censored_n")).as("every first purchase is ≥ 456 days before the log's end").isZero();
    assertBase(claim, noRepeat, 0.50, true);
    assertThat(claim.<Double>getAs("km_event_rate")).as("S(456) of time-to-repeat = share without a repeat")
        .isCloseTo(noRepeat.k("", "") / (double) noRepeat.n("", ""), within(1e-9));
  }

  // ---- engine side ----

  private static ClaimValidation.Results evaluate(String adapterName, Path folder, Path claims, LocalDate runDate) {
    Adapter adapter = Adapters.named(adapterName);
    Map<SourceContract, Dataset<Row>> landing = adapter.map(spark, new AdapterInput(folder.toString(), adapter));
    Map<SourceContract, Dataset<Row>> silver = new HashMap<>();
    landing.forEach((contract, rows) -> silver.put(contract, typed(contract, rows, adapter.options().get(contract.source()))));
    return DataSetClaims.evaluate(spark, ClaimSpecs.loadFolder(claims), silver,
        spark.createDataFrame(List.<Row>of(), CodedSegmentSchema.INTERVIEWS),
        spark.createDataFrame(List.<Row>of(), CodedSegmentSchema.CODED_SEGMENTS), runDate);
  }

  /** Landing strings typed as ingest types them (same parser, same zone rule), without Delta. */
  private static Dataset<Row> typed(SourceContract contract, Dataset<Row> rows, SourceOptions options) {
    Column zone = options == null || options.timeZone() == null
        ? lit(null).cast(DataTypes.StringType) : lit(options.timeZone().getId());
    List<Column> columns = new ArrayList<>();
    for (ContractColumn c : contract.columns()) {
      Column raw = List.of(rows.columns()).contains(c.name()) ? col(c.name()).cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType);
      columns.add(ContractTypes.parse(raw, c.type(), zone).as(c.name()));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  private static Row claim(ClaimValidation.Results results, String id) {
    return results.claimResults().stream().filter(r -> id.equals(r.getAs("claim_id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + id));
  }

  // ---- checks against the independent counts ----

  private static void assertBase(Row claim, Counts counts, double threshold, boolean atLeast) {
    String id = claim.getAs("claim_id");
    long n = counts.n("", "");
    long k = counts.k("", "");
    assertThat(claim.<Long>getAs("observed_n")).as(id + " observed n").isEqualTo(n);
    assertThat(claim.<Long>getAs("event_k")).as(id + " events k").isEqualTo(k);
    double[] ci = wilson(k, n);
    assertThat(claim.<Double>getAs("base_rate")).as(id + " rate").isCloseTo(k / (double) n, within(1e-12));
    assertThat(claim.<Double>getAs("base_ci_low")).as(id + " Wilson low").isCloseTo(ci[0], within(1e-9));
    assertThat(claim.<Double>getAs("base_ci_high")).as(id + " Wilson high").isCloseTo(ci[1], within(1e-9));
    // The base-wide part of the documented rule (the segments can only add holds_in_segments).
    String expected = atLeast
        ? (ci[0] >= threshold ? Verdicts.SUPPORTED : ci[1] < threshold ? Verdicts.CONTRADICTED : Verdicts.INCONCLUSIVE)
        : (ci[1] <= threshold ? Verdicts.SUPPORTED : ci[0] > threshold ? Verdicts.CONTRADICTED : Verdicts.INCONCLUSIVE);
    String verdict = claim.getAs("verdict");
    if (expected.equals(Verdicts.SUPPORTED)) {
      assertThat(verdict).as(id + " verdict").isEqualTo(Verdicts.SUPPORTED);
    } else {
      assertThat(verdict).as(id + " verdict (" + expected + " base-wide)").isIn(expected, Verdicts.HOLDS_IN_SEGMENTS);
    }
    System.out.printf("%s: %d of %d = %.4f, Wilson %.4f–%.4f, %s%n", id, k, n, k / (double) n, ci[0], ci[1], verdict);
  }

  private static void assertSegments(ClaimValidation.Results results, String claimId, Counts counts, List<String> columns) {
    Map<String, long[]> engine = new TreeMap<>();
    for (Row s : results.segmentResults()) {
      if (claimId.equals(s.getAs("claim_id")) && columns.contains(s.<String>getAs("segment_column"))) {
        engine.put(s.getAs("segment_column") + "=" + s.getAs("segment_value"), new long[] {s.<Long>getAs("observed_n"), s.<Long>getAs("event_k")});
        double[] ci = wilson(s.<Long>getAs("event_k"), s.<Long>getAs("observed_n"));
        assertThat(s.<Double>getAs("ci_low")).as(claimId + " segment Wilson low").isCloseTo(ci[0], within(1e-9));
      }
    }
    Map<String, long[]> expected = new TreeMap<>();
    counts.cells.forEach((key, nk) -> {
      if (columns.contains(key.split("=", 2)[0])) {
        expected.put(key, nk);
      }
    });
    assertThat(engine.keySet()).as(claimId + " segments").isEqualTo(expected.keySet());
    expected.forEach((key, nk) -> assertThat(engine.get(key)).as(claimId + " " + key + " [observed, events]").containsExactly(nk));
  }

  /** 95% Wilson score interval, written out here rather than taken from stats.Proportions. */
  private static double[] wilson(long k, long n) {
    double p = k / (double) n;
    double z2 = Z * Z;
    double center = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {center - half, center + half};
  }

  /** The telco adapter's age bands, from the data set's Age in years. */
  private static String ageBand(int age) {
    if (age < 18) {
      return "under 18";
    }
    int[] upper = {25, 35, 45, 55, 65};
    String[] names = {"18-24", "25-34", "35-44", "45-54", "55-64"};
    for (int i = 0; i < upper.length; i++) {
      if (age < upper[i]) {
        return names[i];
      }
    }
    return "65+";
  }

  /** [observed n, events k] per "column=value" ("=" for the whole population). */
  private static final class Counts {
    final Map<String, long[]> cells = new TreeMap<>();

    void add(String column, String value, boolean event) {
      long[] nk = cells.computeIfAbsent(column + "=" + value, k -> new long[2]);
      nk[0]++;
      nk[1] += event ? 1 : 0;
    }

    long n(String column, String value) {
      return cells.get(column + "=" + value)[0];
    }

    long k(String column, String value) {
      return cells.get(column + "=" + value)[1];
    }
  }

  // ---- plain CSV reading (quoted fields may hold commas) ----

  private static List<Map<String, String>> readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> header = splitCsv(lines.get(0).replace("\uFEFF", ""));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = splitCsv(line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), i < fields.size() ? fields.get(i) : "");
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> splitCsv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  private static Map<String, Map<String, String>> byId(List<Map<String, String>> rows) {
    Map<String, Map<String, String>> out = new HashMap<>();
    rows.forEach(r -> out.put(r.get("Customer ID"), r));
    return out;
  }
}
