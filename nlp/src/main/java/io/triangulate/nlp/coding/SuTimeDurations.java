package io.triangulate.nlp.coding;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.time.TimeAnnotations;
import edu.stanford.nlp.time.TimeAnnotator;
import edu.stanford.nlp.time.Timex;
import edu.stanford.nlp.util.ArrayCoreMap;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations normalised by CoreNLP's SUTime ("after about five months" → {@code P5M} → 150 days),
 * with {@link Durations}' regular expressions as the fallback when SUTime finds no duration of
 * known length ("a few weeks" is {@code PXW} to SUTime) or fails. Used only on sentences that
 * matched a theme. SUTime runs on the lemma pipeline's tokens and tags: one POS tagger per JVM.
 *
 * <p>Months count 30 days and years 365, as in {@link Durations}. The span keeps a preposition the
 * regex would keep ("after", "within"), so quotes read the same whichever found it.
 */
public final class SuTimeDurations {
  private static final Pattern PERIOD =
      Pattern.compile("P(?:(\\d+(?:\\.\\d+)?)Y)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)W)?(?:(\\d+(?:\\.\\d+)?)D)?");
  private static final Pattern LEADING =
      Pattern.compile("(?i)((?:after|within|for|in|over|about|around|nearly|almost|roughly|approximately|only|just"
          + "|under|less than|more than|at least|barely|maybe|like)\\s+)+$");

  /**
   * A duration of known length is a quantity and a unit a few words apart ("after about five months",
   * "a couple of weeks", "18-month", "3months"); a sentence without one cannot hold such a duration,
   * so SUTime (hundreds of token-sequence rules: half of the coding time when it ran on every sentence
   * naming a unit) is skipped there. A prefilter: false hits only cost time. The durations SUTime would
   * have found in the sentences it skips are mostly SUTime's own mistakes: "all day", "Mother's Day",
   * "year-old", "per week".
   */
  private static final Pattern QUANTIFIED_UNIT = Pattern.compile(
      "(?i)\\b(?:\\d+(?:[.,]\\d+)?\\+?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\w+teen"
          + "|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|half|couple|few|several)"
          + "(?:[\\s-]+[\\w']+){0,2}?[\\s-]*"
          + "(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|months?|mos|mths?|years?|yrs?"
          + "|decades?|century|centuries|quarters?|seasons?|semesters?)\\b");

  /** Tokens SUTime sees before and after a quantified unit; see {@link #windows}. */
  static final int WINDOW_BEFORE = 4;

  static final int WINDOW_AFTER = 3;

  private SuTimeDurations() {}

  /**
   * SUTime alone, built once per JVM (its rules take a moment to compile). It runs on sentences the
   * shared lemma pipeline ({@link CoreNlpPipelines#lemmas()}) already tokenized and tagged, so no
   * second tokenizer or POS tagger is loaded.
   */
  private static final class Holder {
    static final TimeAnnotator SUTIME = build();

    private static TimeAnnotator build() {
      Properties props = new Properties();
      // No holiday binders (jollyday): durations need none, and they slow loading.
      props.setProperty("sutime.binders", "0");
      props.setProperty("sutime.markTimeRanges", "false");
      props.setProperty("sutime.includeRange", "false");
      return new TimeAnnotator("sutime", props);
    }
  }

  /** The first duration of known length in {@code text}: SUTime's, else the regex's. */
  public static Optional<Duration> find(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      Optional<Duration> found = suTime(text);
      if (found.isPresent()) {
        return found;
      }
    } catch (RuntimeException e) {
      // SUTime trips over rare inputs; the regex still gives an answer.
    }
    return Durations.find(text);
  }

  /**
   * The first duration of known length in an already annotated sentence (tokens with POS tags, as
   * the lemma pipeline leaves them): SUTime's, else the regex's. Offsets are relative to the sentence.
   *
   * @param documentText the text the sentence's character offsets refer to (the turn)
   */
  public static Optional<Duration> find(CoreMap sentence, String documentText) {
    int begin = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
    int end = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
    String text = documentText.substring(begin, end);
    try {
      for (Window window : windows(sentence.get(CoreAnnotations.TokensAnnotation.class), text, begin)) {
        Optional<Duration> found = suTime(window, text, begin, documentText);
        if (found.isPresent()) {
          return found;
        }
      }
    } catch (RuntimeException e) {
      // SUTime trips over rare inputs; the regex still gives an answer.
    }
    return Durations.find(text);
  }

  /** The prefilter: whether {@code text} names a quantity of a time unit, so SUTime may find a duration in it. */
  static boolean mayHoldDuration(String text) {
    return QUANTIFIED_UNIT.matcher(text).find();
  }

  /**
   * A run of tokens SUTime looks at, and the quantified units ({@code cores}, character offsets of the
   * turn) it was cut around. Only a duration overlapping a core counts: the tokens around a core are
   * context ("for about 6 wks"), and a cut through an expression there can make a false one ("last
   * month" cut to "month").
   */
  record Window(List<CoreLabel> tokens, List<int[]> cores) {
    boolean overlapsCore(int begin, int end) {
      return cores.stream().anyMatch(core -> begin < core[1] && core[0] < end);
    }
  }

  /**
   * The windows SUTime looks at: each quantified unit with {@link #WINDOW_BEFORE} tokens before it
   * ("for about 6 wks", "two and a half years") and {@link #WINDOW_AFTER} after ("one year and six
   * months"), overlapping runs merged, in sentence order. SUTime's cost grows with the tokens it scans,
   * and reviews hold run-on "sentences" of hundreds of tokens ("ok.I'm giving it 3 stars…").
   */
  static List<Window> windows(List<CoreLabel> tokens, String sentenceText, int sentenceBegin) {
    List<Window> windows = new ArrayList<>();
    Matcher m = QUANTIFIED_UNIT.matcher(sentenceText);
    int from = -1;
    int to = -1;
    List<int[]> cores = new ArrayList<>();
    int t = 0;
    while (m.find()) {
      int first = -1;
      int last = -1;
      for (; t < tokens.size(); t++) {
        CoreLabel token = tokens.get(t);
        if (token.beginPosition() - sentenceBegin >= m.end()) {
          break;
        }
        if (token.endPosition() - sentenceBegin > m.start()) {
          first = first < 0 ? t : first;
          last = t;
        }
      }
      if (first < 0) {
        continue;
      }
      int start = Math.max(0, first - WINDOW_BEFORE);
      int stop = Math.min(tokens.size(), last + 1 + WINDOW_AFTER);
      if (from >= 0 && start > to) {
        windows.add(new Window(tokens.subList(from, to), cores));
        cores = new ArrayList<>();
        from = -1;
      }
      from = from < 0 ? start : from;
      to = Math.max(to, stop);
      cores.add(new int[] {sentenceBegin + m.start(), sentenceBegin + m.end()});
    }
    if (from >= 0) {
      windows.add(new Window(tokens.subList(from, to), cores));
    }
    return windows;
  }

  /** SUTime only, on a text the shared lemma pipeline annotates first. */
  static Optional<Duration> suTime(String text) {
    Annotation doc = new Annotation(text);
    CoreNlpPipelines.lemmas().annotate(doc);
    for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
      int offset = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
      int sentenceEnd = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
      List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
      Optional<Duration> found = suTime(new Window(tokens, List.of(new int[] {offset, sentenceEnd})),
          text.substring(offset, sentenceEnd), offset, text);
      if (found.isPresent()) {
        Duration d = found.get();
        return Optional.of(new Duration(d.text(), d.days(), d.begin() + offset, d.end() + offset));
      }
    }
    return Optional.empty();
  }

  /**
   * SUTime only, on a window of one sentence: the first DURATION with a definite ISO period that
   * overlaps a core of the window. Offsets are relative to the sentence, which starts at
   * {@code sentenceBegin} of {@code documentText}.
   */
  private static Optional<Duration> suTime(Window w, String text, int sentenceBegin, String documentText) {
    List<CoreLabel> tokens = w.tokens();
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    CoreMap window = new ArrayCoreMap();
    window.set(CoreAnnotations.TokensAnnotation.class, tokens);
    window.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, tokens.get(0).beginPosition());
    window.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, tokens.get(tokens.size() - 1).endPosition());
    window.set(CoreAnnotations.TextAnnotation.class,
        documentText.substring(tokens.get(0).beginPosition(), tokens.get(tokens.size() - 1).endPosition()));
    Annotation one = new Annotation(documentText);
    one.set(CoreAnnotations.TokensAnnotation.class, tokens);
    one.set(CoreAnnotations.SentencesAnnotation.class, List.of(window));
    Holder.SUTIME.annotate(one);
    List<CoreMap> timexes = one.get(TimeAnnotations.TimexAnnotations.class);
    if (timexes == null) {
      return Optional.empty();
    }
    for (CoreMap t : timexes) {
      Timex timex = t.get(TimeAnnotations.TimexAnnotation.class);
      if (timex == null || !"DURATION".equals(timex.timexType())) {
        continue;
      }
      Integer days = days(timex.value());
      int begin = t.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
      int end = t.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
      if (days == null || !w.overlapsCore(begin, end)) {
        continue;
      }
      begin -= sentenceBegin;
      end -= sentenceBegin;
      Matcher lead = LEADING.matcher(text.substring(0, begin));
      if (lead.find()) {
        begin = lead.start();
      }
      return Optional.of(new Duration(text.substring(begin, end).strip(), days, begin, end));
    }
    return Optional.empty();
  }

  /** {@code P5M} → 150, {@code P1Y6M} → 545, {@code P2W} → 14; null for unknown lengths ({@code PXM}) and times ({@code PT5H}). */
  static Integer days(String period) {
    if (period == null) {
      return null;
    }
    Matcher m = PERIOD.matcher(period);
    if (!m.matches() || period.equals("P")) {
      return null;
    }
    double days = value(m.group(1)) * 365 + value(m.group(2)) * 30 + value(m.group(3)) * 7 + value(m.group(4));
    return days <= 0 ? null : (int) Math.round(days);
  }

  private static double value(String group) {
    return group == null ? 0 : Double.parseDouble(group);
  }
}
