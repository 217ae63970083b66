package io.triangulate.pipelines.generate;

import java.util.List;

/**
 * Everything one synthetic customer did, in epoch seconds (UTC). Held only while that customer's
 * rows are written, so memory stays bounded however many customers the world has.
 *
 * @param churnedAt epoch seconds, or {@link #NEVER} when the customer had not left by the run date
 * @param watchPurchasedAt first {@code sports_watch} purchase, or {@link #NEVER}
 */
record CustomerLife(
    String customerId,
    long signedUpAt,
    String ageBand,
    String region,
    String acquisitionChannel,
    List<Purchase> purchases,
    List<Touch> events,
    long churnedAt,
    String reasonCode,
    String reasonText,
    long watchPurchasedAt,
    boolean setupCompleted,
    boolean fitnessPlanSubscriber,
    boolean sawPlanPriceRise) {

  static final long NEVER = Long.MAX_VALUE;

  boolean churned() {
    return churnedAt != NEVER;
  }

  boolean boughtWatch() {
    return watchPurchasedAt != NEVER;
  }

  /** Time of the last {@code watch_sync}, or {@link #NEVER} when there is none. */
  long lastWatchSyncAt() {
    long last = NEVER;
    for (Touch t : events) {
      if (t.eventType().equals(EventVocabulary.WATCH_SYNC)) {
        last = t.at();
      }
    }
    return last;
  }

  /** One transaction line. */
  record Purchase(long at, String productId, String productCategory, int quantity, long amountCents, String channel) {}

  /** One channel event; {@code attributes} alternates keys and values, in output order. */
  record Touch(long at, String channel, String eventType, String productId, List<String> attributes) {}
}
