package io.triangulate.pipelines.generate;

import static io.triangulate.pipelines.generate.EventVocabulary.*;

import io.triangulate.pipelines.generate.CustomerLife.Purchase;
import io.triangulate.pipelines.generate.CustomerLife.Touch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates one customer's life from signup to churn or the run date.
 *
 * <p>The probabilities below are tuned so that the outcome definitions of docs/architecture.md,
 * which count early events of recent customers but censor their non-events, land near the planted
 * truths (watch abandonment ≈ 40%, first-year churn ≈ 9%, 90-day churn ≈ 5% overall and ≈ 30% for
 * social). The exact rates are measured afterwards by {@link OutcomeRules}, never assumed.
 */
final class CustomerSimulator {
  static final long DAY = 86_400L;

  static final double SOCIAL_CHURN_90 = 0.28;
  static final double OTHER_CHURN_90 = 0.017;
  static final double CHURN_91_TO_365 = 0.008;
  static final double LATER_CHURN_PER_YEAR = 0.05;

  static final double WATCH_BUYERS = 0.30;
  static final double SETUP_COMPLETES = 0.65;
  static final double STOP_IF_NOT_SET_UP = 0.76;
  static final double STOP_IF_SET_UP = 0.12;
  static final double STRAP_BUYERS = 0.25;
  static final double PLAN_IF_WATCH = 0.40;
  static final double PLAN_OTHERWISE = 0.15;

  static final long WATCH_CENTS = 19_900;
  static final long STRAP_CENTS = 2_900;
  static final long PLAN_CENTS_BEFORE = 999;
  static final long PLAN_CENTS_AFTER = 1_299;

  private final long historyStart;
  private final long end;
  private final long planPriceRiseAt;

  /**
   * @param historyStart first possible signup, epoch seconds
   * @param end the run date's 00:00Z: every generated time is strictly before it
   */
  CustomerSimulator(long historyStart, long end) {
    this.historyStart = historyStart;
    this.end = end;
    this.planPriceRiseAt = end - 240 * DAY;
  }

  /** Time the fitness plan went from 9.99 to 12.99. */
  long planPriceRiseAt() {
    return planPriceRiseAt;
  }

  CustomerLife simulate(String customerId, SplittableRandom rng) {
    long signup = historyStart + rng.nextLong(end - historyStart);
    String ageBand = pick(AGE_BANDS, AGE_WEIGHTS, rng);
    String region = REGIONS[rng.nextInt(REGIONS.length)];
    String channel = pick(ACQUISITION_CHANNELS, ACQUISITION_WEIGHTS, rng);
    boolean social = channel.equals(SOCIAL);

    long churn = churnTime(signup, social, rng);
    long stopAll = Math.min(churn, end); // nothing may happen at or after this instant
    List<Purchase> purchases = new ArrayList<>();
    List<Touch> events = new ArrayList<>();

    long watchAt = CustomerLife.NEVER;
    boolean setupCompleted = false;
    if (rng.nextDouble() < WATCH_BUYERS) {
      long at = signup + 3600 + rng.nextLong(60 * DAY);
      if (at < stopAll) {
        watchAt = at;
        purchases.add(new Purchase(at, SPORTS_WATCH, WEARABLES, 1, WATCH_CENTS, salesChannel(rng)));
        setupCompleted = watchLife(at, stopAll, purchases, events, rng);
      }
    }
    boolean plan = false;
    boolean sawRise = false;
    if (rng.nextDouble() < (watchAt != CustomerLife.NEVER ? PLAN_IF_WATCH : PLAN_OTHERWISE)) {
      long start = Math.max(signup, watchAt == CustomerLife.NEVER ? signup : watchAt) + rng.nextLong(30 * DAY);
      long planEnd = rng.nextDouble() < 0.3 ? start + (60 + rng.nextLong(400)) * DAY : CustomerLife.NEVER;
      for (long t = start; t < stopAll && t < planEnd; t += 30 * DAY) {
        plan = true;
        boolean risen = t >= planPriceRiseAt;
        sawRise |= risen;
        purchases.add(new Purchase(t, FITNESS_PLAN, SERVICES, 1, risen ? PLAN_CENTS_AFTER : PLAN_CENTS_BEFORE, "app"));
      }
    }
    touchpoints(signup, stopAll, social, events, rng);

    String reasonCode = null;
    String reasonText = null;
    if (churn < end) {
      int r = pickIndex(REASON_WEIGHTS, rng);
      reasonCode = REASON_CODES[r];
      reasonText = REASON_TEXTS[r][rng.nextInt(REASON_TEXTS[r].length)];
    } else {
      churn = CustomerLife.NEVER;
    }
    purchases.sort(Comparator.comparingLong(Purchase::at));
    events.sort(Comparator.comparingLong(Touch::at));
    return new CustomerLife(
        customerId, signup, ageBand, region, channel, purchases, events, churn, reasonCode, reasonText,
        watchAt, setupCompleted, plan, sawRise);
  }

  /** Churn time, possibly at or after the run date (then the customer has not churned). */
  private static long churnTime(long signup, boolean social, SplittableRandom rng) {
    double u = rng.nextDouble();
    double p90 = social ? SOCIAL_CHURN_90 : OTHER_CHURN_90;
    if (u < p90) {
      // social sign-ups that leave do so within weeks of the ad
      long maxDays = social ? 75 : 89;
      return signup + (4 + rng.nextLong(maxDays - 4)) * DAY + rng.nextLong(DAY);
    }
    if (rng.nextDouble() < CHURN_91_TO_365) {
      return signup + (91 + rng.nextLong(273)) * DAY + rng.nextLong(DAY);
    }
    // StrictMath, not Math: intrinsics may differ in the last bit between JVMs and CPUs
    double years = -StrictMath.log(1 - rng.nextDouble()) / LATER_CHURN_PER_YEAR;
    return signup + 366 * DAY + (long) (years * 365 * DAY);
  }

  /** Setup, syncs and straps after a watch purchase; returns whether setup was completed. */
  private static boolean watchLife(long bought, long stopAll, List<Purchase> purchases, List<Touch> events, SplittableRandom rng) {
    long setupStart = bought + 600 + rng.nextLong(2 * DAY);
    boolean completed = false;
    if (setupStart < stopAll) {
      events.add(new Touch(setupStart, "app", SETUP_STARTED, SPORTS_WATCH, List.of()));
      if (rng.nextDouble() < SETUP_COMPLETES) {
        long done = setupStart + 600 + rng.nextLong(3 * DAY);
        if (done < stopAll) {
          completed = true;
          events.add(new Touch(done, "app", SETUP_COMPLETED, SPORTS_WATCH, List.of()));
        }
      } else if (rng.nextDouble() < 0.5) {
        long call = setupStart + DAY + rng.nextLong(10 * DAY);
        if (call < stopAll) {
          events.add(new Touch(call, "phone", SUPPORT_CALL, SPORTS_WATCH, List.of("topic", "setup")));
        }
      }
    }
    long stopUsing;
    if (rng.nextDouble() < (completed ? STOP_IF_SET_UP : STOP_IF_NOT_SET_UP)) {
      stopUsing = bought + (completed ? 20 + rng.nextLong(160) : 5 + rng.nextLong(175)) * DAY;
    } else if (rng.nextDouble() < 0.3) {
      stopUsing = bought + (240 + rng.nextLong(500)) * DAY;
    } else {
      stopUsing = CustomerLife.NEVER;
    }
    long limit = Math.min(stopUsing, stopAll);
    long dayStart = Math.floorDiv(bought, DAY) * DAY;
    for (long day = dayStart + (1 + rng.nextLong(2)) * DAY; ; day += (1 + rng.nextLong(4)) * DAY) {
      long at = day + 6 * 3600 + rng.nextLong(16 * 3600);
      if (at >= limit) {
        break;
      }
      events.add(new Touch(at, "device", WATCH_SYNC, SPORTS_WATCH, List.of()));
    }
    int straps = rng.nextDouble() < STRAP_BUYERS ? 1 + rng.nextInt(2) : 0;
    for (int i = 0; i < straps; i++) {
      long at = bought + (10 + rng.nextLong(300)) * DAY + rng.nextLong(DAY);
      if (at < limit) {
        purchases.add(new Purchase(at, WATCH_STRAP, ACCESSORIES, 1, STRAP_CENTS, salesChannel(rng)));
      }
    }
    return completed;
  }

  private static void touchpoints(long signup, long stopAll, boolean social, List<Touch> events, SplittableRandom rng) {
    if (social) {
      // the ad click comes first, minutes before the account exists
      events.add(new Touch(signup - 120 - rng.nextLong(5400), "social", SOCIAL_CLICK, null, List.of("campaign", "spring_run")));
    }
    long lifeDays = Math.max(1, (stopAll - signup) / DAY);
    int n = (int) Math.min(40, 3 + lifeDays / (15 + rng.nextLong(30)));
    for (int i = 0; i < n; i++) {
      long at = signup + 60 + rng.nextLong(Math.max(1, stopAll - signup - 60));
      int k = pickIndex(TOUCH_WEIGHTS, rng);
      if (at >= stopAll) {
        continue;
      }
      events.add(new Touch(at, TOUCH_CHANNELS[k], TOUCH_TYPES[k], null, attributes(TOUCH_TYPES[k], rng)));
    }
  }

  private static final String[] PAGES = {"/", "/watch", "/plans", "/setup", "/support", "/account"};
  private static final String[] CAMPAIGNS = {"newsletter", "spring_run", "winter_sale", "plan_reminder"};
  private static final String[] TOPICS = {"billing", "setup", "delivery", "other"};

  private static List<String> attributes(String type, SplittableRandom rng) {
    return switch (type) {
      case PAGE_VIEW -> List.of("page", PAGES[rng.nextInt(PAGES.length)]);
      case EMAIL_OPEN, EMAIL_CLICK, SOCIAL_CLICK -> List.of("campaign", CAMPAIGNS[rng.nextInt(CAMPAIGNS.length)]);
      case SUPPORT_CALL, CHAT_MESSAGE -> List.of("topic", TOPICS[rng.nextInt(TOPICS.length)]);
      default -> List.of();
    };
  }

  private static String salesChannel(SplittableRandom rng) {
    double u = rng.nextDouble();
    return u < 0.55 ? "web" : u < 0.75 ? "app" : "store";
  }

  static String pick(String[] values, double[] weights, SplittableRandom rng) {
    return values[pickIndex(weights, rng)];
  }

  static int pickIndex(double[] weights, SplittableRandom rng) {
    double u = rng.nextDouble();
    double acc = 0;
    for (int i = 0; i < weights.length - 1; i++) {
      acc += weights[i];
      if (u < acc) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
