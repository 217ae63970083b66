package io.triangulate.pipelines.claims;

import io.triangulate.pipelines.claims.ClaimSpec.Comparison;
import io.triangulate.pipelines.claims.ClaimSpec.Expectation;
import io.triangulate.pipelines.stats.TwoProportions;
import io.triangulate.pipelines.stats.TwoProportions.FisherExact;
import io.triangulate.pipelines.stats.TwoProportions.RiskDifference;
import io.triangulate.pipelines.stats.TwoProportions.RiskRatio;
import io.triangulate.pipelines.stats.TwoProportions.ZTest;
import org.apache.commons.math3.special.Beta;

/**
 * The hypothesis tests behind segment and comparison verdicts. Their p-values are adjusted together
 * with Benjamini–Hochberg over a whole run (see {@link ClaimValidation}), because a run scans many
 * segments and one lucky segment out of twenty is expected by chance.
 */
public final class SignificanceTests {
  private SignificanceTests() {}

  /** q below this counts as significant. */
  public static final double ALPHA = 0.05;

  /**
   * Exact one-sided binomial test of k events in n against the claim's threshold p₀, in the
   * claim's direction: for "at least p₀" P(X ≥ k | n, p₀), for "at most p₀" P(X ≤ k | n, p₀)
   * (SciPy {@code binomtest(k, n, p0, alternative='greater' | 'less')}). Computed from the
   * regularized incomplete beta function, P(X ≥ k) = I_{p₀}(k, n − k + 1), so tiny p-values keep
   * their digits instead of vanishing in 1 − CDF.
   */
  public static double binomialP(Expectation expectation, long k, long n) {
    if (n <= 0 || k < 0 || k > n) {
      throw new IllegalArgumentException("need 0 <= k <= n and n >= 1, found k=" + k + ", n=" + n);
    }
    double p0 = expectation.threshold();
    if (expectation.atLeast()) {
      return k == 0 ? 1.0 : Beta.regularizedBeta(p0, k, n - k + 1.0);
    }
    return k == n ? 1.0 : Beta.regularizedBeta(1.0 - p0, n - k, k + 1.0);
  }

  /** Everything computed for a comparison claim; "group" is the side the claim says is higher/lower. */
  public record ComparisonTest(
      long groupN, long groupK, long versusN, long versusK,
      ZTest z, FisherExact fisher, RiskDifference difference, RiskRatio ratio,
      double pClaimed, double pOpposite, double fisherClaimed) {}

  /** z, Fisher, Newcombe risk difference and Katz risk ratio of group vs versus; null if a side is empty. */
  public static ComparisonTest compare(Comparison comparison, long groupK, long groupN, long versusK, long versusN) {
    if (groupN == 0 || versusN == 0) {
      return null;
    }
    ZTest z = TwoProportions.zTest(groupK, groupN, versusK, versusN);
    FisherExact fisher = TwoProportions.fisherExact(groupK, groupN, versusK, versusN);
    RiskDifference rd = TwoProportions.riskDifference(groupK, groupN, versusK, versusN, Verdicts.CONFIDENCE);
    RiskRatio rr = TwoProportions.riskRatio(groupK, groupN, versusK, versusN, Verdicts.CONFIDENCE);
    boolean higher = comparison.higher();
    return new ComparisonTest(groupN, groupK, versusN, versusK, z, fisher, rd, rr,
        higher ? z.pGreater() : z.pLess(), higher ? z.pLess() : z.pGreater(),
        higher ? fisher.pGreater() : fisher.pLess());
  }
}
