package io.triangulate.nlp.transcript;

import java.time.LocalDate;
import java.util.List;

/**
 * An imported interview transcript.
 *
 * @param interviewId front matter {@code interview_id}, else the file name without extension
 * @param interviewDate front matter {@code date} (or {@code interview_date}); null when absent
 * @param customerId front matter {@code customer_id}; consented and pseudonymous; null when absent
 * @param persona front matter {@code persona}; null when absent
 * @param language front matter {@code language}, else detected: {@code en}, {@code fr} or {@code unknown}
 * @param isSupportedLanguage whether the coder can code it (only {@code en} for now)
 * @param turns speaker turns in order
 * @param sourceName the file the transcript came from
 */
public record Transcript(
    String interviewId,
    LocalDate interviewDate,
    String customerId,
    String persona,
    String language,
    boolean isSupportedLanguage,
    List<Turn> turns,
    String sourceName) {

  public Transcript {
    turns = List.copyOf(turns);
  }

  /** Turns spoken by respondents, the ones that are coded. */
  public List<Turn> respondentTurns() {
    return turns.stream().filter(t -> t.role() == Role.RESPONDENT).toList();
  }

  /** Whitespace-separated words in respondent turns. */
  public int respondentWordCount() {
    int words = 0;
    for (Turn turn : respondentTurns()) {
      String text = turn.text().strip();
      if (!text.isEmpty()) {
        words += text.split("\\s+").length;
      }
    }
    return words;
  }
}
