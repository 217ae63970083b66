package io.triangulate.pipelines.journeys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which journey phase a logged step belongs to. Phases are ordered; the order decides ties and the
 * order of {@code phases_reached}. Defaults fit the demo world; real data adapters pass their own.
 *
 * @param phases journey phases in order
 * @param eventTypePhase channel event type → phase; unknown types fall back to {@code defaultPhase}
 * @param usageEventTypes event types that count as product usage (for last usage and abandonment);
 *     {@link #PURCHASE_TOUCHPOINT} makes purchases count too, for logs where buying is the only use
 *     (CDNOW), so that abandonment means no purchase for N days
 */
public record PhaseMap(
    List<String> phases,
    Map<String, String> eventTypePhase,
    String defaultPhase,
    List<String> usageEventTypes) {

  public static final String PURCHASE = "purchase";
  public static final String LOYALTY = "loyalty";
  public static final String EXIT = "exit";
  /** The touchpoint of a transaction with a positive quantity. */
  public static final String PURCHASE_TOUCHPOINT = "purchase";

  public PhaseMap {
    phases = List.copyOf(phases);
    eventTypePhase = Map.copyOf(eventTypePhase);
    usageEventTypes = List.copyOf(usageEventTypes);
    for (String phase : eventTypePhase.values()) {
      if (!phases.contains(phase)) {
        throw new IllegalArgumentException("phase " + phase + " is not one of " + phases);
      }
    }
    if (!phases.contains(defaultPhase) || !phases.containsAll(List.of(PURCHASE, LOYALTY, EXIT))) {
      throw new IllegalArgumentException("phases must include " + defaultPhase + ", purchase, loyalty and exit");
    }
  }

  /** Defaults for a real-data adapter's logs, or the demo's: see {@link JourneyPreset}. */
  public static PhaseMap forAdapter(String adapter) {
    return JourneyPreset.named(adapter).phases();
  }

  /** The customer-journey phases of the default codebook and the demo world's event types. */
  public static PhaseMap defaults() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("social_click", "awareness");
    map.put("email_open", "awareness");
    map.put("page_view", "consideration");
    map.put("email_click", "consideration");
    map.put("store_visit", "consideration");
    map.put("setup_started", "onboarding");
    map.put("setup_completed", "onboarding");
    map.put("app_open", "usage");
    map.put("watch_sync", "usage");
    map.put("support_call", "support");
    map.put("chat_message", "support");
    return new PhaseMap(
        List.of("awareness", "consideration", "purchase", "onboarding", "usage", "support", "loyalty", "exit"),
        map,
        "consideration",
        List.of("watch_sync", "app_open"));
  }

  /** 1-based rank of a phase in journey order. */
  public int rank(String phase) {
    return phases.indexOf(phase) + 1;
  }
}
