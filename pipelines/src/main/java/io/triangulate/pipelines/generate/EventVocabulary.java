package io.triangulate.pipelines.generate;

/** Names the generated files use; they must match docs/architecture.md "Event vocabulary". */
final class EventVocabulary {
  private EventVocabulary() {}

  static final String SPORTS_WATCH = "sports_watch";
  static final String FITNESS_PLAN = "fitness_plan";
  static final String WATCH_STRAP = "watch_strap";

  static final String WEARABLES = "wearables";
  static final String SERVICES = "services";
  static final String ACCESSORIES = "accessories";

  static final String PAGE_VIEW = "page_view";
  static final String EMAIL_OPEN = "email_open";
  static final String EMAIL_CLICK = "email_click";
  static final String STORE_VISIT = "store_visit";
  static final String SUPPORT_CALL = "support_call";
  static final String CHAT_MESSAGE = "chat_message";
  static final String SOCIAL_CLICK = "social_click";
  static final String APP_OPEN = "app_open";
  static final String SETUP_STARTED = "setup_started";
  static final String SETUP_COMPLETED = "setup_completed";
  static final String WATCH_SYNC = "watch_sync";

  /** Channel of each touchpoint type, in the same order as {@link #TOUCH_TYPES}. */
  static final String[] TOUCH_TYPES = {
    PAGE_VIEW, EMAIL_OPEN, EMAIL_CLICK, STORE_VISIT, SUPPORT_CALL, CHAT_MESSAGE, SOCIAL_CLICK, APP_OPEN
  };
  static final String[] TOUCH_CHANNELS = {"web", "email", "email", "store", "phone", "chat", "social", "app"};
  /** Relative frequency of each touchpoint type. */
  static final double[] TOUCH_WEIGHTS = {0.30, 0.18, 0.07, 0.08, 0.05, 0.06, 0.06, 0.20};

  static final String[] AGE_BANDS = {"18-24", "25-34", "35-44", "45-54", "55+"};
  static final double[] AGE_WEIGHTS = {0.13, 0.28, 0.26, 0.19, 0.14};
  static final String[] REGIONS = {"north", "south", "east", "west"};
  static final String SOCIAL = "social";
  static final String[] ACQUISITION_CHANNELS = {"search", SOCIAL, "referral", "store", "email"};
  static final double[] ACQUISITION_WEIGHTS = {0.32, 0.12, 0.14, 0.22, 0.20};

  static final String[] REASON_CODES = {"price", "competitor", "service", "moved", "other"};
  static final double[] REASON_WEIGHTS = {0.36, 0.22, 0.18, 0.10, 0.14};
  static final String[][] REASON_TEXTS = {
    {"too expensive", "price went up, not worth it", "cheaper elsewhere, sorry", "can't afford the plan"},
    {"switched to another brand", "found a better watch", "competitor offer, \"half price\""},
    {"support never called back", "setup problems, no help", "bad service"},
    {"moving abroad", "moved, no store nearby"},
    {"no longer needed", "not using it", "personal reasons"}
  };
}
