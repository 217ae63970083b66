package io.triangulate.pipelines.stats;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Posterior of a binomial proportion p under a conjugate Beta(a, b) prior: after k successes in n
 * trials the posterior is Beta(a + k, b + n − k).
 *
 * <p>Use it to say "given what we saw, how likely is the base rate at least p₀?" directly
 * ({@link #probabilityAtLeast}), which a confidence interval cannot. Reference: {@code
 * scipy.stats.beta(a + k, b + n − k)} ({@code mean}, {@code interval}, {@code sf}).
 *
 * @param alpha posterior first shape parameter (a + k), &gt; 0
 * @param beta posterior second shape parameter (b + n − k), &gt; 0
 */
public record BetaPosterior(double alpha, double beta) {

  public BetaPosterior {
    if (!(alpha > 0 && beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException(
          "Beta shape parameters must be finite and > 0, found alpha=" + alpha + ", beta=" + beta);
    }
  }

  /**
   * Posterior after k successes in n trials from a Beta(priorAlpha, priorBeta) prior. Common priors:
   * (1, 1) uniform, (½, ½) Jeffreys.
   */
  public static BetaPosterior of(long k, long n, double priorAlpha, double priorBeta) {
    Checks.counts(k, n);
    if (!(priorAlpha > 0 && priorBeta > 0)) {
      throw new IllegalArgumentException(
          "prior shape parameters must be > 0, found a=" + priorAlpha + ", b=" + priorBeta);
    }
    return new BetaPosterior(priorAlpha + k, priorBeta + (n - k));
  }

  /** Posterior mean a / (a + b). */
  public double mean() {
    return alpha / (alpha + beta);
  }

  /** Equal-tailed credible interval: the (1−level)/2 and (1+level)/2 posterior quantiles. */
  public Bounds credibleInterval(double level) {
    Checks.level(level);
    double tail = (1 - level) / 2;
    BetaDistribution posterior = BetaQuantiles.beta(alpha, beta);
    return new Bounds(
        posterior.inverseCumulativeProbability(tail), posterior.inverseCumulativeProbability(1 - tail));
  }

  /** Posterior probability P(p ≥ threshold) = 1 − I_threshold(a, b). */
  public double probabilityAtLeast(double threshold) {
    Checks.probability("threshold", threshold);
    // 1 - I_x(a, b) = I_{1-x}(b, a): computing the upper tail directly keeps precision when it is tiny.
    if (threshold == 0) {
      return 1.0;
    }
    if (threshold == 1) {
      return 0.0;
    }
    return org.apache.commons.math3.special.Beta.regularizedBeta(1 - threshold, beta, alpha);
  }
}
