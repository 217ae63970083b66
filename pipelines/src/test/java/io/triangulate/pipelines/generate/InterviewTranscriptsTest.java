package io.triangulate.pipelines.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.generate.GroundTruth.InterviewFact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transcripts follow the transcript format and tell stories their customers' rows agree with. */
class InterviewTranscriptsTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  private static final Set<String> INTERVIEWER = Set.of("interviewer", "interviewer1", "moderator", "i", "q");
  private static final Set<String> RESPONDENT = Set.of("respondent", "interviewee", "participant", "customer", "r", "a");
  private static final Pattern LABEL = Pattern.compile("^([A-Za-z0-9]+):\\s?(.*)$");

  @TempDir static Path lake;
  private static GroundTruth truth;
  private static final Map<String, Transcript> transcripts = new LinkedHashMap<>();
  private static final Map<String, String> channelOf = new HashMap<>();
  private static final Set<String> churned = new HashSet<>();
  private static final Set<String> setupCompleted = new HashSet<>();
  private static final Set<String> watchBuyers = new HashSet<>();

  private record Transcript(Map<String, String> frontMatter, List<String[]> turns, String text) {}

  @BeforeAll
  static void generate() throws IOException {
    truth = WorldGenerator.generate(WorldSpec.of(11L, 3_000, RUN_DATE, 18), lake);
    Path dir = WorldGenerator.landingDir(lake, "interviews", RUN_DATE);
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        transcripts.put(f.getFileName().toString(), parse(Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    LandingFiles.readCsv(WorldGenerator.landingDir(lake, "customers", RUN_DATE).resolve("customers.csv")).rows()
        .forEach(r -> channelOf.put(r.get("customer_id"), r.get("acquisition_channel")));
    LandingFiles.readCsv(WorldGenerator.landingDir(lake, "churn", RUN_DATE).resolve("churn.csv")).rows()
        .forEach(r -> churned.add(r.get("customer_id")));
    LandingFiles.readCsv(WorldGenerator.landingDir(lake, "transactions", RUN_DATE).resolve("transactions.csv")).rows()
        .stream().filter(r -> r.get("product_id").equals("sports_watch")).forEach(r -> watchBuyers.add(r.get("customer_id")));
    LandingFiles.forEachJsonLine(WorldGenerator.landingDir(lake, "channel_events", RUN_DATE).resolve("channel_events.jsonl"), e -> {
      if (e.get("event_type").asText().equals("setup_completed")) {
        setupCompleted.add(e.get("customer_id").asText());
      }
    });
  }

  /** A minimal reader of the format in docs/architecture.md, written independently of the generator. */
  private static Transcript parse(String text) {
    String[] lines = text.split("\n", -1);
    assertThat(lines[0]).as("front matter opens the file").isEqualTo("---");
    Map<String, String> fm = new LinkedHashMap<>();
    int i = 1;
    for (; !lines[i].equals("---"); i++) {
      int colon = lines[i].indexOf(':');
      fm.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    List<String[]> turns = new ArrayList<>();
    for (i++; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      Matcher m = LABEL.matcher(lines[i]);
      String label = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
      if (label != null && (INTERVIEWER.contains(label) || RESPONDENT.contains(label))) {
        turns.add(new String[] {INTERVIEWER.contains(label) ? "interviewer" : "respondent", m.group(2), label});
      } else {
        assertThat(turns).as("a continuation line needs a turn before it: " + lines[i]).isNotEmpty();
        String[] last = turns.get(turns.size() - 1);
        last[1] = last[1] + " " + lines[i];
      }
    }
    return new Transcript(fm, turns, text);
  }

  @Test
  void eighteenTranscriptsWithFrontMatterAndAlternatingTurns() {
    assertThat(transcripts).as("transcript files").hasSize(18).containsKey("INT-01.txt").containsKey("INT-18.txt");
    for (Map.Entry<String, Transcript> e : transcripts.entrySet()) {
      Transcript t = e.getValue();
      String id = e.getKey().replace(".txt", "");
      assertThat(t.frontMatter()).as(id + " front matter")
          .containsEntry("interview_id", id).containsEntry("language", "en")
          .containsKeys("date", "customer_id", "persona");
      LocalDate date = LocalDate.parse(t.frontMatter().get("date"));
      assertThat(date).as(id + " date").isBefore(RUN_DATE).isAfterOrEqualTo(RUN_DATE.minusMonths(2));
      assertThat(t.turns().size()).as(id + " turns").isBetween(8, 14);
      long respondent = t.turns().stream().filter(x -> x[0].equals("respondent")).count();
      assertThat(respondent).as(id + " respondent turns").isEqualTo(t.turns().size() / 2);
      assertThat(channelOf).as(id + " customer exists in customers.csv").containsKey(t.frontMatter().get("customer_id"));
    }
  }

  @Test
  void someFilesUseOtherSpeakerLabelsAndContinuationLines() {
    Set<String> labels = new HashSet<>();
    transcripts.values().forEach(t -> t.turns().forEach(x -> labels.add(x[2])));
    assertThat(labels).as("labels used").contains("interviewer", "respondent").containsAnyOf("r", "interviewee", "participant");
    long continued = transcripts.values().stream()
        .filter(t -> t.text().lines().skip(7).anyMatch(l -> !l.isBlank() && !LABEL.matcher(l).matches()))
        .count();
    assertThat(continued).as("transcripts with an unlabelled continuation line").isPositive();
  }

  @Test
  void panelIsBiasedTowardsPriceAndExitAndPlantsPii() {
    List<String> texts = transcripts.values().stream().map(t -> t.text().toLowerCase(Locale.ROOT)).toList();
    List<String> answers = transcripts.values().stream()
        .map(t -> String.join(" ", t.turns().stream().filter(x -> x[0].equals("respondent")).map(x -> x[1]).toList()))
        .map(a -> a.toLowerCase(Locale.ROOT))
        .toList();
    long priceAndExit = answers.stream()
        .filter(t -> t.contains("expensive") || t.contains("price went up") || t.contains("worth the money") || t.contains("cost") || t.contains("pricey"))
        .filter(t -> t.contains("cancel") || t.contains("decided to leave") || t.contains("close my account") || t.contains("closed my account"))
        .count();
    assertThat(priceAndExit).as("interviews complaining about price and (about to) cancel").isGreaterThanOrEqualTo(11);
    long abandoned = truth.interviews().stream().filter(f -> f.codes().contains("product_abandonment")).count();
    assertThat(abandoned).as("interviews about abandoning the watch").isBetween(7L, 11L);
    assertThat(texts).as("PII for redaction")
        .anyMatch(t -> t.contains("my name is sarah jones"))
        .anyMatch(t -> t.matches("(?s).*[a-z0-9.]+@example\\.com.*"))
        .anyMatch(t -> t.contains("07700 900461"));
    assertThat(answers).as("social media mentions")
        .anyMatch(t -> t.contains("instagram")).anyMatch(t -> t.contains("facebook"))
        .anyMatch(t -> t.contains("tiktok")).anyMatch(t -> t.contains("through social media"));
    assertThat(texts).as("negated setup mention").anyMatch(t -> t.contains("never had a problem with the setup"));
    assertThat(truth.interviews().stream().filter(InterviewFact::hasPii).count()).as("facts with PII").isEqualTo(3);
  }

  @Test
  void storiesAgreeWithTheCustomersOwnRows() {
    assertThat(truth.interviews()).as("interview facts").hasSize(18);
    for (InterviewFact f : truth.interviews()) {
      Transcript t = transcripts.get(f.file());
      assertThat(t.frontMatter()).as(f.interviewId()).containsEntry("customer_id", f.customerId()).containsEntry("date", f.date());
      String c = f.customerId();
      switch (f.storyline()) {
        case "setup_abandon_churned", "setup_abandon_active" -> {
          assertThat(watchBuyers).as(f.interviewId() + " bought the watch").contains(c);
          assertThat(setupCompleted).as(f.interviewId() + " never completed setup").doesNotContain(c);
          assertThat(churned.contains(c)).as(f.interviewId() + " churned").isEqualTo(f.storyline().endsWith("churned"));
        }
        case "happy_daily" -> {
          assertThat(watchBuyers).as(f.interviewId() + " bought the watch").contains(c);
          assertThat(churned).as(f.interviewId() + " still a customer").doesNotContain(c);
        }
        case "social_quick_churn" -> {
          assertThat(channelOf.get(c)).as(f.interviewId() + " acquisition channel").isEqualTo("social");
          assertThat(churned).as(f.interviewId() + " churned").contains(c);
        }
        default -> { }
      }
    }
    assertThat(truth.interviews().stream().filter(f -> f.storyline().equals("social_quick_churn")).count())
        .as("social storylines").isEqualTo(4);
    assertThat(truth.interviews().stream().map(InterviewFact::customerId).distinct().count()).as("distinct interviewees").isEqualTo(18);
  }
}
