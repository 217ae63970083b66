package io.triangulate.pipelines.generate;

import io.triangulate.pipelines.stats.Proportions;

import io.triangulate.pipelines.generate.GroundTruth.PlantedClaim;
import io.triangulate.pipelines.generate.GroundTruth.SegmentRate;
import io.triangulate.pipelines.generate.OutcomeRules.Outcome;
import io.triangulate.pipelines.generate.OutcomeRules.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures the planted truths on the generated rows, customer by customer, with the exact outcome
 * definitions, and states the verdict the validate stage should reach for each demo claim.
 */
final class PlantedTruths {
  static final String WATCH_ABANDONMENT = "watch_abandonment";
  static final String EARLY_CHURN = "early_churn";
  static final String SOCIAL_EARLY_CHURN = "social_early_churn";

  static final double WATCH_P0 = 0.30;
  static final double EARLY_CHURN_P0 = 0.30;
  static final double SOCIAL_P0 = 0.20;
  static final int MIN_OBSERVED = 30;
  static final int MIN_SEGMENT_SIZE = 20;

  private final long observedUntil;
  private final Tally watch = new Tally();
  private final Map<String, Tally> watchBySetup = new TreeMap<>();
  private final Tally churn365 = new Tally();
  private final Map<String, Tally> churn365ByChannel = new TreeMap<>();
  private final Tally churn90 = new Tally();
  private final Map<String, Tally> churn90ByChannel = new TreeMap<>();

  PlantedTruths(long observedUntil) {
    this.observedUntil = observedUntil;
  }

  /** Adds one customer; returns the watch_abandonment outcome (null when no watch was bought). */
  Outcome add(CustomerLife c) {
    String channel = "acquisition_channel=" + c.acquisitionChannel();
    Outcome o365 = OutcomeRules.churnWithin(c.signedUpAt(), c.churnedAt(), 365, observedUntil);
    churn365.add(o365);
    churn365ByChannel.computeIfAbsent(channel, k -> new Tally()).add(o365);
    Outcome o90 = OutcomeRules.churnWithin(c.signedUpAt(), c.churnedAt(), 90, observedUntil);
    churn90.add(o90);
    churn90ByChannel.computeIfAbsent(channel, k -> new Tally()).add(o90);
    if (!c.boughtWatch()) {
      return null;
    }
    Outcome stops =
        OutcomeRules.usageStops(c.watchPurchasedAt(), c.lastWatchSyncAt(), 183, OutcomeRules.INACTIVITY_DAYS, observedUntil);
    watch.add(stops);
    watchBySetup.computeIfAbsent("setup_completed=" + c.setupCompleted(), k -> new Tally()).add(stops);
    return stops;
  }

  List<PlantedClaim> claims() {
    List<PlantedClaim> claims = new ArrayList<>();
    claims.add(
        claim(WATCH_ABANDONMENT, WATCH_P0, watch, null, watchBySetup,
            "share of sports_watch buyers whose usage stops within 183 days (usage_stops: anchor first"
                + " sports_watch purchase, usage events watch_sync, inactivity 60 days, observed_until"
                + " run date 00:00Z); planted ~80% without completed setup, ~18% with"));
    claims.add(
        claim(EARLY_CHURN, EARLY_CHURN_P0, churn365, null, churn365ByChannel,
            "share of customers churned within 365 days of signed_up_at (churn_within, censored when"
                + " signed_up_at + 365 days > run date and not churned)"));
    claims.add(
        claim(SOCIAL_EARLY_CHURN, SOCIAL_P0, churn90, "acquisition_channel=social", churn90ByChannel,
            "share of customers churned within 90 days of signed_up_at; planted high only for"
                + " acquisition_channel=social"));
    return claims;
  }

  private static PlantedClaim claim(
      String id, double p0, Tally base, String segment, Map<String, Tally> breakdown, String description) {
    List<SegmentRate> rates = new ArrayList<>();
    breakdown.forEach((k, t) -> rates.add(new SegmentRate(k, t.rate(), t.events(), t.observed())));
    Tally seg = segment == null ? null : breakdown.get(segment);
    String verdict = verdict(base, p0);
    if (!verdict.equals("supported") && seg != null && seg.observed() >= MIN_SEGMENT_SIZE
        && verdict(seg, p0).equals("supported")) {
      verdict = "holds_in_segments";
    }
    return new PlantedClaim(
        id, verdict, p0, base.rate(), base.events(), base.observed(), segment,
        seg == null ? null : seg.rate(), rates, description);
  }

  /** The verdict rule of docs/architecture.md for "at least p0" claims. */
  static String verdict(Tally t, double p0) {
    if (t.observed() < MIN_OBSERVED) {
      return "inconclusive";
    }
    Proportions.Interval ci = Proportions.wilson(t.events(), t.observed(), 0.95);
    if (ci.low() >= p0) {
      return "supported";
    }
    return ci.high() < p0 ? "contradicted" : "inconclusive";
  }

}
