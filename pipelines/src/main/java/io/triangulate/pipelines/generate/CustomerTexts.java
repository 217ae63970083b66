package io.triangulate.pipelines.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic world's voice-of-customer texts ({@code customer_texts} landing files,
 * docs/contracts.md): support tickets, product reviews and survey verbatims, written from each
 * customer's own facts, so what they say agrees with the data — a customer who never finished the
 * watch's setup opens a ticket about it, one whose watch went silent reviews it badly, one who left
 * over the price says so in the exit survey, a daily runner gives five stars.
 *
 * <p>About {@code textsPer1000} texts per 1,000 customers (so they scale with the world), drawn
 * from their own random stream: the other landing files are byte-identical with or without texts.
 * One review in five is public (no {@code customer_id}), as on a review site.
 */
final class CustomerTexts {
  static final String FILE = "customer_texts.jsonl";

  private static final long DAY = CustomerSimulator.DAY;
  private static final int ID_WIDTH = 8;

  private final int textsPer1000;
  private final long end;
  private final SplittableRandom rng;
  private long textNo;

  /**
   * @param textsPer1000 average texts per 1,000 customers (0 writes none)
   * @param end epoch second of the run date's 00:00Z; every text is written before it
   */
  CustomerTexts(int textsPer1000, long end, SplittableRandom rng) {
    this.textsPer1000 = textsPer1000;
    this.end = end;
    this.rng = rng;
  }

  /** Texts written so far. */
  long written() {
    return textNo;
  }

  /** Appends this customer's texts (usually none) to {@code out} as JSON lines. */
  void write(CustomerLife c, StringBuilder out) {
    // floor(rate) texts each, plus one more with the fractional rest: the mean is exactly the rate.
    int n = textsPer1000 / 1000 + (rng.nextInt(1000) < textsPer1000 % 1000 ? 1 : 0);
    for (int i = 0; i < n; i++) {
      text(c, out);
    }
  }

  private void text(CustomerLife c, StringBuilder out) {
    long lastSync = c.lastWatchSyncAt();
    boolean silentWatch = c.boughtWatch() && (lastSync == CustomerLife.NEVER || lastSync + 60 * DAY < end);
    double u = rng.nextDouble();
    if (c.boughtWatch() && !c.setupCompleted() && u < 0.6) {
      support(out, c, c.watchPurchasedAt() + days(1, 20), EventVocabulary.SPORTS_WATCH, setupTicket());
    } else if (c.churned() && u < 0.7) {
      exitSurvey(out, c);
    } else if (silentWatch && u < 0.85) {
      long at = (lastSync == CustomerLife.NEVER ? c.watchPurchasedAt() : lastSync) + days(20, 90);
      review(out, c, at, 1 + rng.nextInt(2), pick(DROPPED_TITLES), sentences(DROPPED, 2) + " " + pick(DROPPED_ENDINGS));
    } else if (c.boughtWatch() && c.setupCompleted()) {
      review(out, c, c.watchPurchasedAt() + days(14, 200), 4 + rng.nextInt(2), pick(HAPPY_TITLES), sentences(HAPPY, 2) + " " + pick(HAPPY_ENDINGS));
    } else {
      survey(out, c, c.signedUpAt() + days(7, 120), "onboarding", 5 + rng.nextInt(5), sentences(NEUTRAL, 2));
    }
  }

  private void exitSurvey(StringBuilder out, CustomerLife c) {
    String reason = switch (c.reasonCode() == null ? "other" : c.reasonCode()) {
      case "price" -> c.sawPlanPriceRise() ? pick(PRICE_RISE) : pick(PRICE);
      case "competitor" -> pick(COMPETITOR);
      case "service" -> pick(SERVICE);
      case "moved" -> pick(MOVED);
      default -> pick(OTHER);
    };
    survey(out, c, c.churnedAt() + days(0, 3), "exit", rng.nextInt(5), reason + " " + pick(EXIT_ENDINGS));
  }

  private void support(StringBuilder out, CustomerLife c, long at, String product, String text) {
    line(out, c.customerId(), c, at, "support", product, null, pick(TICKET_TITLES), text, List.of("priority", rng.nextInt(4) == 0 ? "high" : "normal"));
  }

  private void review(StringBuilder out, CustomerLife c, long at, int stars, String title, String text) {
    // One review in five is posted publicly, where the author is unknown.
    String author = rng.nextInt(5) == 0 ? null : c.customerId();
    line(out, author, c, at, "review", EventVocabulary.SPORTS_WATCH, stars, title, text, List.of("site", author == null ? "public" : "app_store"));
  }

  private void survey(StringBuilder out, CustomerLife c, long at, String survey, int score, String text) {
    line(out, c.customerId(), c, at, "survey", null, score, null, text, List.of("survey", survey));
  }

  private void line(StringBuilder out, String customerId, CustomerLife c, long at, String type, String product, Integer rating, String title, String text,
      List<String> attributes) {
    // Never before the customer existed, never on or after the run date.
    long writtenAt = Math.max(c.signedUpAt(), Math.min(at, end - 1 - rng.nextInt(36_000)));
    StringBuilder b = out;
    b.append("{\"text_id\":");
    LandingFormat.jsonString(b, LandingFormat.id("X", ++textNo, ID_WIDTH));
    b.append(",\"customer_id\":");
    nullable(b, customerId);
    b.append(",\"written_at\":\"");
    LandingFormat.appendTimestamp(b, writtenAt);
    b.append("\",\"text_type\":");
    LandingFormat.jsonString(b, type);
    b.append(",\"product_id\":");
    nullable(b, product);
    b.append(",\"rating\":").append(rating == null ? "null" : rating.toString());
    b.append(",\"title\":");
    nullable(b, title);
    b.append(",\"text\":");
    LandingFormat.jsonString(b, text);
    b.append(",\"attributes\":{");
    for (int i = 0; i + 1 < attributes.size(); i += 2) {
      if (i > 0) {
        b.append(',');
      }
      LandingFormat.jsonString(b, attributes.get(i));
      b.append(':');
      LandingFormat.jsonString(b, attributes.get(i + 1));
    }
    b.append("}}\n");
  }

  private static void nullable(StringBuilder b, String value) {
    if (value == null) {
      b.append("null");
    } else {
      LandingFormat.jsonString(b, value);
    }
  }

  private long days(int from, int to) {
    return (from + rng.nextInt(to - from + 1)) * DAY + rng.nextInt((int) DAY);
  }

  private String setupTicket() {
    return sentences(SETUP, 2) + " " + pick(SETUP_ASKS);
  }

  /** {@code n} different sentences of {@code pool}, in pool order shuffled by the draw. */
  private String sentences(String[] pool, int n) {
    int first = rng.nextInt(pool.length);
    int second = (first + 1 + rng.nextInt(pool.length - 1)) % pool.length;
    return n == 1 ? pool[first] : pool[first] + " " + pool[second];
  }

  private String pick(String[] values) {
    return values[rng.nextInt(values.length)];
  }

  private static final String[] TICKET_TITLES = {
    "Watch setup", "Cannot pair watch", "Help with setup", "Watch not syncing", "Setup stuck",
  };
  private static final String[] SETUP = {
    "I never managed to finish the setup of my new watch.",
    "The setup process is confusing and the app keeps asking me to start again.",
    "Pairing the watch with my phone fails every time at the last step.",
    "The watch does not sync with the app, so I cannot see any of my runs.",
    "I have been trying to set it up for a week and I am close to giving up.",
    "The instructions in the box do not match what the app shows.",
  };
  private static final String[] SETUP_ASKS = {
    "Can someone call me back, please?",
    "Is there a step I am missing?",
    "Please tell me how to get it working or I will send it back.",
    "I would like a replacement or a refund.",
  };
  private static final String[] DROPPED_TITLES = {
    "Nice idea, but it sits in a drawer", "Stopped using it", "Disappointed", "Not worth it for me",
  };
  private static final String[] DROPPED = {
    "I stopped wearing the watch after a few weeks.",
    "The battery drains too fast and the sync keeps failing.",
    "After the first month I hardly ever wore it.",
    "It was hard to use during runs and the screen is hard to read in the sun.",
    "I gave up on the app, it kept crashing.",
    "The strap is uncomfortable at night, so I took it off and never put it back on.",
  };
  private static final String[] DROPPED_ENDINGS = {
    "Now it just collects dust.", "It is in a drawer now.", "I would not buy it again.", "Two stars for the design.",
  };
  private static final String[] HAPPY_TITLES = {
    "Great running companion", "Love it", "Does what it promises", "Best purchase this year",
  };
  private static final String[] HAPPY = {
    "I wear it every day on my morning runs.",
    "Setup took five minutes and it has synced without a problem ever since.",
    "The training plans keep me motivated.",
    "Battery lasts a full week even with GPS on.",
    "The heart rate readings match the chest strap I used before.",
    "It is light enough that I forget I am wearing it.",
  };
  private static final String[] HAPPY_ENDINGS = {
    "Highly recommended.", "Five stars from me.", "I already bought one for my partner.", "Worth every cent.",
  };
  private static final String[] PRICE = {
    "It is too expensive for what I use it for.",
    "I found the same thing cheaper elsewhere.",
    "I cannot afford the monthly plan any more.",
  };
  private static final String[] PRICE_RISE = {
    "The fitness plan price went up and it is not worth it any more.",
    "You raised the price of the plan without asking, so I cancelled.",
    "After the price increase the subscription was simply too expensive.",
  };
  private static final String[] COMPETITOR = {
    "I switched to another brand that offered a better watch.",
    "A competitor had a half price offer and I took it.",
    "My new phone works better with a different watch.",
  };
  private static final String[] SERVICE = {
    "Support never called back about my problem.",
    "I had setup problems and nobody helped me.",
    "The service was slow and unfriendly.",
  };
  private static final String[] MOVED = {
    "I moved abroad and there is no store near me now.",
    "We moved house and the service does not cover the new area.",
  };
  private static final String[] OTHER = {
    "I simply do not need it any more.",
    "I was not using it enough to keep paying.",
    "Personal reasons, nothing wrong with the product.",
  };
  private static final String[] EXIT_ENDINGS = {
    "Thanks anyway.", "Maybe I will come back one day.", "Please do not send me more emails.", "No hard feelings.",
  };
  private static final String[] NEUTRAL = {
    "Delivery was quick and the packaging was fine.",
    "The app is easy to navigate.",
    "I would like more workout types in the app.",
    "I wish the website showed stock in my local store.",
    "The newsletter comes a bit too often.",
    "Staff in the store were helpful.",
  };
}
