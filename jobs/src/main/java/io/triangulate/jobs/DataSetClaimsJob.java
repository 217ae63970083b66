package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.pipelines.adapters.Adapters;
import io.triangulate.pipelines.claims.ClaimValidation;
import io.triangulate.pipelines.claims.DataSetClaims;
import io.triangulate.pipelines.ingest.IngestSummary;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ingests one public data set with its adapter and validates a folder of claims on it in one JVM,
 * printing each claim's verdict with its numbers: the one command behind {@code examples/telco/run}
 * and {@code examples/cdnow/run} (docs/claims.md, "Claims on the public data sets").
 */
@Command(
    name = "data-set-claims",
    mixinStandardHelpOptions = true,
    description = "Ingest a public data set with an adapter, build its journeys and validate a claims folder on it; print the verdicts.")
public final class DataSetClaimsJob extends StageJob {
  @Option(names = "--adapter", required = true, paramLabel = "NAME", description = "Adapter of the data set (telco, cdnow, ...).")
  String adapter;

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "The data set's folder, e.g. ../shared/data/telco_ibm_v11.")
  String input;

  @Option(names = "--date", required = true, converter = DateOption.class,
      description = "Run date, yyyy-mm-dd: the landing date and the observation day of the claims.")
  LocalDate date;

  @Option(names = "--skip-ingest", description = "Reuse the lake's silver tables (already ingested for --date).")
  boolean skipIngest;

  @Mixin ClaimsOption claims;

  @Override
  TriangulateConfig configure(TriangulateConfig config) {
    Adapters.named(adapter);
    return claims.applyTo(config);
  }

  @Override
  int run(StageContext ctx) {
    if (!skipIngest) {
      IngestSummary summary = Stages.ingestAdapter(ctx, date, Adapters.named(adapter), input);
      if (summary.hasErrors()) {
        return EXIT_USER_ERROR;
      }
    }
    ClaimValidation.Results results =
        DataSetClaims.run(ctx.spark(), ctx.lake(), date, Path.of(ctx.config().claimsDir()));
    ctx.out().print(describe(results));
    return 0;
  }

  /** Verdict, counts and interval of every claim, then its segments and comparison, as plain text. */
  static String describe(ClaimValidation.Results results) {
    StringBuilder out = new StringBuilder();
    for (Row c : results.claimResults()) {
      String id = c.getAs("claim_id");
      out.append(String.format(Locale.ROOT, "%n%s: %s%n  %s%n", id, c.<String>getAs("verdict"), c.<String>getAs("statement")));
      out.append(String.format(Locale.ROOT, "  base: %d of %d observed (%d censored), rate %s, 95%% Wilson %s–%s%n",
          c.<Long>getAs("event_k"), c.<Long>getAs("observed_n"), c.<Long>getAs("censored_n"),
          pct(c.getAs("base_rate")), pct(c.getAs("base_ci_low")), pct(c.getAs("base_ci_high"))));
      if (c.getAs("compare_group_n") != null) {
        out.append(String.format(Locale.ROOT, "  compare: group %d of %d vs %d of %d, difference %s (%s–%s), one-sided p %.3g, q %.3g%n",
            c.<Long>getAs("compare_group_k"), c.<Long>getAs("compare_group_n"), c.<Long>getAs("compare_versus_k"),
            c.<Long>getAs("compare_versus_n"), pct(c.getAs("compare_risk_difference")), pct(c.getAs("compare_rd_ci_low")),
            pct(c.getAs("compare_rd_ci_high")), c.<Double>getAs("compare_p_value"), c.<Double>getAs("compare_q_value")));
      }
      out.append("  ").append(c.<String>getAs("verdict_reason")).append('\n');
      for (Row s : results.segmentResults()) {
        if (id.equals(s.getAs("claim_id"))) {
          out.append(String.format(Locale.ROOT, "    %-34s %6d observed %6d events  %7s  %s%n",
              s.<String>getAs("segment_column") + "=" + s.<String>getAs("segment_value"), s.<Long>getAs("observed_n"),
              s.<Long>getAs("event_k"), pct(s.getAs("rate")), s.<String>getAs("verdict")));
        }
      }
    }
    return out.toString();
  }

  private static String pct(Object fraction) {
    return fraction == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * (Double) fraction);
  }

  public static void main(String[] args) {
    main(new DataSetClaimsJob(), args);
  }
}
