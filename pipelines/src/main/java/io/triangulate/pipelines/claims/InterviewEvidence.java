package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * What the interviews say about each claim. An interview counts as evidence when its coded
 * segments, taken together, carry every one of the claim's codes (as a theme, phase or touchpoint)
 * without the segment negating that code. Only interviews in a supported language count.
 *
 * <p>Interviews are few (15-20), so their code sets and the candidate quotes are collected to the
 * driver once and matched there for every claim.
 */
final class InterviewEvidence {
  /** The most quotes shown per claim. */
  static final int MAX_QUOTES = 3;

  /** A coded sentence that could be quoted, with its non-negated codes. */
  record Segment(String segmentId, String interviewId, String quote, Set<String> codes, double confidence) {}

  /** Interview counts and quotes for one claim. */
  record ClaimEvidence(long interviewN, long interviewK, List<Segment> quotes) {}

  private final Map<String, Set<String>> codesByInterview;
  private final List<Segment> candidates;

  private InterviewEvidence(Map<String, Set<String>> codesByInterview, List<Segment> candidates) {
    this.codesByInterview = codesByInterview;
    this.candidates = candidates;
  }

  /**
   * Collects per-interview code sets and the segments carrying any of {@code claimCodes}.
   *
   * @param interviews {@code silver/interviews}
   * @param codedSegments {@code silver/coded_segments}
   */
  static InterviewEvidence collect(Dataset<Row> interviews, Dataset<Row> codedSegments, Set<String> claimCodes) {
    Dataset<Row> supported = interviews.filter(col("is_supported_language")).select("interview_id").distinct();
    Column noCodes = array().cast(DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> segments =
        codedSegments
            .join(supported, new String[] {"interview_id"}, "left_semi")
            .select(
                col("segment_id"),
                col("interview_id"),
                col("quote"),
                col("confidence"),
                array_except(
                        array_distinct(
                            concat(
                                coalesce(col("theme_ids"), noCodes),
                                coalesce(col("phase_ids"), noCodes),
                                coalesce(col("touchpoint_ids"), noCodes))),
                        coalesce(col("negated_code_ids"), noCodes))
                    .as("codes"));
    Dataset<Row> perInterview =
        supported
            .join(
                segments.groupBy("interview_id").agg(array_distinct(flatten(collect_list(col("codes")))).as("codes")),
                new String[] {"interview_id"},
                "left")
            .select(col("interview_id"), coalesce(col("codes"), noCodes).as("codes"));

    Map<String, Set<String>> codesByInterview = new TreeMap<>();
    for (Row row : perInterview.collectAsList()) {
      codesByInterview.put(row.getString(0), new HashSet<>(row.<String>getList(1)));
    }
    List<Segment> candidates = new ArrayList<>();
    if (!claimCodes.isEmpty()) {
      Column wanted = array(claimCodes.stream().sorted().map(c -> lit(c)).toArray(Column[]::new));
      for (Row row : segments.filter(arrays_overlap(col("codes"), wanted)).collectAsList()) {
        candidates.add(
            new Segment(
                row.getAs("segment_id"),
                row.getAs("interview_id"),
                row.getAs("quote"),
                new HashSet<>(row.<String>getList(row.fieldIndex("codes"))),
                row.isNullAt(row.fieldIndex("confidence")) ? 0.0 : row.<Double>getAs("confidence")));
      }
    }
    return new InterviewEvidence(codesByInterview, candidates);
  }

  /**
   * k of n interviews carrying all {@code codes}, and up to three quotes: at most one per interview,
   * preferring segments that match more of the codes, then evidence interviews, then higher coder
   * confidence, then segment id (so the choice is stable between runs).
   */
  ClaimEvidence forClaim(List<String> codes) {
    Set<String> evidence = new HashSet<>();
    codesByInterview.forEach((id, have) -> {
      if (have.containsAll(codes)) {
        evidence.add(id);
      }
    });
    Comparator<Segment> preference =
        Comparator.<Segment>comparingLong(s -> -matches(s, codes))
            .thenComparing(s -> !evidence.contains(s.interviewId()))
            .thenComparing(s -> -s.confidence())
            .thenComparing(Segment::segmentId);
    Map<String, Segment> bestPerInterview = new LinkedHashMap<>();
    candidates.stream()
        .filter(s -> matches(s, codes) > 0)
        .sorted(preference)
        .forEach(s -> bestPerInterview.putIfAbsent(s.interviewId(), s));
    List<Segment> quotes = bestPerInterview.values().stream().sorted(preference).limit(MAX_QUOTES).toList();
    return new ClaimEvidence(codesByInterview.size(), evidence.size(), quotes);
  }

  private static long matches(Segment segment, List<String> codes) {
    return codes.stream().filter(segment.codes()::contains).count();
  }
}
