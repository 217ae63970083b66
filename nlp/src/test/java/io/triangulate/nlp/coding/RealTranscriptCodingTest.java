package io.triangulate.nlp.coding;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.pii.Redactor;
import io.triangulate.nlp.transcript.Role;
import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.TranscriptParser;
import io.triangulate.nlp.transcript.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Codes a real (messy, off-topic) transcript end to end; skipped when the shared data is absent. */
@Tag("models")
class RealTranscriptCodingTest {
  @Test
  void codesARealTranscriptWithConsistentOffsets() throws Exception {
    String configured = System.getProperty("triangulate.shared.data");
    Path file = Path.of(configured != null ? configured : "../../shared/data", "interview_transcripts", "Interview 31.txt");
    Assumptions.assumeTrue(Files.isRegularFile(file), "shared data absent: " + file.toAbsolutePath());

    Transcript transcript = TranscriptParser.parse(file.toString(), Files.readAllBytes(file));
    List<CodedSentence> coded = new SegmentCoder(Codebook.defaultCustomerJourney()).code(transcript);

    assertThat(coded).as("an interview about ML quality still mentions some codes").isNotEmpty();
    for (CodedSentence s : coded) {
      Turn turn = transcript.turns().get(s.turnIndex());
      assertThat(turn.role()).as("only respondent turns are coded").isEqualTo(Role.RESPONDENT);
      assertThat(s.quote()).isEqualTo(Redactor.redact(turn.text().substring(s.charBegin(), s.charEnd())));
      assertThat(s.question()).as("question of turn %s", s.turnIndex()).isNotNull();
      assertThat(s.confidence()).isIn(0.8, 1.0);
    }
    assertThat(coded).extracting(s -> s.turnIndex() * 10_000 + s.sentenceIndex()).isSorted().doesNotHaveDuplicates();
  }
}
