package io.triangulate.pipelines.spark;

import io.triangulate.pipelines.lake.DeltaWrites;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Independent Spark reads run side by side. A stage that reads many small tables spends most of
 * each read in driver-side work (Delta log replay, planning, scheduling) while the cores idle;
 * overlapping the reads lets one read's tasks fill them. Same threads and failure rules as
 * {@link DeltaWrites#concurrently}.
 */
public final class SideBySide {
  private SideBySide() {}

  /** Each task's result, in the order of {@code tasks} (nulls kept). */
  public static <T> List<T> supply(List<? extends Supplier<? extends T>> tasks) {
    List<T> results = new ArrayList<>(Collections.nCopies(tasks.size(), null));
    List<Runnable> runs = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      int slot = i;
      Supplier<? extends T> task = tasks.get(i);
      // Distinct slots, and concurrently waits for every task: its Future.get() makes the sets visible.
      runs.add(() -> results.set(slot, task.get()));
    }
    DeltaWrites.concurrently(runs);
    return results;
  }
}
