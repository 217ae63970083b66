package io.triangulate.nlp.coding;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link StanfordCoreNLP} per distinct set of properties per JVM. Loading the models takes about
 * a second for the lemma pipeline and much longer with parsers, so Spark executors must build them
 * once and share them between tasks; a built pipeline is thread-safe for {@code annotate}.
 */
public final class CoreNlpPipelines {
  private static final Map<Map<String, String>, StanfordCoreNLP> PIPELINES = new ConcurrentHashMap<>();
  private static final AtomicInteger POS_PIPELINES_BUILT = new AtomicInteger();

  private CoreNlpPipelines() {}

  /** The coder's default: tokenize, ssplit, pos, lemma (no NER or parser: fast to load and run). */
  public static Properties defaultProperties() {
    Properties props = new Properties();
    props.setProperty("annotators", "tokenize,ssplit,pos,lemma");
    props.setProperty("tokenize.language", "en");
    return props;
  }

  /** The shared pipeline for these properties, built on first request. */
  public static StanfordCoreNLP get(Properties properties) {
    // Properties is mutable and compares by identity of defaults; key on an immutable snapshot.
    Map<String, String> key = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      key.put(name, properties.getProperty(name));
    }
    Map<String, String> frozen = Map.copyOf(key);
    return PIPELINES.computeIfAbsent(frozen, k -> {
      Properties copy = new Properties();
      copy.putAll(k);
      if (Arrays.asList(k.getOrDefault("annotators", "").replace(" ", "").split(",")).contains("pos")) {
        POS_PIPELINES_BUILT.incrementAndGet();
      }
      return new StanfordCoreNLP(copy);
    });
  }

  /** The pipeline for {@link #defaultProperties()}. */
  public static StanfordCoreNLP lemmas() {
    return get(defaultProperties());
  }

  /**
   * How many pipelines with a POS tagger this JVM has built. The tagger is the biggest model of the
   * coding path (about 5 s to load): coding, SUTime and sentiment must all share one.
   */
  public static int posPipelinesBuilt() {
    return POS_PIPELINES_BUILT.get();
  }

  /** How many pipelines this JVM has built; lets tests check that pipelines are shared. */
  public static int size() {
    return PIPELINES.size();
  }
}
