package io.triangulate.nlp.eval;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.CoreNlpPipelines;
import io.triangulate.nlp.coding.SegmentCoder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The NLP benchmark behind {@code bench/nlp}: sentences per second on one core for Triangulate's
 * coding pipeline (tokenize, ssplit, pos, lemma; SUTime and sentiment only on sentences that matched
 * a code) against the naive full CoreNLP pipeline (tokenize, ssplit, pos, lemma, ner, parse,
 * sentiment on everything), on the same wearable reviews, in the same JVM, runs interleaved so that
 * machine load hits both alike. A third row, the project pipeline without sentiment, shows what the
 * parser costs. Model loading is timed separately and not counted.
 *
 * <p>Usage: {@code NlpBench <wearable_reviews dir> [reviews N] [runs R] [codebook resource]}.
 * Prints one Markdown table. Not a test: speed targets live in bench/, never in unit tests.
 */
public final class NlpBench {
  private NlpBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/wearable_reviews");
    int reviews = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int runs = Math.max(3, args.length > 2 ? Integer.parseInt(args[2]) : 3);
    String codebookResource = args.length > 3 ? args[3] : Codebook.DEFAULT_RESOURCE;
    List<String> texts = reviewTexts(dir.resolve("reviews.csv"), reviews);

    resetPeaks();
    long t0 = System.nanoTime();
    SegmentCoder coder = new SegmentCoder(Codebook.fromResource(codebookResource), true);
    coder.codeText("I stopped using the watch after about five months, it was frustrating."); // loads SUTime, parser, sentiment
    double projectLoad = seconds(t0);
    double projectModelsMb = heapUsedAfterGcMb();

    t0 = System.nanoTime();
    Properties full = new Properties();
    full.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner,parse,sentiment");
    full.setProperty("tokenize.language", "en");
    StanfordCoreNLP naive = new StanfordCoreNLP(full);
    naive.annotate(new Annotation("Warm up."));
    double naiveLoad = seconds(t0);
    double bothModelsMb = heapUsedAfterGcMb();

    System.err.printf(Locale.ROOT, "models loaded: project %.1f s, naive %.1f s%n", projectLoad, naiveLoad);
    int sentences = 0;
    for (String text : texts) {
      Annotation doc = new Annotation(text);
      CoreNlpPipelines.lemmas().annotate(doc);
      sentences += doc.get(CoreAnnotations.SentencesAnnotation.class).size();
    }

    SegmentCoder withoutSentiment = new SegmentCoder(coder.codebook(), false);
    double[] project = new double[runs];
    double[] baseline = new double[runs];
    double[] coding = new double[runs];
    double[] projectCpu = new double[runs];
    double[] baselineCpu = new double[runs];
    double[] codingCpu = new double[runs];
    int coded = 0;
    for (int r = 0; r < runs; r++) {
      int[] codedThisRun = new int[1];
      List<Consumer<String>> steps = List.of(
          text -> codedThisRun[0] += coder.codeText(text).size(),
          text -> naive.annotate(new Annotation(text)),
          text -> withoutSentiment.codeText(text));
      // Rotate which goes first so none always runs on a warmer JIT or a quieter machine.
      double[][] times = new double[3][];
      for (int k = 0; k < 3; k++) {
        int step = (r + k) % 3;
        times[step] = time(texts, steps.get(step));
      }
      project[r] = times[0][0];
      projectCpu[r] = times[0][1];
      baseline[r] = times[1][0];
      baselineCpu[r] = times[1][1];
      coding[r] = times[2][0];
      codingCpu[r] = times[2][1];
      coded = codedThisRun[0];
      System.err.printf(Locale.ROOT, "run %d/%d: project %.1f s (CPU %.1f s), naive %.1f s (CPU %.1f s), coding only %.1f s (CPU %.1f s)%n",
          r + 1, runs, project[r], projectCpu[r], baseline[r], baselineCpu[r], coding[r], codingCpu[r]);
    }
    double projectMedian = median(project);
    double naiveMedian = median(baseline);
    double peakMb = peakHeapMb();

    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%d reviews, %d sentences (%d coded by %s), %d runs, 1 thread; %d cores, load average %.1f at the end%n%n",
        texts.size(), sentences, coded, codebookResource, runs, Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    md.append("| pipeline | model load s | median wall s | wall s per run | median CPU s | sentences/s (wall) | sentences per CPU-second (per core) |\n"
        + "|---|---:|---:|---|---:|---:|---:|\n");
    md.append(row("project: tokenize,ssplit,pos,lemma + SUTime + sentiment on coded sentences", projectLoad, projectMedian, project,
        median(projectCpu), sentences));
    md.append(row("naive: tokenize,ssplit,pos,lemma,ner,parse,sentiment", naiveLoad, naiveMedian, baseline,
        median(baselineCpu), sentences));
    md.append(row("coding only: the project pipeline without sentiment (no parser)", 0, median(coding), coding,
        median(codingCpu), sentences));
    md.append(String.format(Locale.ROOT, "%nspeed-up (median CPU): %.1fx, (median wall): %.1fx; heap after loading the project pipeline %.0f MB, "
        + "after also loading the naive one %.0f MB; peak heap of the process %.0f MB (max %d MB)%n",
        median(baselineCpu) / median(projectCpu), naiveMedian / projectMedian, projectModelsMb, bothModelsMb, peakMb, Runtime.getRuntime().maxMemory() >> 20));
    System.out.print(md);
  }

  private static String row(String name, double load, double median, double[] runs, double cpu, int sentences) {
    String all = Arrays.stream(runs).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).reduce((a, b) -> a + ", " + b).orElse("");
    return String.format(Locale.ROOT, "| %s | %.1f | %.2f | %s | %.2f | %.1f | %.1f |%n",
        name, load, median, all, cpu, sentences / median, sentences / cpu);
  }

  /**
   * Wall seconds and this thread's CPU seconds. On a shared machine the CPU time is the fairer
   * per-core measure: it does not count the time other processes held the core.
   */
  private static double[] time(List<String> texts, Consumer<String> step) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    texts.forEach(step);
    return new double[] {seconds(start), (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9};
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static List<String> reviewTexts(Path file, int limit) throws IOException {
    List<CsvReader.Row> rows = CsvReader.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    int column = rows.get(0).fields().indexOf("review_text");
    if (column < 0) {
      throw new IllegalArgumentException(file + ": no review_text column");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 1; i < rows.size() && texts.size() < limit; i++) {
      String text = rows.get(i).fields().get(column);
      if (!text.isBlank()) {
        texts.add(text);
      }
    }
    return texts;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of the peak heap (pools peak at different times). */
  private static double peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / 1048576.0;
  }

  private static double heapUsedAfterGcMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }
}
