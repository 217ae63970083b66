package io.triangulate.pipelines.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Picks real customers whose own rows fit each interview storyline. Candidates are kept in small
 * reservoirs while customers stream by, so memory does not grow with the world.
 */
final class InterviewPlanner {
  private static final long DAY = CustomerSimulator.DAY;
  private static final int RESERVOIR = 40;

  /** The storylines of the panel; the mix reproduces the panel's bias (see docs/architecture.md). */
  enum Storyline {
    /** bought the watch, never finished setup, stopped, then cancelled (blames setup and price) */
    SETUP_ABANDON_CHURNED,
    /** bought the watch, never finished setup, stopped, still a customer but about to cancel */
    SETUP_ABANDON_ACTIVE,
    /** finished setup but stopped anyway (lost motivation, switched brand) */
    OTHER_ABANDON,
    /** uses the watch every day */
    HAPPY_DAILY,
    /** came through a social media ad and left within weeks */
    SOCIAL_QUICK_CHURN,
    /** fitness plan subscriber unhappy about the price rise */
    PLAN_PRICE,
    /** fallback for tiny worlds: whatever the customer's rows say, with a price complaint */
    GENERAL
  }

  /** The 18-interview panel, in the order slots are filled; longer panels repeat it. */
  static final List<Storyline> PANEL =
      List.of(
          Storyline.SETUP_ABANDON_CHURNED, Storyline.HAPPY_DAILY, Storyline.SOCIAL_QUICK_CHURN,
          Storyline.SETUP_ABANDON_ACTIVE, Storyline.OTHER_ABANDON, Storyline.SETUP_ABANDON_CHURNED,
          Storyline.PLAN_PRICE, Storyline.SOCIAL_QUICK_CHURN, Storyline.HAPPY_DAILY,
          Storyline.SETUP_ABANDON_ACTIVE, Storyline.SETUP_ABANDON_CHURNED, Storyline.SOCIAL_QUICK_CHURN,
          Storyline.OTHER_ABANDON, Storyline.HAPPY_DAILY, Storyline.SETUP_ABANDON_ACTIVE,
          Storyline.SETUP_ABANDON_CHURNED, Storyline.SOCIAL_QUICK_CHURN, Storyline.HAPPY_DAILY);

  /** What a transcript may say about its customer: facts read off the generated rows. */
  record Profile(
      String customerId,
      String acquisitionChannel,
      long signedUpAt,
      long watchPurchasedAt,
      boolean setupCompleted,
      long lastWatchSyncAt,
      boolean stoppedUsing,
      long churnedAt,
      String reasonCode,
      boolean fitnessPlanSubscriber,
      boolean sawPlanPriceRise) {

    boolean churned() {
      return churnedAt != CustomerLife.NEVER;
    }

    boolean boughtWatch() {
      return watchPurchasedAt != CustomerLife.NEVER;
    }

    long lastWatchSyncOrPurchase() {
      return lastWatchSyncAt == CustomerLife.NEVER ? watchPurchasedAt : lastWatchSyncAt;
    }

    /** Days from purchase to the last sync (or 0 when the watch never synced). */
    long daysUsed() {
      return lastWatchSyncAt == CustomerLife.NEVER ? 0 : (lastWatchSyncAt - watchPurchasedAt) / DAY;
    }
  }

  /** A chosen interviewee and the storyline to tell. */
  record Pick(Storyline storyline, Profile profile) {}

  private final long end;
  private final SplittableRandom rng;
  private final Map<Storyline, List<Profile>> pools = new EnumMap<>(Storyline.class);
  private final Map<Storyline, Integer> seen = new EnumMap<>(Storyline.class);
  private final List<Profile> anyone = new ArrayList<>();
  private int anyoneSeen;

  InterviewPlanner(long end, SplittableRandom rng) {
    this.end = end;
    this.rng = rng;
    for (Storyline s : Storyline.values()) {
      pools.put(s, new ArrayList<>());
      seen.put(s, 0);
    }
  }

  /** Offers a customer; {@code stoppedUsing} is the watch_abandonment outcome being an event. */
  void offer(CustomerLife life, boolean stoppedUsing) {
    Profile p =
        new Profile(
            life.customerId(), life.acquisitionChannel(), life.signedUpAt(), life.watchPurchasedAt(),
            life.setupCompleted(), life.lastWatchSyncAt(), stoppedUsing, life.churnedAt(), life.reasonCode(),
            life.fitnessPlanSubscriber(), life.sawPlanPriceRise());
    // every story must already have happened before the earliest interview date
    long storyDeadline = end - 60 * DAY;
    if (p.signedUpAt() < storyDeadline) {
      anyoneSeen = sample(anyone, anyoneSeen, p);
    }
    // only the social storyline draws on social sign-ups, so the panel has about four of them
    boolean social = p.acquisitionChannel().equals(EventVocabulary.SOCIAL);
    if (!social && p.boughtWatch() && p.stoppedUsing() && p.lastWatchSyncOrPurchase() < storyDeadline) {
      if (!p.setupCompleted() && p.churned() && p.churnedAt() < storyDeadline) {
        offerTo(Storyline.SETUP_ABANDON_CHURNED, p);
      } else if (!p.setupCompleted() && !p.churned()) {
        offerTo(Storyline.SETUP_ABANDON_ACTIVE, p);
      } else if (p.setupCompleted() && (!p.churned() || p.churnedAt() < storyDeadline)) {
        offerTo(Storyline.OTHER_ABANDON, p);
      }
    }
    if (!social && p.boughtWatch() && p.setupCompleted() && !p.churned() && !p.stoppedUsing()
        && p.watchPurchasedAt() < end - 150 * DAY && p.lastWatchSyncAt() != CustomerLife.NEVER
        && p.lastWatchSyncAt() >= end - 7 * DAY) {
      offerTo(Storyline.HAPPY_DAILY, p);
    }
    if (social && p.churned()
        && p.churnedAt() - p.signedUpAt() <= 60 * DAY && p.churnedAt() < storyDeadline) {
      offerTo(Storyline.SOCIAL_QUICK_CHURN, p);
    }
    if (!social && !p.boughtWatch() && p.fitnessPlanSubscriber() && p.sawPlanPriceRise() && !p.churned()
        && p.signedUpAt() < storyDeadline) {
      offerTo(Storyline.PLAN_PRICE, p);
    }
  }

  private void offerTo(Storyline s, Profile p) {
    seen.put(s, sample(pools.get(s), seen.get(s), p));
  }

  /** Reservoir sampling (algorithm R): a uniform sample whatever the stream length. */
  private int sample(List<Profile> pool, int seenSoFar, Profile p) {
    int n = seenSoFar + 1;
    if (pool.size() < RESERVOIR) {
      pool.add(p);
    } else {
      int j = rng.nextInt(n);
      if (j < RESERVOIR) {
        pool.set(j, p);
      }
    }
    return n;
  }

  /**
   * Chooses {@code count} distinct interviewees. A storyline without candidates (tiny worlds) falls
   * back to any customer; the transcript then tells what that customer's own rows say.
   */
  List<Pick> choose(int count) {
    List<Pick> picks = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Storyline s = PANEL.get(i % PANEL.size());
      Profile p = draw(pools.get(s), used);
      if (p != null) {
        used.add(p.customerId());
        picks.add(new Pick(s, p)); // the pool's entry test is the storyline's own condition
        continue;
      }
      p = draw(anyone, used);
      if (p == null && !anyone.isEmpty()) {
        p = anyone.get(rng.nextInt(anyone.size()));
      }
      if (p == null) {
        break;
      }
      used.add(p.customerId());
      picks.add(new Pick(fits(s, p) ? s : storylineOf(p), p));
    }
    return picks;
  }

  /** Whether the customer's rows tell this storyline (always true for picks from its own pool). */
  static boolean fits(Storyline s, Profile p) {
    return s == storylineOf(p) || s == Storyline.GENERAL
        || (s == Storyline.PLAN_PRICE && p.fitnessPlanSubscriber() && !p.churned())
        || (s == Storyline.SOCIAL_QUICK_CHURN && p.acquisitionChannel().equals(EventVocabulary.SOCIAL) && p.churned());
  }

  /** The storyline a customer's own rows tell best. */
  static Storyline storylineOf(Profile p) {
    if (p.boughtWatch() && p.stoppedUsing()) {
      if (p.setupCompleted()) {
        return Storyline.OTHER_ABANDON;
      }
      return p.churned() ? Storyline.SETUP_ABANDON_CHURNED : Storyline.SETUP_ABANDON_ACTIVE;
    }
    if (p.boughtWatch() && !p.churned() && p.setupCompleted() && p.lastWatchSyncAt() != CustomerLife.NEVER
        && p.lastWatchSyncAt() - p.watchPurchasedAt() > 183 * DAY) {
      return Storyline.HAPPY_DAILY;
    }
    if (p.acquisitionChannel().equals(EventVocabulary.SOCIAL) && p.churned()
        && p.churnedAt() - p.signedUpAt() <= 90 * DAY) {
      return Storyline.SOCIAL_QUICK_CHURN;
    }
    return Storyline.GENERAL;
  }

  private Profile draw(List<Profile> pool, Set<String> used) {
    List<Profile> free = new ArrayList<>();
    for (Profile p : pool) {
      if (!used.contains(p.customerId())) {
        free.add(p);
      }
    }
    return free.isEmpty() ? null : free.get(rng.nextInt(free.size()));
  }
}
