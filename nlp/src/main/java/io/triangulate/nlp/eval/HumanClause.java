package io.triangulate.nlp.eval;

/**
 * One clause of a review as people coded it.
 *
 * @param reviewId the review it belongs to
 * @param clauseNo 1-based position among the review's coded clauses
 * @param clause the clause text
 * @param aspect one of the 20 aspect labels, or {@code None}
 * @param sentiment 0 (very negative) … 4 (very positive)
 */
public record HumanClause(String reviewId, int clauseNo, String clause, String aspect, int sentiment) {
  public static final String NO_ASPECT = "None";

  public boolean hasAspect() {
    return !NO_ASPECT.equals(aspect);
  }
}
