package io.triangulate.pipelines.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Validation and time ordering of right-censored (time, event) observations. */
final class SurvivalData {
  private SurvivalData() {}

  static void check(double[] times, boolean[] events) {
    if (times.length != events.length) {
      throw new IllegalArgumentException(
          "times and events must have the same length, found " + times.length + " and " + events.length);
    }
    for (int i = 0; i < times.length; i++) {
      if (!Double.isFinite(times[i]) || times[i] < 0) {
        throw new IllegalArgumentException("time at index " + i + " must be finite and >= 0, found " + times[i]);
      }
    }
  }

  /** Indices of the observations in increasing time order. */
  static int[] timeOrder(double[] times) {
    Integer[] order = IntStream.range(0, times.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> times[i]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
