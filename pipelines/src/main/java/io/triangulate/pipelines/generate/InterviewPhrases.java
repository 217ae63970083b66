package io.triangulate.pipelines.generate;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The wording of the synthetic interviews. Each group holds the phrasing inventory the NLP codebook
 * codes (docs/architecture.md, brief of the generator) plus looser variants, so coding is exercised
 * on more than exact phrases.
 */
final class InterviewPhrases {
  private InterviewPhrases() {}

  static final String[] OPENERS = {
    "Thanks for taking the time. How did you first hear about us?",
    "Let's start at the beginning. How did you come across the company?",
    "Can you tell me how you found us in the first place?",
    "To kick off, how did you first learn about the watch?",
    "First question: what brought you to us?",
  };

  static final String[] SOCIAL_ORIGIN = {
    "I saw an ad on Instagram and ordered the same evening.",
    "It was an ad on Facebook, one of those videos of people running on the beach.",
    "I think I saw it on TikTok, there was this influencer wearing it.",
    "Through social media, an ad kept popping up in my feed until I clicked it.",
  };

  static String origin(String acquisitionChannel, SplittableRandom rng, Deck deck) {
    return switch (acquisitionChannel) {
      case "social" -> deck.next(SOCIAL_ORIGIN);
      case "search" -> pick(new String[] {
          "I was searching online for a running watch and your site came up.",
          "Just googling for fitness watches, really."}, rng);
      case "referral" -> pick(new String[] {
          "A friend of mine recommended you.",
          "My brother-in-law had one and kept going on about it."}, rng);
      case "store" -> pick(new String[] {
          "I walked past one of your stores and went in to have a look.",
          "I saw the watches in the shop in town."}, rng);
      default -> pick(new String[] {
          "I got an email with a spring offer, I think.",
          "There was a newsletter with a discount code."}, rng);
    };
  }

  static final String[] Q_SETUP = {
    "What was it like getting started with the watch?",
    "How did the first days with the watch go?",
    "Tell me about setting it up.",
    "What happened once the watch arrived?",
  };

  static final String[] SETUP_BAD = {
    "Setting it up was confusing.",
    "I never managed to finish the setup.",
    "Pairing it with my phone took forever.",
    "The setup process was a nightmare.",
    "The app kept asking for permissions and I got lost halfway through the setup.",
  };

  static final String[] SETUP_OK = {
    "Setup took maybe ten minutes, no drama.",
    "It paired straight away, I was out running the same day.",
  };

  static final String SETUP_NEGATED = "I never had a problem with the setup, it just worked.";

  static final String[] Q_USAGE_LENGTH = {
    "How long did you keep using it?",
    "And do you still wear it?",
    "How did your use of the watch change over time?",
    "Are you still using the watch today?",
  };

  /** Abandonment sentences; {@code %s} is a duration such as "after about five months". */
  static final String[] ABANDON = {
    "I stopped using the watch %s.",
    "I gave up on it %s.",
    "I quit using it %s.",
    "I don't wear it anymore, I think I stopped %s.",
    "I no longer use it, I put it away %s.",
  };

  static final String[] ABANDON_AFTERMATH = {
    "It's been sitting in a drawer ever since.",
    "It's just in a drawer somewhere now.",
    "My kids play with it sometimes, that's about it.",
  };

  static final String[] LOST_HABIT = {
    "The setup was fine, it's more that I lost the habit.",
    "Nothing wrong with the setup, I just got busy and stopped running.",
  };

  static final String[] Q_DAILY = {
    "How do you use the watch day to day?",
    "What does a normal week with the watch look like?",
  };

  static final String[] DAILY = {
    "I use it every day, mostly for my morning runs.",
    "I wear it daily, even at night for the sleep tracking.",
    "Every single day. I use it every day for commuting and the gym.",
  };

  static final String[] Q_SUPPORT = {
    "Did you ever get in touch with customer support?",
    "Have you had any contact with our support team?",
  };

  static final String[] SUPPORT_BAD = {
    "I called about it, twice actually, and support never called me back.",
    "I left a message asking for help with the pairing and support never called me back.",
    "I tried. I opened a ticket, waited a week, and support never called me back.",
  };
  static final String SUPPORT_GOOD = "Once, about a strap that broke, and the support team was really helpful.";
  static final String SUPPORT_GOOD_BILLING = "I rang once about a billing mix-up and the support team was really helpful.";

  static final String[] Q_PRICE = {
    "How do you feel about what you pay?",
    "What about the price?",
    "How does the cost feel to you?",
    "And money-wise, how was it?",
  };

  static final String[] PRICE_BAD = {
    "It was too expensive for what it did.",
    "Then the subscription price went up and that was it for me.",
    "It's just not worth the money.",
    "I couldn't justify the cost anymore.",
    "Way too pricey, honestly, especially the plan on top of the watch.",
  };

  static final String[] PRICE_OK = {
    "I'm happy with what I pay, it does what I need.",
    "Fair enough for what you get.",
  };

  static final String[] Q_STATUS = {
    "Are you still a customer today?",
    "Where do things stand with your account now?",
    "So what did you decide in the end?",
  };

  static final String[] EXITED = {
    "I cancelled my subscription.",
    "I cancelled my account in the end.",
    "So I decided to leave.",
    "I closed my account.",
  };

  static final String[] EXIT_INTENT = {
    "I'm about to cancel, I just haven't got round to it.",
    "I'm going to cancel my subscription next month.",
    "Honestly I'm planning to close my account soon.",
  };

  static final String SWITCHED = "I switched to another brand, their watch was simpler.";

  static final String[] Q_RECOMMEND = {
    "Would you recommend it to others?",
    "Have you told anyone else about it?",
  };

  static final String RECOMMENDED = "I recommended it to my sister and she bought one a month later.";

  static final String[] Q_PLAN = {"What do you mainly use from us?", "Which of our products do you use?"};
  static final String PLAN_USE = "Mostly the fitness plan, the workouts in the app.";

  static final String[] Q_STAY = {"How long did you stay with us?", "How long were you a customer?"};

  static final String[] Q_CLOSE = {
    "Is there anything else you'd like to add?",
    "Last question: if you could change one thing, what would it be?",
  };

  static final String[] CLOSE = {
    "Not really, I've said most of it, you know.",
    "No, I think that's everything.",
    "Make the setup simpler. That's really it.",
    "Maybe cheaper plans for people who only run now and then.",
  };

  static final String[] FILLERS = {"Um, ", "Well, ", "Honestly, ", "So, ", "You know, ", "Hmm, "};

  private static final String[] NUMBERS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"
  };

  /** A spoken duration for a number of days, e.g. "after about five months", "after two weeks". */
  static String duration(long days, SplittableRandom rng) {
    if (days < 10) {
      return "after a few days";
    }
    if (days < 21) {
      return rng.nextBoolean() ? "after two weeks" : "after a couple of weeks";
    }
    if (days < 46) {
      return rng.nextBoolean() ? "after a few weeks" : "after about a month";
    }
    long months = Math.min(12, Math.round(days / 30.44));
    if (days <= 183 && rng.nextInt(3) == 0) {
      return "within six months";
    }
    return (rng.nextBoolean() ? "after about " : "after ") + NUMBERS[(int) months] + " months";
  }

  /** "three weeks" style duration between signup and churn. */
  static String weeks(long days) {
    long w = Math.max(1, Math.min(12, Math.round(days / 7.0)));
    return w == 1 ? "a week" : NUMBERS[(int) w] + " weeks";
  }

  /** Sometimes starts the answer with a filler, lowering the next letter unless it is "I". */
  static String withFiller(String sentence, SplittableRandom rng) {
    if (rng.nextInt(4) != 0) {
      return sentence;
    }
    String filler = pick(FILLERS, rng);
    boolean keep = sentence.startsWith("I ") || sentence.startsWith("I'");
    String rest = keep ? sentence : sentence.substring(0, 1).toLowerCase(Locale.ROOT) + sentence.substring(1);
    return filler + rest;
  }

  static String pick(String[] values, SplittableRandom rng) {
    return values[rng.nextInt(values.length)];
  }

  /**
   * Hands out each group's phrasings in a shuffled rotation across the whole panel, so that
   * consecutive interviews do not keep repeating the same sentence.
   */
  static final class Deck {
    private final Map<String[], Integer> next = new IdentityHashMap<>();
    private final SplittableRandom rng;

    Deck(SplittableRandom rng) {
      this.rng = rng;
    }

    String next(String[] group) {
      int i = next.computeIfAbsent(group, g -> rng.nextInt(g.length));
      next.put(group, i + 1 + (rng.nextInt(5) == 0 ? 1 : 0));
      return group[i % group.length];
    }
  }
}
