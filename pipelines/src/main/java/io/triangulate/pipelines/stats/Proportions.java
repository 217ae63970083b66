package io.triangulate.pipelines.stats;

/**
 * Confidence intervals for a binomial proportion k/n.
 *
 * <p>Wilson's score interval rather than the textbook normal ("Wald") interval: claims are checked
 * on 15-20 interviews and on segments of a few dozen customers, where Wald collapses to zero width
 * at k = 0 or k = n and undercovers badly; Wilson stays inside [0, 1] and keeps close to nominal
 * coverage down to n = 1.
 */
public final class Proportions {
  private Proportions() {}

  /** An interval with its point estimate k/n, all as fractions in [0, 1]. */
  public record Interval(double low, double high, double estimate) {
    /** Whether {@code value} lies inside the closed interval. */
    public boolean contains(double value) {
      return value >= low && value <= high;
    }
  }

  /**
   * Wilson score interval for k successes out of n trials.
   *
   * @param confidence two-sided confidence level, e.g. 0.95
   * @throws IllegalArgumentException when n ≤ 0, k outside [0, n] or confidence outside (0, 1)
   */
  public static Interval wilson(long k, long n, double confidence) {
    if (n <= 0) {
      throw new IllegalArgumentException("Wilson interval needs n > 0, got n=" + n);
    }
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("Wilson interval needs 0 <= k <= n, got k=" + k + ", n=" + n);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    double z = normalQuantile(1 - (1 - confidence) / 2);
    double p = (double) k / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    // At k = 0 and k = n the bound is exactly 0 or 1; rounding must not push it outside.
    double low = k == 0 ? 0.0 : Math.max(0.0, centre - half);
    double high = k == n ? 1.0 : Math.min(1.0, centre + half);
    return new Interval(low, high, p);
  }

  /**
   * Inverse of the standard normal CDF (Acklam's rational approximation, relative error below
   * 1.2e-9), so the module needs no maths library for one quantile.
   */
  static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), got " + p);
    }
    final double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    final double[] b = {
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01
    };
    final double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    final double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -normalQuantile(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
