package io.triangulate.pipelines.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Kaplan–Meier estimate of the survival function S(t) = P(T &gt; t) from right-censored data: for
 * "how long until a buyer stops using the watch" where customers still using it tonight are
 * censored, not counted as "never stopping".
 *
 * <p>S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ/nᵢ), nᵢ = number still at risk just before tᵢ
 * (subjects censored at tᵢ count as at risk at tᵢ), dᵢ = events at tᵢ. Greenwood variance
 * Var S(t) = S(t)² Σ dᵢ / (nᵢ(nᵢ − dᵢ)). Pointwise interval on the log-log scale ("exponential
 * Greenwood"): S(t)^exp(±z·σ(t)/log S(t)) with σ² = Σ dᵢ / (nᵢ(nᵢ − dᵢ)); this is lifelines'
 * {@code KaplanMeierFitter} default and the same as R survival's {@code conf.type="log-log"}
 * (R's default is {@code "log"}). Reference: lifelines 0.30 and statsmodels {@code SurvfuncRight}.
 */
public final class KaplanMeier {

  /**
   * The estimate at one distinct observed time (event or censoring); S changes only where
   * {@code events > 0}.
   *
   * @param time the observed time
   * @param atRisk subjects with time ≥ this time
   * @param events events at this time
   * @param censored censorings at this time
   * @param survival S(time)
   * @param greenwoodVariance Greenwood's variance of S(time)
   * @param interval pointwise log-log confidence interval of S(time)
   */
  public record Step(
      double time, long atRisk, long events, long censored, double survival, double greenwoodVariance, Bounds interval) {}

  private static final double MEDIAN_ROUNDING = 1e-12;

  private final List<Step> steps;
  private final double confidence;

  private KaplanMeier(List<Step> steps, double confidence) {
    this.steps = Collections.unmodifiableList(steps);
    this.confidence = confidence;
  }

  /** Fits with 95% pointwise intervals. */
  public static KaplanMeier fit(double[] times, boolean[] events) {
    return fit(times, events, 0.95);
  }

  /**
   * Fits the estimator.
   *
   * @param times observed times (event or censoring), finite and ≥ 0, any order
   * @param events true where the event was observed, false where the subject was censored
   * @param confidence level of the pointwise intervals
   */
  public static KaplanMeier fit(double[] times, boolean[] events, double confidence) {
    SurvivalData.check(times, events);
    Checks.level(confidence);
    double z = Checks.zCritical(confidence);
    int[] order = SurvivalData.timeOrder(times);
    List<Step> steps = new ArrayList<>();
    long atRisk = times.length;
    double survival = 1.0;
    double greenwoodSum = 0.0;
    int i = 0;
    while (i < order.length) {
      double time = times[order[i]];
      long d = 0;
      long c = 0;
      while (i < order.length && times[order[i]] == time) {
        if (events[order[i]]) {
          d++;
        } else {
          c++;
        }
        i++;
      }
      if (d > 0) {
        survival *= 1.0 - (double) d / atRisk;
        // When everyone at risk has the event S drops to 0 and the term is d/0; lifelines (and
        // statsmodels) drop it, which leaves the variance at S = 0 equal to 0.
        if (d < atRisk) {
          greenwoodSum += (double) d / ((double) atRisk * (atRisk - d));
        }
      }
      steps.add(new Step(time, atRisk, d, c, survival, survival * survival * greenwoodSum, logLog(survival, greenwoodSum, z)));
      atRisk -= d + c;
    }
    return new KaplanMeier(steps, confidence);
  }

  private static Bounds logLog(double survival, double greenwoodSum, double z) {
    if (survival >= 1.0) {
      return new Bounds(1.0, 1.0);
    }
    if (survival <= 0.0) {
      return new Bounds(0.0, 0.0);
    }
    double logS = Math.log(survival);
    double spread = z * Math.sqrt(greenwoodSum) / -logS;
    // S^exp(+spread) is the lower bound because 0 < S < 1.
    return new Bounds(Math.pow(survival, Math.exp(spread)), Math.pow(survival, Math.exp(-spread)));
  }

  /** One step per distinct observed time, in increasing time order. */
  public List<Step> steps() {
    return steps;
  }

  public double confidence() {
    return confidence;
  }

  /** S(t): the estimate at the last step at or before t; 1 before the first observed time. */
  public double survivalAt(double t) {
    Step step = stepAt(t);
    return step == null ? 1.0 : step.survival();
  }

  /** The pointwise interval of S(t), [1, 1] before the first observed time. */
  public Bounds intervalAt(double t) {
    Step step = stepAt(t);
    return step == null ? new Bounds(1.0, 1.0) : step.interval();
  }

  /**
   * Median survival time: the first time at which S(t) ≤ 0.5, or +∞ when the curve never gets
   * there (too much censoring). This is lifelines' {@code median_survival_time_}; R's survfit
   * instead averages the two times when S is exactly 0.5 on a flat stretch.
   */
  public double median() {
    for (Step step : steps) {
      // S is a product of fractions; 0.75 * (2/3) must count as exactly one half.
      if (step.survival() <= 0.5 + MEDIAN_ROUNDING) {
        return step.time();
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private Step stepAt(double t) {
    int lo = 0;
    int hi = steps.size() - 1;
    Step found = null;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (steps.get(mid).time() <= t) {
        found = steps.get(mid);
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
