package io.triangulate.pipelines.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.claims.ClaimSpec.Expectation;
import io.triangulate.pipelines.stats.Proportions.Interval;
import org.junit.jupiter.api.Test;

class VerdictsTest {
  private static final Expectation AT_LEAST_30 = new Expectation(true, 0.30);
  private static final Expectation AT_MOST_10 = new Expectation(false, 0.10);

  @Test
  void atLeastUsesTheWholeInterval() {
    assertThat(Verdicts.intervalVerdict(AT_LEAST_30, new Interval(0.30, 0.40, 0.35))).as("lo = p0").isEqualTo("supported");
    assertThat(Verdicts.intervalVerdict(AT_LEAST_30, new Interval(0.29, 0.40, 0.35))).as("lo < p0 <= hi").isEqualTo("inconclusive");
    assertThat(Verdicts.intervalVerdict(AT_LEAST_30, new Interval(0.20, 0.30, 0.25))).as("hi = p0").isEqualTo("inconclusive");
    assertThat(Verdicts.intervalVerdict(AT_LEAST_30, new Interval(0.20, 0.29, 0.25))).as("hi < p0").isEqualTo("contradicted");
  }

  @Test
  void atMostIsTheMirror() {
    assertThat(Verdicts.intervalVerdict(AT_MOST_10, new Interval(0.02, 0.10, 0.05))).as("hi = p0").isEqualTo("supported");
    assertThat(Verdicts.intervalVerdict(AT_MOST_10, new Interval(0.05, 0.15, 0.10))).isEqualTo("inconclusive");
    assertThat(Verdicts.intervalVerdict(AT_MOST_10, new Interval(0.11, 0.20, 0.15))).as("lo > p0").isEqualTo("contradicted");
  }

  @Test
  void fewerThanThirtyObservedIsInconclusiveWhateverTheInterval() {
    Interval clear = new Interval(0.8, 0.95, 0.9);
    assertThat(Verdicts.baseVerdict(AT_LEAST_30, 29, clear).word()).isEqualTo("inconclusive");
    assertThat(Verdicts.baseVerdict(AT_LEAST_30, 29, clear).reason()).contains("only 29 customers");
    assertThat(Verdicts.baseVerdict(AT_LEAST_30, 30, clear).word()).isEqualTo("supported");
    assertThat(Verdicts.baseVerdict(AT_LEAST_30, 0, null).word()).isEqualTo("inconclusive");
  }

  @Test
  void segmentsBelowTheirMinimumAreSuppressed() {
    Interval clear = new Interval(0.8, 0.95, 0.9);
    assertThat(Verdicts.segmentVerdict(AT_LEAST_30, 19, clear, 20)).isEqualTo("suppressed");
    assertThat(Verdicts.segmentVerdict(AT_LEAST_30, 20, clear, 20)).isEqualTo("supported");
    assertThat(Verdicts.segmentVerdict(AT_LEAST_30, 0, null, 20)).isEqualTo("suppressed");
  }
}
