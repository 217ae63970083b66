package io.triangulate.nlp.coding;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import java.util.List;
import java.util.Properties;

/**
 * CoreNLP's sentiment (0 very negative – 4 very positive) of a sentence the lemma pipeline has
 * already tokenized and tagged: only the parser and the sentiment model run, on that sentence, so
 * no second tokenizer or POS tagger is loaded. Parsing is what makes sentiment expensive, so the
 * coder asks only for sentences that matched a code, and the parser is the shift-reduce one by
 * default ({@link SentimentParser}).
 */
public final class Sentiments {
  /**
   * Longer sentences are not parsed: no sentiment. PCFG time grows with the cube of length; the
   * shift-reduce parser would manage, but one limit for both keeps their sentiment columns comparable.
   */
  public static final int MAX_PARSE_TOKENS = 60;

  private Sentiments() {}

  /** {@link #properties(SentimentParser)} with the default parser. */
  public static Properties properties() {
    return properties(SentimentParser.DEFAULT);
  }

  /**
   * Parse (binarized trees: the sentiment model reads them) and sentiment only; requirements (tokens,
   * POS tags, which the shift-reduce parser needs) are met by the lemma pipeline's annotations.
   */
  public static Properties properties(SentimentParser parser) {
    Properties props = new Properties();
    props.setProperty("annotators", "parse,sentiment");
    props.setProperty("enforceRequirements", "false");
    props.setProperty("parse.model", parser.model());
    props.setProperty("parse.binaryTrees", "true");
    // The parser annotator also converts each tree to three dependency graphs by default; sentiment
    // reads only the tree, and the conversion cost more than the shift-reduce parse itself.
    props.setProperty("parse.buildgraphs", "false");
    props.setProperty("parse.maxlen", Integer.toString(MAX_PARSE_TOKENS));
    return props;
  }

  /** The shared parse+sentiment pipeline of this JVM with the default parser. */
  public static StanfordCoreNLP pipeline() {
    return pipeline(SentimentParser.DEFAULT);
  }

  /**
   * The shared parse+sentiment pipeline of this JVM for {@code parser}.
   *
   * @throws io.triangulate.nlp.UserError when the parser's model jar is not on the class path
   */
  public static StanfordCoreNLP pipeline(SentimentParser parser) {
    parser.requireModel();
    return CoreNlpPipelines.get(properties(parser));
  }

  /** {@link #of(CoreMap, String, SentimentParser)} with the default parser. */
  public static Integer of(CoreMap sentence, String text) {
    return of(sentence, text, SentimentParser.DEFAULT);
  }

  /**
   * The sentiment class of one annotated sentence (tokens with POS tags); null when it is longer
   * than {@link #MAX_PARSE_TOKENS} or the parser gives up. Adds the parse tree to {@code sentence}.
   */
  public static Integer of(CoreMap sentence, String text, SentimentParser parser) {
    List<?> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
    if (tokens == null || tokens.isEmpty() || tokens.size() > MAX_PARSE_TOKENS) {
      return null;
    }
    Annotation one = new Annotation(text);
    one.set(CoreAnnotations.TokensAnnotation.class, sentence.get(CoreAnnotations.TokensAnnotation.class));
    one.set(CoreAnnotations.SentencesAnnotation.class, List.of(sentence));
    pipeline(parser).annotate(one);
    Tree tree = sentence.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
    if (tree == null) {
      return null;
    }
    int predicted = RNNCoreAnnotations.getPredictedClass(tree);
    return predicted < 0 ? null : predicted;
  }
}
