package io.triangulate.nlp.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Choosing the parser sentiment reads, and the error when its model jar is missing. No model is loaded. */
class SentimentParserTest {
  @Test
  void namesParseCaseInsensitivelyAndSrIsTheDefault() {
    assertThat(SentimentParser.parse("SR", "--sentiment-parser")).isEqualTo(SentimentParser.SR);
    assertThat(SentimentParser.parse(" pcfg ", "--sentiment-parser")).isEqualTo(SentimentParser.PCFG);
    assertThat(SentimentParser.DEFAULT).as("the fast parser is the default").isEqualTo(SentimentParser.SR);
  }

  @Test
  void unknownNameIsAUserErrorListingTheChoices() {
    assertThatThrownBy(() -> SentimentParser.parse("lexparser", "--sentiment-parser"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("--sentiment-parser")
        .hasMessageContaining("sr or pcfg")
        .hasMessageContaining("lexparser");
  }

  @Test
  void missingModelNamesTheJarToAdd() {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> SentimentParser.SR.requireModel(empty))
          .as("no silent fallback to the PCFG parser")
          .isInstanceOf(UserError.class)
          .hasMessageContaining("edu/stanford/nlp/models/srparser/englishSR.ser.gz")
          .hasMessageContaining("stanford-corenlp-4.5.10-models-english.jar")
          .hasMessageContaining("--sentiment-parser pcfg");
      assertThatThrownBy(() -> SentimentParser.PCFG.requireModel(empty))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("stanford-corenlp-4.5.10-models.jar");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void sentimentPipelineReadsBinarizedTreesOfTheChosenParserWithoutDependencyGraphs() {
    Properties sr = Sentiments.properties(SentimentParser.SR);
    assertThat(sr.getProperty("parse.model")).isEqualTo("edu/stanford/nlp/models/srparser/englishSR.ser.gz");
    assertThat(sr.getProperty("parse.binaryTrees")).as("the sentiment model reads binarized trees").isEqualTo("true");
    assertThat(sr.getProperty("parse.buildgraphs")).as("dependency graphs cost more than the SR parse").isEqualTo("false");
    assertThat(sr.getProperty("annotators")).as("tokens and tags come from the lemma pipeline").isEqualTo("parse,sentiment");
    assertThat(Sentiments.properties(SentimentParser.PCFG).getProperty("parse.model"))
        .isEqualTo("edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz");
    assertThat(Sentiments.properties()).as("default parser").isEqualTo(sr);
  }

  @Test
  @Tag("models")
  void bothModelsAreOnTheTestClassPath() {
    SentimentParser.SR.requireModel();
    SentimentParser.PCFG.requireModel();
  }
}
