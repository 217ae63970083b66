package io.triangulate.pipelines.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LandingFormatTest {

  @Test
  void csvQuotesCommasQuotesAndNulls() {
    assertThat(LandingFormat.csvLine("a", "b,c", "say \"hi\"", null)).isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",\n");
    assertThat(LandingFiles.parse(LandingFormat.csvLine("a", "b,c", "say \"hi\"", null)))
        .as("round trip through an RFC 4180 reader")
        .containsExactly(List.of("a", "b,c", "say \"hi\"", ""));
  }

  @Test
  void timestampsMatchIsoInstant() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 2_000; i++) {
      long s = 946_684_800L + rng.nextLong(2_000_000_000L);
      assertThat(LandingFormat.timestamp(s)).as("epoch second " + s).isEqualTo(Instant.ofEpochSecond(s).toString());
    }
    assertThat(LandingFormat.timestamp(1_743_602_591L)).isEqualTo("2025-04-02T14:03:11Z");
  }

  @Test
  void amountsAndIds() {
    assertThat(LandingFormat.amount(19_900)).isEqualTo("199.00");
    assertThat(LandingFormat.amount(999)).isEqualTo("9.99");
    assertThat(LandingFormat.amount(5)).isEqualTo("0.05");
    assertThat(LandingFormat.amount(-2_900)).isEqualTo("-29.00");
    assertThat(LandingFormat.id("C", 123, 6)).isEqualTo("C000123");
    assertThat(LandingFormat.id("C", 1_234_567, 6)).isEqualTo("C1234567");
  }

  @Test
  void eventJsonEscapesAndKeepsKeyOrder() {
    StringBuilder b = new StringBuilder();
    LandingFormat.eventJson(b, "E1", "C1", 0, "web", "page_view", null, List.of("page", "/a\"b"));
    assertThat(b.toString()).isEqualTo(
        "{\"event_id\":\"E1\",\"customer_id\":\"C1\",\"occurred_at\":\"1970-01-01T00:00:00Z\",\"channel\":\"web\","
            + "\"event_type\":\"page_view\",\"product_id\":null,\"attributes\":{\"page\":\"/a\\\"b\"}}\n");
  }
}
