package io.triangulate.nlp.coding;

import io.triangulate.nlp.UserError;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The constituency parser that builds the binarized tree CoreNLP's sentiment model reads. The parse,
 * not the sentiment model, is almost all of the cost of sentiment: the shift-reduce parser is linear
 * in sentence length and about 10–30× faster than the PCFG, so it is the default. Its model is only in
 * CoreNLP's {@code models-english} jar (the PCFG is in the plain {@code models} jar).
 */
public enum SentimentParser {
  /** Shift-reduce parser ({@code englishSR}): fast; needs the tokens' POS tags (the lemma pipeline has them). */
  SR("sr", "edu/stanford/nlp/models/srparser/englishSR.ser.gz",
      "edu.stanford.nlp:stanford-corenlp:4.5.10:models-english (stanford-corenlp-4.5.10-models-english.jar)"),
  /** CoreNLP's default PCFG parser ({@code englishPCFG}): what the sentiment model was trained with; slow. */
  PCFG("pcfg", "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz",
      "edu.stanford.nlp:stanford-corenlp:4.5.10:models (stanford-corenlp-4.5.10-models.jar)");

  /** The parser used when none is asked for. */
  public static final SentimentParser DEFAULT = SR;

  private final String id;
  private final String model;
  private final String jar;
  /** Set once the model was found: the check then costs nothing per sentence. */
  private volatile boolean present;

  SentimentParser(String id, String model, String jar) {
    this.id = id;
    this.model = model;
    this.jar = jar;
  }

  /** The name used in options and settings: {@code sr} or {@code pcfg}. */
  public String id() {
    return id;
  }

  /** The class-path resource of the parser model ({@code parse.model}). */
  public String model() {
    return model;
  }

  /**
   * The parser named {@code name} (case-insensitive).
   *
   * @param where the option or setting it came from, for the error message
   */
  public static SentimentParser parse(String name, String where) {
    for (SentimentParser p : values()) {
      if (p.id.equalsIgnoreCase(name == null ? "" : name.strip())) {
        return p;
      }
    }
    throw UserError.at(where)
        .problem("unknown sentiment parser")
        .expected(Arrays.stream(values()).map(SentimentParser::id).collect(Collectors.joining(" or ")))
        .found(name)
        .fix("use sr (shift-reduce, fast, the default) or pcfg (the slow PCFG parser)")
        .build();
  }

  /**
   * Fails with a {@link UserError} naming the jar to add when the model is not on the class path: a
   * silent fallback to another parser would change speed and sentiment values without a word.
   */
  public void requireModel() {
    if (present) {
      return;
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    requireModel(context != null && context.getResource(model) != null ? context : SentimentParser.class.getClassLoader());
    present = true;
  }

  /** {@link #requireModel()} against one class loader, uncached (tests pass one without the jar). */
  void requireModel(ClassLoader loader) {
    if (loader.getResource(model) == null) {
      throw UserError.at("class path, sentiment parser " + id)
          .problem("the parser model for sentiment is not on the class path")
          .expected(model + " from " + jar)
          .found("no such resource")
          .fix("add " + jar + " to the class path (spark-submit --jars, or the Maven dependency), or run "
              + "without sentiment (--no-sentiment)" + (this == SR ? " or with the PCFG parser (--sentiment-parser pcfg)" : ""))
          .build();
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
