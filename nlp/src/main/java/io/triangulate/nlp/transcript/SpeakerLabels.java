package io.triangulate.nlp.transcript;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which speaker labels mean interviewer and which mean respondent. Labels are compared in lower
 * case with digits and surrounding spaces removed, so {@code Interviewer 1} and {@code Interviewer1 }
 * both match {@code interviewer}.
 */
public record SpeakerLabels(Set<String> interviewer, Set<String> respondent) {

  public SpeakerLabels {
    interviewer = normalizeAll(interviewer);
    respondent = normalizeAll(respondent);
  }

  /** The labels of docs/architecture.md. */
  public static SpeakerLabels defaults() {
    return new SpeakerLabels(
        Set.of("interviewer", "moderator", "i", "q"),
        Set.of("respondent", "interviewee", "participant", "customer", "r", "a"));
  }

  /** The role of a label, {@link Role#UNKNOWN} when it is in neither set. */
  public Role roleOf(String label) {
    String key = normalize(label);
    if (interviewer.contains(key)) {
      return Role.INTERVIEWER;
    }
    if (respondent.contains(key)) {
      return Role.RESPONDENT;
    }
    return Role.UNKNOWN;
  }

  /** Lower case, digits dropped, inner whitespace collapsed. */
  public static String normalize(String label) {
    return label.toLowerCase(Locale.ROOT).replaceAll("[0-9]", " ").trim().replaceAll("\\s+", " ");
  }

  private static Set<String> normalizeAll(Set<String> labels) {
    return labels.stream().map(SpeakerLabels::normalize).collect(Collectors.toUnmodifiableSet());
  }
}
