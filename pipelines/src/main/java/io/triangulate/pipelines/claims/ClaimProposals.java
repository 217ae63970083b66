package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import io.triangulate.pipelines.claims.ClaimSpec.Expectation;
import io.triangulate.pipelines.claims.ClaimSpec.Outcome;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import io.triangulate.pipelines.claims.ClaimSpec.Population;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Claims the interviews suggest but nobody wrote down yet. A coded sentence that carries an outcome
 * theme ({@code exit}, {@code product_abandonment}) together with a duration ("I cancelled after
 * three months") is a claim waiting to be stated: "at least X% of customers cancel within H days".
 *
 * <p>For each outcome theme mentioned with a duration in at least {@link #MIN_INTERVIEWS} interviews
 * (supported language, code not negated), one proposal: each interview's shortest such duration; the
 * horizon is the smallest {@link #HORIZONS_DAYS standard horizon} that covers the median of those;
 * the threshold is the share of the panel whose duration falls within it, rounded down to 5% — what
 * the interviews literally say, which a researcher will usually lower, since a panel recruited
 * around a problem over-represents it. The other themes of those sentences that at least half of the
 * supporting interviews share become further interview codes. Proposals are specs, not results: the
 * researcher reads, edits and copies them into the claims folder.
 */
public final class ClaimProposals {
  private ClaimProposals() {}

  /** Fewer interviews than this saying it is an anecdote, not a proposal. */
  public static final int MIN_INTERVIEWS = 2;
  /** Horizons a proposal may use: a month, a quarter, half a year, one, two and three years. */
  public static final List<Integer> HORIZONS_DAYS = List.of(30, 90, 183, 365, 730, 1095);

  /** Outcome themes and what they are counted as; the same outcomes {@link Discoveries} scans. */
  static final Map<String, OutcomeTheme> OUTCOME_THEMES = outcomeThemes();

  public static final StructType PROPOSED_CLAIMS =
      new StructType()
          .add("run_date", StringType, false)
          .add("claim_id", StringType, false) // also the file name: proposed_claims/<claim_id>.yaml
          .add("outcome_code", StringType, false) // the theme that suggested it
          .add("outcome", StringType, false) // ClaimSpec.describeOutcome(), as in gold/claim_results
          .add("horizon_days", IntegerType, false)
          .add("threshold", DoubleType, false)
          .add("interview_n", LongType, false) // supported-language interviews in the panel
          .add("supporting_interview_n", LongType, false) // said it with a duration within the horizon
          .add("mentioned_days", createArrayType(IntegerType, false), false) // each interview's shortest, sorted
          .add("interview_codes", createArrayType(StringType, false), false)
          .add("segment_ids", createArrayType(StringType, false), false) // the sentences behind it
          .add("existing_claim_ids", createArrayType(StringType, false), false) // claims already counting this outcome
          .add("spec_yaml", StringType, false);

  /** How an outcome theme is counted, with the wording of the proposed statement. */
  record OutcomeTheme(String code, Population population, Outcome outcome, String subject, String verb) {}

  /** One proposed claim with the evidence behind it. */
  public record Proposal(
      ClaimSpec spec, String outcomeCode, long interviewN, List<Integer> mentionedDays, List<String> segmentIds, List<String> quotes) {
    public long supportingInterviewN() {
      return mentionedDays.stream().filter(d -> d <= spec.horizonDays()).count();
    }
  }

  /** A sentence that names an outcome theme with a duration. */
  private record Mention(String interviewId, String segmentId, String quote, int days, Set<String> codes) {}

  /**
   * Proposals from the interviews, sorted by claim id. {@code segments} become the proposals'
   * segment columns (the run's scanned columns).
   *
   * @param interviews {@code silver/interviews}
   * @param codedSegments {@code silver/coded_segments}
   */
  public static List<Proposal> propose(Dataset<Row> interviews, Dataset<Row> codedSegments, List<String> segments) {
    Dataset<Row> supported = interviews.filter(col("is_supported_language")).select("interview_id").distinct();
    long panel = supported.count();
    // Only sentences with a duration reach the driver: a handful per interview.
    List<Row> rows =
        codedSegments
            .filter(col("duration_days").isNotNull().and(col("duration_days").gt(0)))
            .join(supported, "interview_id")
            .select("interview_id", "segment_id", "quote", "duration_days", "theme_ids", "phase_ids", "negated_code_ids")
            .orderBy("interview_id", "segment_id")
            .collectAsList();
    Map<String, List<Mention>> byTheme = new TreeMap<>();
    for (Row r : rows) {
      Set<String> codes = new TreeSet<>(r.<String>getList(4));
      codes.addAll(r.<String>getList(5));
      r.<String>getList(6).forEach(codes::remove);
      Mention mention = new Mention(r.getString(0), r.getString(1), r.getString(2), r.getInt(3), new TreeSet<>(r.<String>getList(4)));
      for (String code : codes) {
        if (OUTCOME_THEMES.containsKey(code)) {
          byTheme.computeIfAbsent(code, k -> new ArrayList<>()).add(mention);
        }
      }
    }
    List<Proposal> proposals = new ArrayList<>();
    byTheme.forEach((code, mentions) -> {
      Proposal p = proposal(OUTCOME_THEMES.get(code), mentions, panel, segments);
      if (p != null) {
        proposals.add(p);
      }
    });
    proposals.sort(Comparator.comparing(p -> p.spec().id()));
    return List.copyOf(proposals);
  }

  private static Proposal proposal(OutcomeTheme theme, List<Mention> mentions, long panel, List<String> segments) {
    // Each interview once, with the shortest duration it gave: "after two months, well, three" is two.
    Map<String, Mention> shortest = new TreeMap<>();
    for (Mention m : mentions) {
      shortest.merge(m.interviewId(), m, (a, b) -> b.days() < a.days() ? b : a);
    }
    if (shortest.size() < MIN_INTERVIEWS || panel == 0) {
      return null;
    }
    List<Integer> days = shortest.values().stream().map(Mention::days).sorted().toList();
    int median = days.get((days.size() - 1) / 2);
    int horizon = HORIZONS_DAYS.stream().filter(h -> h >= median).findFirst().orElse(HORIZONS_DAYS.get(HORIZONS_DAYS.size() - 1));
    List<Mention> supporting = shortest.values().stream().filter(m -> m.days() <= horizon).toList();
    double threshold = Math.max(0.05, Math.min(0.95, Math.floor((double) supporting.size() / panel * 20) / 20));

    Map<String, Integer> cooccurring = new TreeMap<>();
    for (Mention m : supporting) {
      Set<String> seen = new HashSet<>();
      mentions.stream().filter(x -> x.interviewId().equals(m.interviewId()) && x.days() <= horizon)
          .forEach(x -> seen.addAll(x.codes()));
      seen.remove(theme.code());
      seen.forEach(c -> cooccurring.merge(c, 1, Integer::sum));
    }
    List<String> codes = new ArrayList<>(List.of(theme.code()));
    cooccurring.forEach((c, n) -> {
      if (2 * n >= supporting.size() && !OUTCOME_THEMES.containsKey(c)) {
        codes.add(c);
      }
    });
    String id = "proposed_" + theme.code() + "_" + horizon + "d";
    String statement = "At least " + ClaimSpec.Percent.format(threshold) + " of " + theme.subject() + " " + theme.verb()
        + " within " + horizon + " days.";
    ClaimSpec spec = new ClaimSpec(id, statement, List.copyOf(codes), theme.population(), theme.outcome(), horizon,
        new Expectation(true, threshold), List.copyOf(segments), ClaimSpec.DEFAULT_MIN_SEGMENT_SIZE, "", null);
    List<Mention> evidence = mentions.stream().filter(m -> m.days() <= horizon).toList();
    return new Proposal(spec, theme.code(), panel, days,
        evidence.stream().map(Mention::segmentId).distinct().toList(),
        evidence.stream().map(Mention::quote).distinct().toList());
  }

  /** The {@link #PROPOSED_CLAIMS} row of a proposal; {@code existing} = claims of the run counting the same outcome. */
  public static Row row(Proposal p, LocalDate runDate, List<String> existing, String yaml) {
    ClaimSpec s = p.spec();
    return new GenericRowWithSchema(new Object[] {
        runDate.toString(), s.id(), p.outcomeCode(), s.describeOutcome(), s.horizonDays(), s.expectation().threshold(),
        p.interviewN(), p.supportingInterviewN(), ClaimValidation.seq(p.mentionedDays()), ClaimValidation.seq(s.interviewCodes()),
        ClaimValidation.seq(p.segmentIds()), ClaimValidation.seq(existing), yaml}, PROPOSED_CLAIMS);
  }

  private static Map<String, OutcomeTheme> outcomeThemes() {
    Map<String, OutcomeTheme> themes = new LinkedHashMap<>();
    Population everyone = new Population(null, List.of());
    themes.put("exit", new OutcomeTheme("exit", everyone, new Outcome(OutcomeType.CHURN_WITHIN, null, List.of(), 0),
        "customers", "cancel"));
    themes.put("product_abandonment", new OutcomeTheme("product_abandonment", new Population(Discoveries.WATCH, List.of()),
        new Outcome(OutcomeType.USAGE_STOPS, Discoveries.WATCH, List.of(Discoveries.WATCH_USAGE), ClaimSpec.DEFAULT_INACTIVE_DAYS),
        "sports-watch buyers", "stop using it"));
    return Map.copyOf(themes);
  }
}
