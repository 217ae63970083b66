package io.triangulate.pipelines.generate;

import static io.triangulate.pipelines.generate.InterviewPhrases.*;

import io.triangulate.pipelines.generate.InterviewPlanner.Profile;
import io.triangulate.pipelines.generate.InterviewPlanner.Storyline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes one interview transcript in the format of docs/architecture.md ("Transcript format"): YAML
 * front matter, then 8 to 14 labelled turns. What the respondent says is drawn from the customer's
 * own rows (when they stopped, whether they left), so interview and data agree on each person.
 */
final class TranscriptWriter {
  private static final long DAY = CustomerSimulator.DAY;

  /** Personal data planted for the redaction stage, by kind. */
  enum Pii {
    NONE,
    NAME,
    EMAIL,
    PHONE
  }

  /** A rendered transcript and the codebook codes it was written to contain (sorted). */
  record Transcript(String text, List<String> codes) {}

  private record Turn(String question, String answer, List<String> codes) {}

  private final List<Turn> turns = new ArrayList<>();
  private final SplittableRandom rng;
  private final Deck deck;

  private TranscriptWriter(SplittableRandom rng, Deck deck) {
    this.rng = rng;
    this.deck = deck;
  }

  /**
   * @param occurrence how many earlier interviews told the same storyline; varies the details
   * @param labels interviewer and respondent label, e.g. {"Interviewer", "Respondent"}
   * @param deck phrasing rotation shared by the whole panel
   */
  static Transcript render(
      String interviewId, LocalDate date, String persona, Storyline storyline, int occurrence,
      Profile p, String[] labels, Pii pii, SplittableRandom rng, Deck deck) {
    TranscriptWriter w = new TranscriptWriter(rng, deck);
    w.opener(p, pii);
    switch (storyline) {
      case SETUP_ABANDON_CHURNED, SETUP_ABANDON_ACTIVE -> w.setupAbandon(p, occurrence);
      case OTHER_ABANDON -> w.otherAbandon(p, occurrence);
      case HAPPY_DAILY -> w.happy(occurrence);
      case SOCIAL_QUICK_CHURN -> w.socialQuickChurn(p);
      case PLAN_PRICE -> w.planPrice(p);
      case GENERAL -> w.general(p);
    }
    w.pii(pii);
    TreeSet<String> codes = new TreeSet<>();
    w.turns.forEach(t -> codes.addAll(t.codes()));
    return new Transcript(w.text(interviewId, date, persona, p.customerId(), labels), List.copyOf(codes));
  }

  private void ask(String[] questions, String answer, String... answerCodes) {
    turns.add(new Turn(deck.next(questions), withFiller(answer, rng), List.of(answerCodes)));
  }

  private void opener(Profile p, Pii pii) {
    String origin = origin(p.acquisitionChannel(), rng, deck);
    if (pii == Pii.NAME) {
      origin = "My name is Sarah Jones, by the way. " + origin;
    }
    ask(OPENERS, origin, p.acquisitionChannel().equals(EventVocabulary.SOCIAL) ? new String[] {"social_media"} : new String[0]);
  }

  private void setupAbandon(Profile p, int occurrence) {
    String setup = deck.next(SETUP_BAD);
    String second = deck.next(SETUP_BAD);
    ask(Q_SETUP, second.equals(setup) ? setup : setup + " " + second, "setup_onboarding");
    String stop = String.format(java.util.Locale.ROOT, deck.next(ABANDON), duration(p.daysUsed(), rng));
    ask(Q_USAGE_LENGTH, rng.nextBoolean() ? stop + " " + deck.next(ABANDON_AFTERMATH) : stop, "product_abandonment");
    if (occurrence % 2 == 0) {
      ask(Q_SUPPORT, deck.next(SUPPORT_BAD), "customer_service_negative");
    }
    ask(Q_PRICE, deck.next(PRICE_BAD), "price_value");
    exit(p);
    if (rng.nextBoolean()) {
      ask(Q_CLOSE, deck.next(CLOSE));
    }
  }

  private void otherAbandon(Profile p, int occurrence) {
    ask(Q_SETUP, deck.next(SETUP_OK));
    String stop = String.format(java.util.Locale.ROOT, deck.next(ABANDON), duration(p.daysUsed(), rng));
    ask(Q_USAGE_LENGTH, deck.next(LOST_HABIT) + " " + stop, "product_abandonment");
    if (occurrence % 2 == 0) {
      ask(Q_PRICE, deck.next(PRICE_BAD), "price_value");
      exit(p);
    } else if (p.churned()) {
      ask(Q_STATUS, SWITCHED, "competitor_switch");
    } else {
      ask(Q_STATUS, "I'm still a customer on paper, I guess. I just don't use it.");
    }
    ask(Q_CLOSE, deck.next(CLOSE));
  }

  private void happy(int occurrence) {
    ask(Q_DAILY, deck.next(DAILY), "usage");
    if (occurrence == 0) {
      ask(Q_SETUP, SETUP_NEGATED); // negated mention: must not be coded as a setup complaint
    } else {
      ask(Q_SETUP, deck.next(SETUP_OK));
    }
    ask(Q_SUPPORT, SUPPORT_GOOD, "customer_service_positive");
    if (occurrence % 2 == 0) {
      ask(Q_RECOMMEND, RECOMMENDED, "recommendation");
    }
    ask(Q_PRICE, deck.next(PRICE_OK));
    if (rng.nextBoolean()) {
      ask(Q_CLOSE, "Nothing really. Keep the app as it is.");
    }
  }

  private void socialQuickChurn(Profile p) {
    if (p.boughtWatch()) {
      ask(Q_SETUP, "The watch arrived quickly but it wasn't what the ad made it look like.");
    } else {
      ask(Q_PLAN, "I only tried the app, I never even bought the watch.");
    }
    long days = Math.max(1, (p.churnedAt() - p.signedUpAt()) / DAY);
    ask(Q_STAY, "Only " + weeks(days) + ". " + deck.next(EXITED), "exit");
    ask(Q_PRICE, deck.next(PRICE_BAD), "price_value");
    if (rng.nextBoolean()) {
      ask(new String[] {"Would you come back?"}, "Maybe, if the price came down.");
    }
  }

  private void planPrice(Profile p) {
    ask(Q_PLAN, PLAN_USE);
    ask(Q_PRICE, "The subscription price went up and I couldn't justify the cost anymore.", "price_value");
    exit(p);
    if (rng.nextBoolean()) {
      ask(Q_SUPPORT, deck.next(SUPPORT_BAD), "customer_service_negative");
    } else {
      ask(Q_SUPPORT, p.boughtWatch() ? SUPPORT_GOOD : SUPPORT_GOOD_BILLING, "customer_service_positive");
    }
  }

  private void general(Profile p) {
    ask(Q_PLAN, p.boughtWatch() ? "The watch, and the app that comes with it." : "Mostly the app, on and off.");
    ask(Q_PRICE, deck.next(PRICE_BAD), "price_value");
    exit(p);
  }

  private void exit(Profile p) {
    ask(Q_STATUS, p.churned() ? deck.next(EXITED) : deck.next(EXIT_INTENT), "exit");
  }

  private void pii(Pii pii) {
    if (pii == Pii.EMAIL) {
      ask(new String[] {"Can we contact you again if we have follow-up questions?"},
          "Sure, my email is tom.becker84@example.com.");
    } else if (pii == Pii.PHONE) {
      ask(new String[] {"Can we reach you for a follow-up?"}, "Yes, call me on 07700 900461, evenings are best.");
    }
    while (turns.size() < 4) {
      ask(Q_CLOSE, deck.next(CLOSE));
    }
    while (turns.size() > 7) {
      turns.remove(dropIndex());
    }
  }

  /** The last uncoded exchange other than the opener and the final one, else the one before last. */
  private int dropIndex() {
    for (int i = turns.size() - 2; i >= 1; i--) {
      if (turns.get(i).codes().isEmpty()) {
        return i;
      }
    }
    return turns.size() - 2;
  }

  private String text(String interviewId, LocalDate date, String persona, String customerId, String[] labels) {
    StringBuilder b = new StringBuilder(2048);
    b.append("---\n")
        .append("interview_id: ").append(interviewId).append('\n')
        .append("date: ").append(date).append('\n')
        .append("customer_id: ").append(customerId).append('\n')
        .append("persona: ").append(persona).append('\n')
        .append("language: en\n")
        .append("---\n");
    for (Turn t : turns) {
      b.append(labels[0]).append(": ").append(t.question()).append('\n');
      String answer = t.answer();
      int split = answer.indexOf(". ");
      // some answers run over two lines; unlabelled lines continue the respondent's turn
      if (split > 0 && rng.nextInt(4) == 0) {
        b.append(labels[1]).append(": ").append(answer, 0, split + 1).append('\n')
            .append(answer.substring(split + 2)).append('\n');
      } else {
        b.append(labels[1]).append(": ").append(answer).append('\n');
      }
    }
    return b.toString();
  }
}
