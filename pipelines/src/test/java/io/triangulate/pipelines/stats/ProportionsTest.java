package io.triangulate.pipelines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.pipelines.stats.Proportions.Interval;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProportionsTest {
  private static final double TOLERANCE = 1e-8;

  /**
   * Reference values produced with statsmodels 0.14:
   *
   * <pre>
   * python3 -c "from statsmodels.stats.proportion import proportion_confint as c
   * for k,n in [(12,40),(0,10),(10,10),(0,1),(1,1),(40,100),(3,17)]:
   *     print(k, n, repr(c(k, n, alpha=0.05, method='wilson')))"
   * python3 -c "from statsmodels.stats.proportion import proportion_confint as c; print(c(12,40,alpha=0.10,method='wilson'))"
   * </pre>
   */
  @ParameterizedTest(name = "wilson({0}, {1}, {2})")
  @CsvSource({
    "12, 40, 0.95, 0.1807484522974653, 0.45430018818144946",
    "0, 10, 0.95, 0.0, 0.27753279986288926",
    "10, 10, 0.95, 0.7224672001371106, 1.0",
    "0, 1, 0.95, 0.0, 0.7934506856227627",
    "1, 1, 0.95, 0.2065493143772374, 1.0",
    "40, 100, 0.95, 0.30940128643245896, 0.49799741320893826",
    "3, 17, 0.95, 0.061911266376209945, 0.4102945856883413",
    "12, 40, 0.90, 0.196632891603838, 0.42870848785434523"
  })
  void wilsonMatchesStatsmodels(long k, long n, double confidence, double low, double high) {
    Interval interval = Proportions.wilson(k, n, confidence);
    assertThat(interval.low()).as("lower bound").isCloseTo(low, within(TOLERANCE));
    assertThat(interval.high()).as("upper bound").isCloseTo(high, within(TOLERANCE));
    assertThat(interval.estimate()).as("point estimate k/n").isEqualTo((double) k / n);
  }

  @Test
  void boundsAreExactAtTheEdges() {
    assertThat(Proportions.wilson(0, 7, 0.95).low()).as("k=0 lower bound").isEqualTo(0.0);
    assertThat(Proportions.wilson(7, 7, 0.95).high()).as("k=n upper bound").isEqualTo(1.0);
    assertThat(Proportions.wilson(3, 7, 0.95).contains(3.0 / 7)).as("estimate inside").isTrue();
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> Proportions.wilson(0, 0, 0.95)).hasMessageContaining("n > 0");
    assertThatThrownBy(() -> Proportions.wilson(5, 4, 0.95)).hasMessageContaining("k <= n");
    assertThatThrownBy(() -> Proportions.wilson(1, 4, 1.0)).hasMessageContaining("confidence");
  }
}
