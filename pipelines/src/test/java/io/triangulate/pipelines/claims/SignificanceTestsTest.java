package io.triangulate.pipelines.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.pipelines.claims.ClaimSpec.Comparison;
import io.triangulate.pipelines.claims.ClaimSpec.Expectation;
import io.triangulate.pipelines.claims.SignificanceTests.ComparisonTest;
import io.triangulate.pipelines.claims.Verdicts.Verdict;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Segment binomial tests, comparison tests and the verdict rules built on them. */
class SignificanceTestsTest {
  private static final Expectation AT_LEAST_20 = new Expectation(true, 0.2);
  private static final Expectation AT_LEAST_30 = new Expectation(true, 0.3);
  private static final Expectation AT_MOST_30 = new Expectation(false, 0.3);
  private static final Comparison SETUP = new Comparison("is_setup_completed", false, true, true);

  private static Offset<Double> rel(double expected) {
    return within(Math.abs(expected) * 1e-9 + 1e-15);
  }

  @Test
  void binomialTestMatchesScipy() {
    // scipy.stats.binomtest(20, 25, 0.2, alternative='greater').pvalue
    assertThat(SignificanceTests.binomialP(AT_LEAST_20, 20, 25)).isCloseTo(1.9392992347422751e-10, rel(1.9392992347422751e-10));
    // binomtest(400, 1000, 0.3, alternative='greater').pvalue: a tiny upper tail keeps its digits
    assertThat(SignificanceTests.binomialP(AT_LEAST_30, 400, 1000)).isCloseTo(1.104129819055663e-11, rel(1.104129819055663e-11));
    // binomtest(3, 40, 0.3, alternative='greater' | 'less').pvalue
    assertThat(SignificanceTests.binomialP(AT_LEAST_30, 3, 40)).isCloseTo(0.9998972345576265, rel(0.9998972345576265));
    assertThat(SignificanceTests.binomialP(AT_MOST_30, 3, 40)).isCloseTo(0.000597928446682593, rel(0.000597928446682593));
    assertThat(SignificanceTests.binomialP(AT_LEAST_30, 0, 10)).as("k = 0 against 'greater'").isEqualTo(1.0);
    assertThat(SignificanceTests.binomialP(AT_MOST_30, 10, 10)).as("k = n against 'less'").isEqualTo(1.0);
  }

  @Test
  void segmentSupportNeedsTheIntervalAndTheAdjustedTest() {
    var ci = io.triangulate.pipelines.stats.Proportions.wilson(20, 25, Verdicts.CONFIDENCE);
    assertThat(Verdicts.segmentVerdict(AT_LEAST_20, 25, ci, 20, 1e-6)).isEqualTo("supported");
    assertThat(Verdicts.segmentVerdict(AT_LEAST_20, 25, ci, 20, 0.06)).as("interval above, but q too large").isEqualTo("inconclusive");
    assertThat(Verdicts.segmentVerdict(AT_LEAST_20, 25, ci, 30, 1e-6)).as("below the floor").isEqualTo("suppressed");
    var low = io.triangulate.pipelines.stats.Proportions.wilson(1, 100, Verdicts.CONFIDENCE);
    assertThat(Verdicts.segmentVerdict(AT_LEAST_20, 100, low, 20, 1.0)).as("contradiction is the interval's alone").isEqualTo("contradicted");
  }

  @Test
  void comparisonComputesTheTwoProportionStatistics() {
    ComparisonTest t = SignificanceTests.compare(SETUP, 40, 50, 9, 50);

    // statsmodels proportions_ztest([40, 9], [50, 50], alternative='larger') -> (6.201240372124044, 2.8009937813789425e-10)
    assertThat(t.z().z()).isCloseTo(6.201240372124044, within(1e-9));
    assertThat(t.pClaimed()).isCloseTo(2.8009937813789425e-10, rel(2.8009937813789425e-10));
    assertThat(t.pClaimed()).as("one-sided 'larger'").isEqualTo(t.z().pGreater());
    assertThat(t.pOpposite()).isEqualTo(t.z().pLess());
    assertThat(t.fisherClaimed()).isEqualTo(t.fisher().pGreater());
    assertThat(t.difference().estimate()).isCloseTo(0.62, within(1e-12));
    assertThat(t.ratio().estimate()).isCloseTo(40.0 / 9.0, within(1e-12));
    assertThat(SignificanceTests.compare(SETUP, 0, 0, 9, 50)).as("an empty side cannot be compared").isNull();
  }

  @Test
  void comparisonVerdictFollowsDirectionAndAdjustedSignificance() {
    ComparisonTest higher = SignificanceTests.compare(SETUP, 40, 50, 9, 50);
    Verdict supported = Verdicts.comparisonVerdict(SETUP, higher, 1e-9, 1.0, 20);
    assertThat(supported.word()).isEqualTo("supported");
    assertThat(supported.reason()).contains("is_setup_completed=false: 80%").contains("+62.0 pts");
    assertThat(Verdicts.comparisonVerdict(SETUP, higher, 0.2, 1.0, 20).word()).as("not significant after BH").isEqualTo("inconclusive");

    ComparisonTest lower = SignificanceTests.compare(SETUP, 9, 50, 40, 50);
    assertThat(Verdicts.comparisonVerdict(SETUP, lower, 1.0, 1e-9, 20).word()).as("significant the other way").isEqualTo("contradicted");

    ComparisonTest small = SignificanceTests.compare(SETUP, 8, 10, 9, 50);
    assertThat(Verdicts.comparisonVerdict(SETUP, small, 1e-3, 1.0, 20).word()).as("fewer than 20 on one side").isEqualTo("inconclusive");
  }
}
