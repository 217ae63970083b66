package io.triangulate.nlp.coding;

import java.util.List;

/**
 * A respondent sentence that matched at least one code, assigned or negated.
 *
 * @param turnIndex index of the respondent turn in the transcript
 * @param sentenceIndex 0-based sentence index within the turn
 * @param charBegin offset of the sentence in the turn text
 * @param charEnd offset just after the sentence
 * @param quote the sentence, PII-redacted
 * @param question the preceding interviewer turn, PII-redacted; null when there is none
 * @param themeIds assigned theme codes
 * @param phaseIds assigned phase codes
 * @param touchpointIds assigned touchpoint codes
 * @param otherCodeIds assigned action, need and emotion codes
 * @param negatedCodeIds codes whose every match was negated ("I never had a problem with the app")
 * @param isNegated whether any code was negated
 * @param durationText first duration in the sentence ("after about five months"), or null
 * @param durationDays that duration in days, or null
 * @param confidence 1.0 when every assigned code matched contiguously, 0.8 when one needed gaps
 */
public record CodedSentence(
    int turnIndex,
    int sentenceIndex,
    int charBegin,
    int charEnd,
    String quote,
    String question,
    List<String> themeIds,
    List<String> phaseIds,
    List<String> touchpointIds,
    List<String> otherCodeIds,
    List<String> negatedCodeIds,
    boolean isNegated,
    String durationText,
    Integer durationDays,
    double confidence) {

  public CodedSentence {
    themeIds = List.copyOf(themeIds);
    phaseIds = List.copyOf(phaseIds);
    touchpointIds = List.copyOf(touchpointIds);
    otherCodeIds = List.copyOf(otherCodeIds);
    negatedCodeIds = List.copyOf(negatedCodeIds);
  }

  /** Every assigned (not negated) code id. */
  public List<String> codeIds() {
    return java.util.stream.Stream.of(themeIds, phaseIds, touchpointIds, otherCodeIds)
        .flatMap(List::stream)
        .toList();
  }
}
