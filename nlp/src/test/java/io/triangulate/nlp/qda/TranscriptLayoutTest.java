package io.triangulate.nlp.qda;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.TranscriptParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranscriptLayoutTest {
  private static final String TURN = "Write to bob@example.com please. It broke.";

  @Test
  void redactsAndMapsSegmentBoundariesBothWays() {
    Transcript t = TranscriptParser.parse("t.txt",
        ("Interviewer: Why?\nRespondent: " + TURN + "\n").getBytes(StandardCharsets.UTF_8));
    int second = TURN.indexOf("It broke.");
    TranscriptLayout layout = TranscriptLayout.of("t", t, Map.of(1, Set.of(0, second - 1, second, TURN.length())));

    assertThat(layout.text()).isEqualTo("Interviewer: Why?\n\nRespondent: Write to [EMAIL] please. It broke.");
    int begin = layout.toLayout(1, second);
    int end = layout.toLayout(1, TURN.length());
    assertThat(layout.text().substring(begin, end)).as("boundary after the redaction maps exactly").isEqualTo("It broke.");
    assertThat(layout.toTurn(begin, end)).contains(new TranscriptLayout.TurnSpan(1, second, TURN.length()));

    int it = layout.text().indexOf("broke");
    assertThat(layout.toTurn(it, it + 5)).as("inside an unredacted piece offsets map one to one")
        .contains(new TranscriptLayout.TurnSpan(1, TURN.indexOf("broke"), TURN.indexOf("broke") + 5));
    int mail = layout.text().indexOf("[EMAIL]");
    assertThat(layout.toTurn(mail + 1, mail + 3)).as("inside a redacted piece: widened to the piece")
        .contains(new TranscriptLayout.TurnSpan(1, 0, second - 1));
    assertThat(layout.toTurn(0, 5)).as("the interviewer's label is no turn text").isEmpty();
    assertThat(layout.toTurn(layout.text().indexOf("Why"), begin)).as("two turns").isEmpty();
  }
}
