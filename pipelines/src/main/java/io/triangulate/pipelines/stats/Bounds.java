package io.triangulate.pipelines.stats;

/**
 * A closed interval {@code [lower, upper]} on the real line: a confidence interval, a credible
 * interval, or a pointwise band of a survival curve.
 *
 * <p>Deliberately minimal so every statistic in this package can return it; the bound may be
 * infinite (an upper bound of a risk ratio when the reference group has no events).
 *
 * @param lower lower bound, never greater than {@code upper}
 * @param upper upper bound
 */
public record Bounds(double lower, double upper) {

  public Bounds {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException("bounds must satisfy lower <= upper, found [" + lower + ", " + upper + "]");
    }
  }

  /** Whether {@code value} lies inside the closed interval. */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  public double width() {
    return upper - lower;
  }
}
