package io.triangulate.pipelines.adapters;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.ingest.Ingest;
import io.triangulate.pipelines.ingest.IngestSummary;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.ingest.SourceOptions;
import io.triangulate.pipelines.lake.Lake;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The adapters for the public data sets (docs/adapters.md) and how one runs: map the data set,
 * write one landing file per contract source, then {@link Ingest#run} those sources for the date,
 * exactly as a nightly delivery would be ingested.
 */
public final class Adapters {
  private Adapters() {}

  /** Every adapter, in the order docs/adapters.md lists them. */
  public static final List<Adapter> ALL =
      List.of(new TelcoAdapter(), new CdnowAdapter(), new FitbitActivityAdapter(),
          new WearableReviewsAdapter(), new FitbitReviewsAdapter(), new OlistAdapter(), new OnlineRetailAdapter());

  /** The adapter called {@code name}; fails listing the known ones. */
  public static Adapter named(String name) {
    return ALL.stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> UserError.at("--adapter")
            .problem("unknown adapter " + name)
            .expected("one of " + ALL.stream().map(Adapter::name).collect(Collectors.joining(", ")))
            .found(name)
            .fix("pick an adapter from `triangulate ingest --help`")
            .build());
  }

  /**
   * The adapters for {@code triangulate ingest --help} (a constant, as picocli annotations need;
   * AdaptersTest checks it names every adapter in {@link #ALL}).
   */
  public static final String HELP =
      "  telco            telco_ibm_v11/ -> customers, churn%n"
          + "  cdnow            cdnow/ -> transactions%n"
          + "  fitbit           fitbit_usage/ daily activity -> channel_events%n"
          + "  wearable_reviews wearable_reviews/ -> customer_texts%n"
          + "  fitbit_reviews   fitbit_reviews_dated/ -> customer_texts%n"
          + "  olist            olist_marketing_funnel/ -> channel_events, customers%n"
          + "  online_retail    online_retail_sample/ -> transactions%n"
          + "e.g. triangulate ingest --adapter telco --date 2026-07-01%n"
          + "       --input ../shared/data/telco_ibm_v11";

  /**
   * Maps the data set in {@code inputFolder} with {@code adapter}, lands it for {@code date} and
   * ingests the sources it produced.
   */
  public static IngestSummary run(
      SparkSession spark, Lake lake, Adapter adapter, String inputFolder, LocalDate date, String runId) {
    return run(spark, lake, adapter, inputFolder, date, runId, Map.of());
  }

  /**
   * {@link #run(SparkSession, Lake, Adapter, String, LocalDate, String)} with reading options from
   * the config; per source they replace the adapter's own (e.g. a corrected time zone).
   */
  public static IngestSummary run(
      SparkSession spark, Lake lake, Adapter adapter, String inputFolder, LocalDate date, String runId,
      Map<String, SourceOptions> configured) {
    Map<SourceContract, Dataset<Row>> mapped = adapter.map(spark, new AdapterInput(inputFolder, adapter));
    List<String> sources = new ArrayList<>();
    for (SourceContract contract : SourceContract.ALL) { // contract order, so customers land before churn
      Dataset<Row> rows = mapped.get(contract);
      if (rows != null) {
        LandingWriter.write(rows, contract, lake.landing(contract.source(), date), adapter.name());
        sources.add(contract.source());
      }
    }
    Map<String, SourceOptions> options = new HashMap<>(adapter.options());
    options.putAll(configured);
    return Ingest.run(spark, lake, date, sources, runId, options);
  }
}
