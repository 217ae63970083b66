package io.triangulate.nlp.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Imports the 36 real transcripts of ../shared/data/interview_transcripts (skipped when absent). */
class RealTranscriptsTest {

  static Path sharedTranscripts() {
    String configured = System.getProperty("triangulate.shared.data");
    Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "data");
    Path folder = root.resolve("interview_transcripts");
    if (!Files.isDirectory(folder) && configured == null) {
      folder = Path.of("..", "..", "shared", "data", "interview_transcripts");
    }
    if (!Files.isDirectory(folder)) {
      System.out.println("Skipping: no shared transcripts at " + folder.toAbsolutePath());
    }
    Assumptions.assumeTrue(Files.isDirectory(folder), "shared data absent: " + folder.toAbsolutePath());
    return folder;
  }

  @Test
  void importsAllRealTranscriptsAndFlagsOnlyTheFrenchOne() throws IOException {
    Path folder = sharedTranscripts();
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertThat(files).as("transcript files").hasSize(36);
    List<String> unsupported = new ArrayList<>();
    for (Path file : files) {
      Transcript t = TranscriptParser.parse(file.toString(), Files.readAllBytes(file));
      assertThat(t.respondentTurns()).as("respondent turns of %s", file.getFileName()).isNotEmpty();
      assertThat(t.turns().stream().filter(turn -> turn.role() == Role.INTERVIEWER))
          .as("interviewer turns of %s", file.getFileName()).isNotEmpty();
      assertThat(t.interviewId()).isEqualTo(file.getFileName().toString().replace(".txt", ""));
      if (!t.isSupportedLanguage()) {
        unsupported.add(t.interviewId() + "=" + t.language());
      }
    }
    assertThat(unsupported).as("unsupported transcripts").containsExactly("Interview 2=fr");
  }
}
