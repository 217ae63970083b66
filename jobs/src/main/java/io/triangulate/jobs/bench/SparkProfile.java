package io.triangulate.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;

/**
 * Where a Spark run's time goes when the UI is off: a listener that records every job and
 * completed stage (wall time, tasks, summed task run time, rows read, shuffle bytes) between
 * {@link #reset} and {@link #summary}. {@code bench/duckdb --profile} prints it after each
 * Triangulate run, so the jobs of one variant can be compared within one run on a busy machine.
 */
public final class SparkProfile extends SparkListener {
  private final List<String> lines = new ArrayList<>();
  private int jobs;
  private int stages;
  private long tasks;

  /** Registers a new profile on the session's context; it records until removed. */
  public static SparkProfile attach(SparkSession spark) {
    SparkProfile profile = new SparkProfile();
    spark.sparkContext().addSparkListener(profile);
    return profile;
  }

  public synchronized void reset() {
    lines.clear();
    jobs = 0;
    stages = 0;
    tasks = 0;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart start) {
    jobs++;
    lines.add(String.format(Locale.ROOT, "  job %d start (%d stages)", start.jobId(), start.stageIds().size()));
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd end) {
    lines.add(String.format(Locale.ROOT, "  job %d end", end.jobId()));
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo s = completed.stageInfo();
    long wall = s.completionTime().isDefined() && s.submissionTime().isDefined()
        ? (Long) s.completionTime().get() - (Long) s.submissionTime().get() : -1;
    stages++;
    tasks += s.numTasks();
    var m = s.taskMetrics();
    lines.add(String.format(Locale.ROOT,
        "    stage %3d %-38.38s wall %6d ms, %3d tasks, run %6d ms, gc %5d ms, in %,11d rows, shuffle r %,11d B w %,11d B",
        s.stageId(), s.name(), wall, s.numTasks(), m.executorRunTime(), m.jvmGCTime(), m.inputMetrics().recordsRead(),
        m.shuffleReadMetrics().totalBytesRead(), m.shuffleWriteMetrics().bytesWritten()));
  }

  /** Jobs, stages and tasks since {@link #reset}, then one line per job boundary and stage. */
  public synchronized String summary() {
    return String.format(Locale.ROOT, "%d jobs, %d stages, %d tasks%n", jobs, stages, tasks) + String.join("\n", lines);
  }
}
