package io.triangulate.nlp.codebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodebookTest {
  @Test
  void defaultCodebookHasTheRequiredCodes() {
    Codebook book = Codebook.defaultCustomerJourney();
    assertThat(book.id()).isEqualTo("customer_journey");
    assertThat(book.version()).isNotBlank();
    assertThat(book.ids(Dimension.THEME))
        .contains("product_abandonment", "usage_difficulty", "setup_onboarding", "website_navigation",
            "overlooked_in_purchase", "customer_service_positive", "customer_service_negative",
            "price_value", "delivery_problem", "product_quality", "unmet_need", "competitor_switch",
            "trust_privacy", "recommendation");
    assertThat(book.ids(Dimension.PHASE))
        .containsExactly("awareness", "consideration", "purchase", "onboarding", "usage", "support",
            "loyalty", "exit");
    assertThat(book.ids(Dimension.TOUCHPOINT))
        .contains("website", "app", "store", "email", "phone", "chat", "social_media", "sales_rep",
            "retailer", "advertising", "word_of_mouth", "device");
    assertThat(Codebook.parse(book.yaml(), "copy").codes()).isEqualTo(book.codes());
  }

  @Test
  void journeyDimensionsAreSectionsOfTheCodebook() {
    Codebook book = Codebook.defaultCustomerJourney();
    assertThat(book.ids(Dimension.EMOTION))
        .as("the emotion lexicon").containsExactly("frustration", "delight", "anxiety", "relief", "confusion");
    assertThat(book.ids(Dimension.NEED)).contains("motivation", "simplicity", "guidance", "reliability");
    assertThat(book.ids(Dimension.ACTION)).contains("return_product", "contact_support", "cancel_subscription");
    assertThat(book.needCues()).extracting(CodePattern::text).contains("i wish", "i be look for", "would be nice if");
    Codebook wearable = Codebook.fromResource("codebooks/wearable_aspects.yaml");
    assertThat(wearable.ids(Dimension.THEME)).as("the wearable codebook still loads").hasSize(19);
    assertThat(wearable.needCues()).isEmpty();

    String sections = "id: s\nversion: 1\nemotions:\n  - id: joy\n    include: [happy]\n"
        + "needs:\n  - id: speed\n    include: [fast]\nneed_cues: [i wish]\n";
    Codebook parsed = Codebook.parse(sections, "s.yaml");
    assertThat(parsed.codes()).extracting(Code::id, Code::dimension)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("speed", Dimension.NEED),
            org.assertj.core.groups.Tuple.tuple("joy", Dimension.EMOTION));
    String contradiction = "id: s\nversion: 1\nemotions:\n  - id: joy\n    dimension: theme\n    include: [happy]\n";
    assertThatThrownBy(() -> Codebook.parse(contradiction, "s.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("s.yaml, line 4, code joy, field dimension")
        .hasMessageContaining("contradicts the section");
  }

  @Test
  void patternsSplitContractions() {
    assertThat(CodePattern.of("I don't wear it anymore").tokens())
        .containsExactly("i", "do", "not", "wear", "it", "anymore");
    assertThat(CodePattern.of("can't pair").tokens()).containsExactly("can", "not", "pair");
    assertThat(CodePattern.of("not find ... website").tokens()).containsExactly("not", "find", "...", "website");
    assertThat(CodePattern.of("no longer use").containsNegator()).isTrue();
    assertThat(CodePattern.of("stop use").containsNegator()).isFalse();
  }

  @Test
  void loadsFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mini.yaml");
    Files.writeString(file, "id: mini\nversion: 3\ncodes:\n  - id: price_value\n    dimension: theme\n"
        + "    label: Price\n    include: [too expensive]\n    exclude: [not too expensive]\n");
    Codebook book = Codebook.load(file);
    assertThat(book.version()).isEqualTo("3");
    Code code = book.codes().get(0);
    assertThat(code.include()).extracting(CodePattern::tokens).containsExactly(java.util.List.of("too", "expensive"));
    assertThat(code.exclude()).hasSize(1);
  }

  @Test
  void rejectsBadCodebooksNamingFileCodeAndLine() {
    String dup = "id: b\nversion: 1\ncodes:\n  - id: a\n    dimension: theme\n    include: [x]\n"
        + "  - id: a\n    dimension: phase\n    include: [y]\n";
    assertThatThrownBy(() -> Codebook.parse(dup, "book.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("book.yaml, line 7, code a")
        .hasMessageContaining("duplicate code id");
    String dimension = "id: b\nversion: 1\ncodes:\n  - id: a\n    dimension: mood\n    include: [x]\n";
    assertThatThrownBy(() -> Codebook.parse(dimension, "book.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("book.yaml, line 4, code a, field dimension")
        .hasMessageContaining("unknown dimension")
        .hasMessageContaining("mood");
    String empty = "id: b\nversion: 1\ncodes:\n  - id: a\n    dimension: theme\n    include: [x, '  ']\n";
    assertThatThrownBy(() -> Codebook.parse(empty, "book.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("book.yaml, line 4, code a, field include")
        .hasMessageContaining("empty pattern");
    String gap = "id: b\nversion: 1\ncodes:\n  - id: a\n    dimension: theme\n    include:\n      - stop use\n      - '... website'\n";
    assertThatThrownBy(() -> Codebook.parse(gap, "book.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("book.yaml, line 8, code a, field include")
        .hasMessageContaining("invalid pattern")
        .hasMessageContaining("... website");
    String onlyGap = "id: b\nversion: 1\ncodes:\n  - id: a\n    dimension: theme\n    include: [x]\n    exclude: ['...']\n";
    assertThatThrownBy(() -> Codebook.parse(onlyGap, "book.yaml"))
        .isInstanceOf(UserError.class).hasMessageContaining("line 7, code a, field exclude").hasMessageContaining("invalid pattern");
    String cue = "id: b\nversion: 1\nneed_cues: ['i wish ...']\ncodes:\n  - id: a\n    dimension: theme\n    include: [x]\n";
    assertThatThrownBy(() -> Codebook.parse(cue, "book.yaml"))
        .isInstanceOf(UserError.class).hasMessageContaining("book.yaml, line 3, field need_cues").hasMessageContaining("invalid pattern");
    String nested = "id: b\nversion: 1\ncodes:\n  - id: a\n    dimension: theme\n    include: [[stop, use]]\n";
    assertThatThrownBy(() -> Codebook.parse(nested, "book.yaml"))
        .isInstanceOf(UserError.class).hasMessageContaining("book.yaml, line 4, code a, field include")
        .hasMessageContaining("pattern is not text");
    String dupInSection = "id: b\nversion: 1\ncodes:\n  - id: a\n    dimension: theme\n    include: [x]\n"
        + "emotions:\n  - id: a\n    include: [y]\n";
    assertThatThrownBy(() -> Codebook.parse(dupInSection, "book.yaml"))
        .isInstanceOf(UserError.class).hasMessageContaining("book.yaml, line 8, code a").hasMessageContaining("duplicate code id");
    assertThatThrownBy(() -> Codebook.parse("id: b\nversion: 1\ncodes:\n  - id: [a\n", "book.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("book.yaml, line")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> Codebook.parse("id: b\ncodes: []\n", "book.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("version is missing");
    assertThatThrownBy(() -> Codebook.fromResource("codebooks/nope.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("not found");
  }
}
