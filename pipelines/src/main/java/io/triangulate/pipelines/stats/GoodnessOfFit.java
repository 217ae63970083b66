package io.triangulate.pipelines.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;

/**
 * Pearson chi-square goodness of fit: does the mix of an interview panel (observed counts per
 * category, e.g. acquisition channel) look like a random draw from the customer base (expected
 * proportions)? A panel that over-represents one channel can explain a theme that does not hold
 * base-wide.
 *
 * <p>Statistic X² = Σ (xᵢ − n·pᵢ)² / (n·pᵢ), df = k − 1. Its χ² p-value is unreliable with the
 * expected counts below ~5 that 15–20 interviews always produce, so a second p-value is computed
 * from the multinomial distribution itself, P(X² ≥ observed X²):
 *
 * <ul>
 *   <li>{@link Method#EXACT_MULTINOMIAL} when the number of possible panels C(n+k−1, k−1) is at most
 *       {@code maxOutcomes} (default {@value #DEFAULT_MAX_OUTCOMES}: 20 interviews over up to 8
 *       categories): every outcome is enumerated.
 *   <li>{@link Method#MONTE_CARLO} otherwise: {@code draws} seeded multinomial panels, p = (1 + #{X²ₛᵢₘ
 *       ≥ X²}) / (draws + 1) as R's {@code chisq.test(simulate.p.value = TRUE)}; its standard error
 *       is about sqrt(p(1−p)/draws).
 * </ul>
 *
 * <p>Reference: {@code scipy.stats.chisquare} for X² and the asymptotic p; an explicit enumeration
 * with {@code scipy.stats.multinomial.pmf} for the exact p (see the test).
 */
public final class GoodnessOfFit {

  public static final long DEFAULT_MAX_OUTCOMES = 1_000_000L;
  public static final int DEFAULT_DRAWS = 100_000;
  /** Fixed so the nightly report is reproducible run to run. */
  public static final long DEFAULT_SEED = 20_260_514L;

  // Outcomes whose statistic equals the observed one up to rounding count as "at least as extreme";
  // permutations of categories with equal pᵢ give mathematically equal X².
  private static final double TIE_RELATIVE = 1e-9;

  /** How {@link Result#resampledP} was computed. */
  public enum Method {
    EXACT_MULTINOMIAL,
    MONTE_CARLO
  }

  /**
   * @param chiSquare Pearson's X²
   * @param degreesOfFreedom k − 1
   * @param asymptoticP P(χ²(k−1) ≥ X²)
   * @param resampledP P(X² ≥ observed) under the multinomial null, exact or Monte Carlo
   * @param method how {@code resampledP} was computed
   * @param outcomes the number of possible panels (exact) or of simulated panels (Monte Carlo)
   */
  public record Result(
      double chiSquare, int degreesOfFreedom, double asymptoticP, double resampledP, Method method, double outcomes) {}

  private GoodnessOfFit() {}

  /** Test with the defaults: exact up to a million outcomes, else 100,000 seeded draws. */
  public static Result chiSquare(long[] observed, double[] expected) {
    return chiSquare(observed, expected, DEFAULT_MAX_OUTCOMES, DEFAULT_DRAWS, DEFAULT_SEED);
  }

  /**
   * @param observed counts per category (the panel), ≥ 0, at least two categories
   * @param expected expected share per category (the base): any positive weights, normalised to sum
   *     to 1, so base counts can be passed directly
   * @param maxOutcomes enumerate exactly when C(n+k−1, k−1) ≤ this
   * @param draws Monte Carlo panels otherwise
   * @param seed Monte Carlo seed
   */
  public static Result chiSquare(long[] observed, double[] expected, long maxOutcomes, int draws, long seed) {
    double[] p = normalise(observed, expected);
    long n = total(observed);
    double statistic = statistic(observed, p, n);
    int df = observed.length - 1;
    double asymptotic = statistic <= 0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, statistic / 2.0);
    double outcomes = outcomeCount(n, observed.length);
    if (outcomes <= maxOutcomes) {
      return new Result(statistic, df, asymptotic, exactP(statistic, p, n), Method.EXACT_MULTINOMIAL, outcomes);
    }
    return new Result(statistic, df, asymptotic, monteCarloP(statistic, p, n, draws, seed), Method.MONTE_CARLO, draws);
  }

  /** Exact multinomial p-value by enumeration, whatever the number of outcomes. */
  public static double exactMultinomialP(long[] observed, double[] expected) {
    double[] p = normalise(observed, expected);
    long n = total(observed);
    return exactP(statistic(observed, p, n), p, n);
  }

  /** Monte Carlo p-value (1 + hits) / (draws + 1) with a seeded generator. */
  public static double monteCarloP(long[] observed, double[] expected, int draws, long seed) {
    double[] p = normalise(observed, expected);
    long n = total(observed);
    return monteCarloP(statistic(observed, p, n), p, n, draws, seed);
  }

  /** C(n+k−1, k−1), the number of ways n interviews fall into k categories, as a double. */
  static double outcomeCount(long n, int k) {
    return Math.rint(Math.exp(Gamma.logGamma(n + k) - Gamma.logGamma(n + 1) - Gamma.logGamma(k)));
  }

  private static double statistic(long[] observed, double[] p, long n) {
    double sum = 0;
    for (int i = 0; i < observed.length; i++) {
      double e = n * p[i];
      double diff = observed[i] - e;
      sum += diff * diff / e;
    }
    return sum;
  }

  private static double exactP(double observedStatistic, double[] p, long n) {
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("exact enumeration needs n < 2^31, found " + n);
    }
    int k = p.length;
    double[] logP = new double[k];
    for (int i = 0; i < k; i++) {
      logP[i] = Math.log(p[i]);
    }
    double[] logFactorial = new double[(int) n + 1];
    for (int x = 2; x <= n; x++) {
      logFactorial[x] = logFactorial[x - 1] + Math.log(x);
    }
    Enumeration walk = new Enumeration(p, logP, logFactorial, n, observedStatistic * (1 - TIE_RELATIVE) - TIE_RELATIVE);
    walk.visit(0, (int) n, 0.0, logFactorial[(int) n]);
    return Math.min(1.0, walk.tail);
  }

  /** Depth-first walk over all count vectors summing to n; carries the partial X² and log pmf. */
  private static final class Enumeration {
    private final double[] p;
    private final double[] logP;
    private final double[] logFactorial;
    private final long n;
    private final double threshold;
    private double tail;

    Enumeration(double[] p, double[] logP, double[] logFactorial, long n, double threshold) {
      this.p = p;
      this.logP = logP;
      this.logFactorial = logFactorial;
      this.n = n;
      this.threshold = threshold;
    }

    void visit(int category, int remaining, double partialStatistic, double partialLogPmf) {
      int last = p.length - 1;
      if (category == last) {
        double statistic = partialStatistic + term(last, remaining);
        if (statistic >= threshold) {
          tail += Math.exp(partialLogPmf + remaining * logP[last] - logFactorial[remaining]);
        }
        return;
      }
      for (int x = 0; x <= remaining; x++) {
        visit(
            category + 1,
            remaining - x,
            partialStatistic + term(category, x),
            partialLogPmf + x * logP[category] - logFactorial[x]);
      }
    }

    private double term(int category, int x) {
      double e = n * p[category];
      double diff = x - e;
      return diff * diff / e;
    }
  }

  private static double monteCarloP(double observedStatistic, double[] p, long n, int draws, long seed) {
    if (draws < 1) {
      throw new IllegalArgumentException("Monte Carlo needs at least one draw, found " + draws);
    }
    int k = p.length;
    double[] cumulative = new double[k];
    double running = 0;
    for (int i = 0; i < k; i++) {
      running += p[i];
      cumulative[i] = running;
    }
    cumulative[k - 1] = 1.0;
    double threshold = observedStatistic * (1 - TIE_RELATIVE) - TIE_RELATIVE;
    SplittableRandom random = new SplittableRandom(seed);
    long[] counts = new long[k];
    long hits = 0;
    for (int draw = 0; draw < draws; draw++) {
      Arrays.fill(counts, 0);
      for (long item = 0; item < n; item++) {
        counts[category(cumulative, random.nextDouble())]++;
      }
      if (statistic(counts, p, n) >= threshold) {
        hits++;
      }
    }
    return (1.0 + hits) / (draws + 1.0);
  }

  private static int category(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static double[] normalise(long[] observed, double[] expected) {
    if (observed.length != expected.length) {
      throw new IllegalArgumentException(
          "observed and expected must have one entry per category, found " + observed.length + " and " + expected.length);
    }
    if (observed.length < 2) {
      throw new IllegalArgumentException("goodness of fit needs at least two categories, found " + observed.length);
    }
    double sum = 0;
    for (int i = 0; i < expected.length; i++) {
      if (!(expected[i] > 0) || Double.isInfinite(expected[i])) {
        throw new IllegalArgumentException("expected share of category " + i + " must be finite and > 0, found "
            + expected[i] + "; drop categories the base never has");
      }
      if (observed[i] < 0) {
        throw new IllegalArgumentException("observed count of category " + i + " must be >= 0, found " + observed[i]);
      }
      sum += expected[i];
    }
    double[] p = new double[expected.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = expected[i] / sum;
    }
    if (total(observed) == 0) {
      throw new IllegalArgumentException("observed counts are all 0; need at least one observation");
    }
    return p;
  }

  private static long total(long[] observed) {
    long n = 0;
    for (long x : observed) {
      n += x;
    }
    return n;
  }
}
