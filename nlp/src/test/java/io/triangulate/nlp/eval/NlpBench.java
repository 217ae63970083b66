package io.triangulate.nlp.eval;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.coding.CoreNlpPipelines;
import io.triangulate.nlp.coding.SegmentCoder;
import io.triangulate.nlp.coding.SentimentParser;
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
 * machine load hits all alike. Rows: the project pipeline with the shift-reduce parser for sentiment
 * (the default), the same with the PCFG parser, the project pipeline without sentiment (what the parser
 * costs), and the naive pipeline. Model loading is timed separately and not counted.
 *
 * <p>Before the timed runs, each project row codes every text once untimed and the naive row the
 * first {@link #NAIVE_WARM_UP_TEXTS}: a few hundred sentences are too few for the JIT to settle on its
 * own, and an executor codes thousands.
 *
 * <p>Usage: {@code NlpBench <wearable_reviews dir> [reviews N] [runs R] [codebook resource]}; with
 * {@code -Dnlp.bench.srOnly=true} only the default SR row runs ({@link #srOnly}: what one executor
 * holds, for the heap check). Prints Markdown. Not a test: speed targets live in bench/, never in unit tests.
 */
public final class NlpBench {
  /** The naive pipeline runs at about one sentence per second: a full untimed pass would double the bench. */
  static final int NAIVE_WARM_UP_TEXTS = 3;

  private NlpBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/wearable_reviews");
    int reviews = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int runs = Math.max(3, args.length > 2 ? Integer.parseInt(args[2]) : 3);
    String codebookResource = args.length > 3 ? args[3] : Codebook.DEFAULT_RESOURCE;
    List<String> texts = reviewTexts(dir.resolve("reviews.csv"), reviews);
    if (Boolean.getBoolean("nlp.bench.srOnly")) {
      srOnly(texts, runs, codebookResource);
      return;
    }

    resetPeaks();
    double srPeakMb = 0;
    Codebook codebook = Codebook.fromResource(codebookResource);
    String warmUp = "I stopped using the watch after about five months, it was frustrating.";
    long t0 = System.nanoTime();
    SegmentCoder sr = new SegmentCoder(codebook, true, SentimentParser.SR);
    sr.codeText(warmUp); // loads the lemma pipeline, SUTime, the SR parser, the sentiment model
    double srLoad = seconds(t0);
    double srModelsMb = heapUsedAfterGcMb();
    double srLoadPeakMb = peakHeapMb();
    texts.forEach(sr::codeText); // the SR row's untimed pass, while it is the only pipeline loaded
    srPeakMb = peakHeapMb();

    t0 = System.nanoTime();
    SegmentCoder pcfg = new SegmentCoder(codebook, true, SentimentParser.PCFG);
    pcfg.codeText(warmUp); // adds only the PCFG parser (the rest is shared)
    double pcfgLoad = seconds(t0);

    t0 = System.nanoTime();
    Properties full = new Properties();
    full.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner,parse,sentiment");
    full.setProperty("tokenize.language", "en");
    StanfordCoreNLP naive = new StanfordCoreNLP(full);
    naive.annotate(new Annotation("Warm up."));
    double naiveLoad = seconds(t0);
    double allModelsMb = heapUsedAfterGcMb();

    System.err.printf(Locale.ROOT, "models loaded: project (sr) %.1f s, + pcfg parser %.1f s, naive %.1f s%n", srLoad, pcfgLoad, naiveLoad);
    int sentences = sentences(texts);

    SegmentCoder withoutSentiment = new SegmentCoder(codebook, false);
    String[] names = {
        "project, sentiment with the SR parser (default): tokenize,ssplit,pos,lemma + SUTime + SR parse + sentiment on coded sentences",
        "project, sentiment with the PCFG parser (`--sentiment-parser pcfg`)",
        "coding only: the project pipeline without sentiment (no parser)",
        "naive: tokenize,ssplit,pos,lemma,ner,parse,sentiment"};
    double[] loads = {srLoad, pcfgLoad, 0, naiveLoad};
    int[] codedThisRun = new int[1];
    List<Consumer<String>> steps = List.of(
        text -> codedThisRun[0] += sr.codeText(text).size(),
        text -> pcfg.codeText(text),
        text -> withoutSentiment.codeText(text),
        text -> naive.annotate(new Annotation(text)));
    int rows = steps.size();
    for (int k = 1; k < rows; k++) {
      texts.subList(0, k == 3 ? Math.min(NAIVE_WARM_UP_TEXTS, texts.size()) : texts.size()).forEach(steps.get(k));
    }
    double[][] wall = new double[rows][runs];
    double[][] cpu = new double[rows][runs];
    int coded = 0;
    for (int r = 0; r < runs; r++) {
      codedThisRun[0] = 0;
      // Rotate which goes first so none always runs on a warmer JIT or a quieter machine.
      for (int k = 0; k < rows; k++) {
        int step = (r + k) % rows;
        double[] t = time(texts, steps.get(step));
        wall[step][r] = t[0];
        cpu[step][r] = t[1];
        System.err.printf(Locale.ROOT, "run %d/%d, row %d: %.1f s (CPU %.1f s)%n", r + 1, runs, step + 1, t[0], t[1]);
      }
      coded = codedThisRun[0];
    }
    double peakMb = peakHeapMb();

    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%d reviews, %d sentences (%d coded by %s), %d runs, 1 thread; %d cores, load average %.1f at the end%n%n",
        texts.size(), sentences, coded, codebookResource, runs, Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    md.append("| pipeline | model load s | median wall s | wall s per run | median CPU s | sentences/s (wall) | sentences per CPU-second (per core) |\n"
        + "|---|---:|---:|---|---:|---:|---:|\n");
    for (int k = 0; k < rows; k++) {
      md.append(row(names[k], loads[k], median(wall[k]), wall[k], median(cpu[k]), sentences));
    }
    md.append(String.format(Locale.ROOT, "%nspeed-up over the naive pipeline (median CPU): SR %.1fx, PCFG %.1fx, coding only %.1fx; "
        + "SR over PCFG %.1fx (median CPU), %.1fx (median wall)%n",
        median(cpu[3]) / median(cpu[0]), median(cpu[3]) / median(cpu[1]), median(cpu[3]) / median(cpu[2]),
        median(cpu[1]) / median(cpu[0]), median(wall[1]) / median(wall[0])));
    md.append(String.format(Locale.ROOT, "heap after loading the project pipeline with SR %.0f MB, after also loading PCFG and the naive one "
        + "%.0f MB; peak heap while only the SR pipeline was loaded and ran (its load and untimed pass) %.0f MB; "
        + "peak heap of the process %.0f MB (max %d MB); peaks are sums of the heap pools' peaks (upper bounds)%n",
        srModelsMb, allModelsMb, Math.max(srLoadPeakMb, srPeakMb), peakMb, Runtime.getRuntime().maxMemory() >> 20));
    System.out.print(md);
  }

  /**
   * Only the default pipeline (SR sentiment), as one executor holds it: load, one untimed pass, then
   * RUNS timed passes. Run in the executor's heap ({@code bench/nlp --sr-only}: {@code -Xmx3g}), it
   * shows the speed at that heap and the largest heap still live after a collection.
   */
  private static void srOnly(List<String> texts, int runs, String codebookResource) {
    long t0 = System.nanoTime();
    SegmentCoder sr = new SegmentCoder(Codebook.fromResource(codebookResource), true, SentimentParser.SR);
    sr.codeText("I stopped using the watch after about five months, it was frustrating.");
    double load = seconds(t0);
    double modelsMb = heapUsedAfterGcMb();
    double[] liveMb = {0};
    Consumer<String> step = text -> {
      sr.codeText(text);
      liveMb[0] = Math.max(liveMb[0], liveAfterLastGcMb());
    };
    texts.forEach(step);
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int r = 0; r < runs; r++) {
      double[] t = time(texts, step);
      wall[r] = t[0];
      cpu[r] = t[1];
      System.err.printf(Locale.ROOT, "run %d/%d: %.1f s (CPU %.1f s)%n", r + 1, runs, t[0], t[1]);
    }
    int sentences = sentences(texts);
    long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "SR pipeline only, max heap %d MB: %d reviews, %d sentences, %d runs after one untimed pass, 1 thread; "
        + "%d cores, load average %.1f at the end%n%n", Runtime.getRuntime().maxMemory() >> 20, texts.size(), sentences, runs,
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    md.append("| pipeline | model load s | median wall s | wall s per run | median CPU s | sentences/s (wall) | sentences per CPU-second (per core) |\n"
        + "|---|---:|---:|---|---:|---:|---:|\n");
    md.append(row("project, sentiment with the SR parser (default)", load, median(wall), wall, median(cpu), sentences));
    md.append(String.format(Locale.ROOT, "%nheap after loading the models %.0f MB; largest heap live after a collection %.0f MB; "
        + "peak heap of the process %.0f MB (sum of the pools' peaks, an upper bound); GC time %.1f s in all%n",
        modelsMb, liveMb[0], peakHeapMb(), gcMillis / 1000.0));
    System.out.print(md);
  }

  private static int sentences(List<String> texts) {
    int sentences = 0;
    for (String text : texts) {
      Annotation doc = new Annotation(text);
      CoreNlpPipelines.lemmas().annotate(doc);
      sentences += doc.get(CoreAnnotations.SentencesAnnotation.class).size();
    }
    return sentences;
  }

  /** Sum of the heap pools' usage right after their last collection: what was still live then. */
  private static double liveAfterLastGcMb() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used / 1048576.0;
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
