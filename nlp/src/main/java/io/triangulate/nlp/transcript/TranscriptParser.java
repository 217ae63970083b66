package io.triangulate.nlp.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.triangulate.nlp.UserError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a transcript file: optional YAML front matter between {@code ---} lines, then turns that
 * start with {@code Label:} at the start of a line (see docs/architecture.md).
 *
 * <p>Real transcripts are messy: labels carry numbers ({@code Interviewer 1:}, {@code Interviewer1 :}),
 * may be Markdown bold ({@code **Interviewer:**}), and text before the first label exists. A label
 * in neither role set counts only when it looks like a name (capitalised words) and starts at least
 * two lines, so that a sentence such as {@code So basically: ...} stays part of the turn.
 */
public final class TranscriptParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern LABEL =
      Pattern.compile(
          "^[ \\t]*(?:\\*\\*|__)?[ \\t]*([A-Za-z]+(?: [A-Za-z]+)?)[ \\t]*((?:\\d+[ \\t]*)*)"
              + "(?:\\*\\*|__)?[ \\t]*:(?:\\*\\*|__)?[ \\t]*(.*)$");
  private static final Pattern NAME_LIKE = Pattern.compile("[A-Z][a-z]+(?: [A-Z][a-z]+)?");
  /**
   * The longest line accepted: about 15,000 words, far more than anyone says in one turn. A longer
   * line means the export lost its line breaks (a whole interview in one paragraph), and coding it
   * as one turn would attribute the interviewer's words to the respondent.
   */
  public static final int MAX_LINE_CHARS = 100_000;

  private TranscriptParser() {}

  /** Parses with the default speaker labels. */
  public static Transcript parse(String sourceName, byte[] content) {
    return parse(sourceName, content, SpeakerLabels.defaults());
  }

  /**
   * Parses; throws {@link UserError} naming the file (and line) when it is not a transcript. WebVTT
   * and SRT captions (by extension {@code .vtt}/{@code .srt}, or by content) go to {@link CaptionParser}.
   */
  public static Transcript parse(String sourceName, byte[] content, SpeakerLabels labels) {
    String text = TextDecoding.decode(sourceName, content);
    checkLineLengths(sourceName, text);
    CaptionParser.Format captions = CaptionParser.formatOf(sourceName, text);
    if (captions != null) {
      return CaptionParser.parse(sourceName, text, captions, labels);
    }
    String[] lines = text.split("\\r\\n|\\r|\\n", -1);
    int bodyStart = 0;
    JsonNode front = null;
    int first = firstNonBlank(lines, 0);
    if (first >= 0 && lines[first].strip().equals("---")) {
      int close = -1;
      for (int i = first + 1; i < lines.length; i++) {
        if (lines[i].strip().equals("---")) {
          close = i;
          break;
        }
      }
      if (close < 0) {
        throw UserError.at(sourceName + ", line " + (first + 1))
            .problem("front matter is not closed")
            .expected("a second '---' line after the front matter fields")
            .found("no closing '---'")
            .fix("add a line '---' after the last front matter field")
            .build();
      }
      front = frontMatter(sourceName, lines, first, close);
      bodyStart = close + 1;
    }

    List<Turn> turns = turns(sourceName, lines, bodyStart, labels);
    String interviewId = field(front, "interview_id");
    if (interviewId == null) {
      interviewId = baseName(sourceName);
    }
    LocalDate date = date(sourceName, lines, front);
    StringBuilder body = new StringBuilder();
    for (Turn turn : turns) {
      body.append(turn.text()).append('\n');
    }
    String language = field(front, "language");
    language = language == null ? LanguageDetector.detect(body.toString()) : language.toLowerCase(Locale.ROOT);
    return new Transcript(
        interviewId,
        date,
        field(front, "customer_id"),
        field(front, "persona"),
        language,
        "en".equals(language),
        turns,
        sourceName);
  }

  private static List<Turn> turns(String sourceName, String[] lines, int start, SpeakerLabels labels) {
    Map<String, Integer> unknownLabelCounts = new HashMap<>();
    for (int i = start; i < lines.length; i++) {
      Matcher m = LABEL.matcher(lines[i]);
      if (m.matches() && labels.roleOf(m.group(1)) == Role.UNKNOWN && NAME_LIKE.matcher(m.group(1)).matches()) {
        unknownLabelCounts.merge(m.group(1), 1, Integer::sum);
      }
    }
    List<Turn> turns = new ArrayList<>();
    String label = "";
    Role role = Role.UNKNOWN;
    StringBuilder text = new StringBuilder();
    boolean sawLabel = false;
    for (int i = start; i < lines.length; i++) {
      Matcher m = LABEL.matcher(lines[i]);
      Role lineRole = m.matches() ? labels.roleOf(m.group(1)) : null;
      boolean isLabel =
          lineRole != null
              && (lineRole != Role.UNKNOWN || unknownLabelCounts.getOrDefault(m.group(1), 0) >= 2);
      if (isLabel) {
        add(turns, label, role, text);
        sawLabel = true;
        label = (m.group(1) + " " + m.group(2)).strip();
        role = lineRole;
        text.setLength(0);
        text.append(m.group(3).strip());
      } else if (!lines[i].isBlank()) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(lines[i].strip());
      }
    }
    add(turns, label, role, text);
    if (!sawLabel) {
      int first = firstNonBlank(lines, start);
      throw UserError.at(sourceName + (first >= 0 ? ", line " + (first + 1) : ""))
          .problem("no speaker labels found")
          .expected("turns starting with a label and a colon, such as 'Interviewer: ...' and 'Respondent: ...'"
              + " (respondent labels: respondent, interviewee, participant, customer, r, a)")
          .found(first >= 0 ? lines[first] : "only blank lines")
          .fix("label each turn at the start of its line, or configure the speaker labels the transcripts use")
          .build();
    }
    return turns;
  }

  private static void checkLineLengths(String sourceName, String text) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '\n';
      if (c != '\n' && c != '\r') {
        continue;
      }
      if (i - start > MAX_LINE_CHARS) {
        throw UserError.at(sourceName + ", line " + line)
            .problem("line too long for a transcript")
            .expected(String.format(Locale.ROOT, "lines of at most %,d characters, each speaker turn starting on its own line", MAX_LINE_CHARS))
            .found(String.format(Locale.ROOT, "%,d characters starting '%s...'", i - start, text.substring(start, start + 60)))
            .fix("the line breaks were probably lost in the export: export the transcript again as plain text"
                + " with a line break before each speaker label")
            .build();
      }
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      }
      line++;
      start = i + 1;
    }
  }

  private static void add(List<Turn> turns, String label, Role role, StringBuilder text) {
    String value = text.toString().strip();
    if (!value.isEmpty()) {
      turns.add(new Turn(turns.size(), label, role, value));
    }
  }

  private static JsonNode frontMatter(String sourceName, String[] lines, int open, int close) {
    String yaml = String.join("\n", java.util.Arrays.copyOfRange(lines, open + 1, close));
    try {
      JsonNode node = YAML.readTree(yaml);
      if (node != null && !node.isNull() && !node.isObject()) {
        throw UserError.at(sourceName + ", line " + (open + 2))
            .problem("front matter is not a set of fields")
            .expected("lines 'field: value' such as 'interview_id: INT-07'")
            .found(lines[open + 1])
            .fix("write one 'field: value' per line between the '---' lines")
            .build();
      }
      return node;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? open + 2 : open + 1 + e.getLocation().getLineNr();
      throw UserError.at(sourceName + ", line " + line)
          .problem("front matter is not valid YAML")
          .expected("lines 'field: value' such as 'interview_id: INT-07'")
          .found(e.getOriginalMessage())
          .fix("correct the front matter between the '---' lines")
          .cause(e)
          .build();
    }
  }

  private static LocalDate date(String sourceName, String[] lines, JsonNode front) {
    String key = field(front, "date") != null ? "date" : "interview_date";
    String value = field(front, key);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      int line = 0;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].strip().startsWith(key + ":")) {
          line = i + 1;
          break;
        }
      }
      throw UserError.at(sourceName + (line > 0 ? ", line " + line : "") + ", field " + key)
          .problem("interview date cannot be read")
          .expected("an ISO date such as 2026-05-14")
          .found(value)
          .fix("write the date as yyyy-mm-dd")
          .build();
    }
  }

  private static String field(JsonNode front, String name) {
    if (front == null || !front.hasNonNull(name)) {
      return null;
    }
    String value = front.get(name).asText().strip();
    return value.isEmpty() ? null : value;
  }

  private static int firstNonBlank(String[] lines, int from) {
    for (int i = from; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        return i;
      }
    }
    return -1;
  }

  /** File name without folders and extension: {@code landing/x/INT-07.txt} gives {@code INT-07}. */
  static String baseName(String sourceName) {
    String name = sourceName.substring(Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\')) + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
