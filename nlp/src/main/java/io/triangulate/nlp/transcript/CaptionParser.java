package io.triangulate.nlp.transcript;

import io.triangulate.nlp.UserError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads caption files that video-call and transcription tools export (Zoom, Teams, Meet, Otter,
 * Descript): WebVTT ({@code .vtt}) and SubRip ({@code .srt}). Each cue has a start time, an optional
 * speaker and text; consecutive cues of one speaker become one {@link Turn} whose
 * {@link Turn#offsetSeconds()} is the first cue's start.
 *
 * <p>The speaker comes from a WebVTT voice tag ({@code <v Jane Doe>text}, as Teams writes) or a
 * {@code Name:} prefix of the cue text (as Zoom writes, in both formats). A prefix counts when the
 * name is an interviewer or respondent label, or looks like a name (capitalised words) and starts at
 * least two cues, so that "Basically: it broke" stays text. A cue without a speaker continues the
 * previous speaker: tools mark only speaker changes. Roles come from {@link SpeakerLabels}, as for
 * plain transcripts, so real names need configured labels to be coded.
 *
 * <p>Times may have more than two hour digits, and both {@code .} and {@code ,} before the
 * milliseconds are accepted whatever the format (tools mix them up).
 */
public final class CaptionParser {
  /** The caption formats; chosen by file extension, else by the first lines of the content. */
  public enum Format {
    WEBVTT,
    SRT
  }

  private static final String TIME = "(?:(\\d+):)?([0-5]\\d):([0-5]\\d)[.,](\\d{3})";
  private static final Pattern TIMING =
      Pattern.compile("^\\s*" + TIME + "\\s*-->\\s*" + TIME + "(?:\\s+.*)?$");
  private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?\\s+([^>]+)>");
  private static final Pattern PREFIX = Pattern.compile("^\\s*([\\p{L}][\\p{L}0-9 .'\\-]{0,40}?)\\s*:\\s+(\\S.*)$", Pattern.DOTALL);
  private static final Pattern NAME_LIKE = Pattern.compile("\\p{Lu}[\\p{L}'\\-]*(?: \\p{Lu}[\\p{L}'\\-]*\\.?){0,3}");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private CaptionParser() {}

  /** The caption format of a file, or null when it is not a caption file (then it is a plain transcript). */
  public static Format formatOf(String sourceName, String text) {
    String name = sourceName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".vtt")) {
      return Format.WEBVTT;
    }
    if (name.endsWith(".srt")) {
      return Format.SRT;
    }
    String[] lines = lines(text);
    int first = nextNonBlank(lines, 0);
    if (first < 0) {
      return null;
    }
    String line = lines[first].strip();
    if (line.equals("WEBVTT") || line.startsWith("WEBVTT ") || line.startsWith("WEBVTT\t")) {
      return Format.WEBVTT;
    }
    boolean indexThenTiming = line.matches("\\d+") && first + 1 < lines.length && TIMING.matcher(lines[first + 1]).matches();
    return indexThenTiming || TIMING.matcher(line).matches() ? Format.SRT : null;
  }

  /** Parses decoded caption text; throws {@link UserError} naming the file and line when it is malformed. */
  public static Transcript parse(String sourceName, String text, Format format, SpeakerLabels labels) {
    String[] lines = lines(text);
    List<Piece> pieces = pieces(sourceName, lines, format, labels);
    if (pieces.isEmpty()) {
      int first = nextNonBlank(lines, 0);
      throw UserError.at(sourceName + (first >= 0 ? ", line " + (first + 1) : ""))
          .problem("no caption cues found")
          .expected(format == Format.SRT
              ? "numbered cues: '1', then '00:00:01,000 --> 00:00:04,000', then the text"
              : "'WEBVTT', a blank line, then cues: '00:00:01.000 --> 00:00:04.000' and the text")
          .found(first >= 0 ? lines[first] : "only blank lines")
          .fix("export the captions again with their text, or deliver the transcript as text")
          .build();
    }
    List<Turn> turns = new ArrayList<>();
    String label = null;
    double offset = 0;
    StringBuilder turnText = new StringBuilder();
    boolean sawSpeaker = false;
    for (Piece piece : pieces) {
      String speaker = piece.speaker != null ? piece.speaker : label == null ? "" : label;
      sawSpeaker |= piece.speaker != null;
      if (!speaker.equals(label)) {
        addTurn(turns, label, offset, turnText, labels);
        label = speaker;
        offset = piece.startSeconds;
        turnText.setLength(0);
      }
      if (turnText.length() > 0) {
        turnText.append(' ');
      }
      turnText.append(piece.text);
    }
    addTurn(turns, label, offset, turnText, labels);
    if (!sawSpeaker) {
      throw UserError.at(sourceName + ", line " + (pieces.get(0).line + 1))
          .problem("no speakers in the captions")
          .expected("cues with a voice tag '<v Interviewer>' or a 'Respondent: ' prefix")
          .found(lines[pieces.get(0).line])
          .fix("turn on speaker names (speaker identification) when exporting the captions")
          .build();
    }
    StringBuilder body = new StringBuilder();
    turns.forEach(t -> body.append(t.text()).append('\n'));
    String language = LanguageDetector.detect(body.toString());
    return new Transcript(
        TranscriptParser.baseName(sourceName), null, null, null, language, "en".equals(language), turns, sourceName);
  }

  /** Cue texts split at voice changes, in file order. */
  private static List<Piece> pieces(String sourceName, String[] lines, Format format, SpeakerLabels labels) {
    List<Cue> cues = cues(sourceName, lines, format);
    Map<String, Integer> prefixCounts = new HashMap<>();
    for (Cue cue : cues) {
      Matcher m = PREFIX.matcher(cue.text);
      if (m.matches() && !cue.text.startsWith("<")) {
        prefixCounts.merge(m.group(1).strip(), 1, Integer::sum);
      }
    }
    List<Piece> pieces = new ArrayList<>();
    for (Cue cue : cues) {
      Matcher voice = VOICE.matcher(cue.text);
      List<int[]> tags = new ArrayList<>();
      List<String> names = new ArrayList<>();
      while (voice.find()) {
        tags.add(new int[] {voice.start(), voice.end()});
        names.add(voice.group(1).strip());
      }
      if (tags.isEmpty()) {
        String speaker = null;
        String body = cue.text;
        Matcher m = PREFIX.matcher(body);
        if (m.matches()) {
          String name = m.group(1).strip();
          boolean known = labels.roleOf(name) != Role.UNKNOWN;
          if (known || (NAME_LIKE.matcher(name).matches() && prefixCounts.getOrDefault(name, 0) >= 2)) {
            speaker = name;
            body = m.group(2);
          }
        }
        addPiece(pieces, speaker, body, cue);
        continue;
      }
      addPiece(pieces, null, cue.text.substring(0, tags.get(0)[0]), cue);
      for (int k = 0; k < tags.size(); k++) {
        int end = k + 1 < tags.size() ? tags.get(k + 1)[0] : cue.text.length();
        addPiece(pieces, names.get(k), cue.text.substring(tags.get(k)[1], end), cue);
      }
    }
    return pieces;
  }

  private static void addPiece(List<Piece> pieces, String speaker, String raw, Cue cue) {
    String text = clean(raw);
    if (!text.isEmpty()) {
      pieces.add(new Piece(speaker, text, cue.startSeconds, cue.line));
    }
  }

  /** Blocks separated by blank lines; header, NOTE, STYLE and REGION blocks skipped. */
  private static List<Cue> cues(String sourceName, String[] lines, Format format) {
    List<Cue> cues = new ArrayList<>();
    int i = nextNonBlank(lines, 0);
    if (i >= 0 && lines[i].strip().startsWith("WEBVTT")) {
      i = skipBlock(lines, i); // the header may carry metadata lines up to the first blank line
    }
    for (i = nextNonBlank(lines, Math.max(i, 0)); i >= 0; i = nextNonBlank(lines, skipBlock(lines, i))) {
      String first = lines[i].strip();
      if (format == Format.WEBVTT && (first.startsWith("NOTE") || first.equals("STYLE") || first.equals("REGION"))) {
        continue;
      }
      int timing;
      if (first.contains("-->")) {
        timing = i;
      } else if (i + 1 < lines.length && lines[i + 1].contains("-->")) {
        timing = i + 1; // a cue identifier (SRT: the cue number) precedes the timing line
      } else {
        throw malformed(sourceName, i + 1 < lines.length && !lines[i + 1].isBlank() ? i + 1 : i, lines, format,
            "cue without a timing line");
      }
      Matcher m = TIMING.matcher(lines[timing]);
      if (!m.matches()) {
        throw malformed(sourceName, timing, lines, format, "malformed timestamp line");
      }
      double start = seconds(m, 1);
      double end = seconds(m, 5);
      if (end < start) {
        throw malformed(sourceName, timing, lines, format, "cue ends before it starts");
      }
      StringBuilder text = new StringBuilder();
      for (int k = timing + 1; k < lines.length && !lines[k].isBlank(); k++) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(lines[k].strip());
      }
      cues.add(new Cue(start, text.toString(), timing + 1 < lines.length ? timing + 1 : timing));
    }
    return cues;
  }

  private static UserError malformed(String sourceName, int line, String[] lines, Format format, String problem) {
    return UserError.at(sourceName + ", line " + (line + 1))
        .problem(problem)
        .expected(format == Format.SRT
            ? "a timing line such as '00:01:02,500 --> 00:01:05,000' after the cue number"
            : "a timing line such as '00:01:02.500 --> 00:01:05.000' (hours optional) at the start of the cue")
        .found(lines[line])
        .fix("correct the timestamps of this cue (hh:mm:ss,mmm) or export the captions again")
        .build();
  }

  private static double seconds(Matcher m, int group) {
    long hours = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    int minutes = Integer.parseInt(m.group(group + 1));
    int secs = Integer.parseInt(m.group(group + 2));
    int millis = Integer.parseInt(m.group(group + 3));
    return hours * 3600.0 + minutes * 60 + secs + millis / 1000.0;
  }

  /** Cue text without markup: tags dropped, the common entities decoded, line breaks as spaces. */
  private static String clean(String raw) {
    String text = TAG.matcher(raw).replaceAll("");
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
        .replace("&lrm;", "").replace("&rlm;", "").replace("&amp;", "&");
    return text.replaceAll("\\s+", " ").strip();
  }

  private static void addTurn(List<Turn> turns, String label, double offset, StringBuilder text, SpeakerLabels labels) {
    String value = text.toString().strip();
    if (label != null && !value.isEmpty()) {
      Role role = label.isEmpty() ? Role.UNKNOWN : labels.roleOf(label);
      turns.add(new Turn(turns.size(), label, role, value, offset));
    }
  }

  private static int skipBlock(String[] lines, int i) {
    while (i < lines.length && !lines[i].isBlank()) {
      i++;
    }
    return i;
  }

  private static int nextNonBlank(String[] lines, int from) {
    for (int i = from; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static String[] lines(String text) {
    return text.split("\\r\\n|\\r|\\n", -1);
  }

  private record Cue(double startSeconds, String text, int line) {}

  private record Piece(String speaker, String text, double startSeconds, int line) {}
}
