package io.triangulate.pipelines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Comparison with reference values: relative for tiny p-values, absolute floor near zero. */
final class Near {
  static final double RELATIVE = 1e-9;
  static final double ABSOLUTE_FLOOR = 1e-12;

  private Near() {}

  static void assertNear(double actual, double expected, String description) {
    assertNear(actual, expected, RELATIVE, description);
  }

  static void assertNear(double actual, double expected, double relative, String description) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(description).isNaN();
    } else if (Double.isInfinite(expected)) {
      assertThat(actual).as(description).isEqualTo(expected);
    } else {
      double tolerance = Math.max(relative * Math.abs(expected), ABSOLUTE_FLOOR);
      assertThat(actual).as(description + " (reference " + expected + ")").isCloseTo(expected, within(tolerance));
    }
  }
}
