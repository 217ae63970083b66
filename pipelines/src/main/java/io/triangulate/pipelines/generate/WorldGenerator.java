package io.triangulate.pipelines.generate;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.generate.CustomerLife.Purchase;
import io.triangulate.pipelines.generate.CustomerLife.Touch;
import io.triangulate.pipelines.generate.GroundTruth.InterviewFact;
import io.triangulate.pipelines.generate.InterviewPlanner.Pick;
import io.triangulate.pipelines.generate.InterviewPlanner.Storyline;
import io.triangulate.pipelines.generate.OutcomeRules.Outcome;
import io.triangulate.pipelines.generate.TranscriptWriter.Pii;
import io.triangulate.pipelines.generate.TranscriptWriter.Transcript;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code triangulate generate}: writes a seeded synthetic world as landing files (docs/architecture.md,
 * "Landing files") and the ground truth of what it planted.
 *
 * <p>Customers are simulated one at a time, each with its own random stream split from the seed, and
 * their rows are streamed to the files; only interview candidates are kept, in small reservoirs.
 * Output never depends on hash order or the JVM's locale, so the same spec gives the same bytes.
 */
public final class WorldGenerator {
  private WorldGenerator() {}

  /** Landing sources written, in the order of docs/architecture.md. */
  public static final List<String> SOURCES = List.of("customers", "transactions", "channel_events", "churn", "interviews");
  /** Written only when {@link WorldSpec#textsPer1000()} is positive: a world without texts has no folder for them. */
  public static final String CUSTOMER_TEXTS = "customer_texts";

  static final String[] CUSTOMERS_HEADER = {"customer_id", "signed_up_at", "age_band", "region", "acquisition_channel"};
  static final String[] TRANSACTIONS_HEADER = {
    "transaction_id", "customer_id", "occurred_at", "product_id", "product_category", "quantity", "amount", "currency", "channel"
  };
  static final String[] CHURN_HEADER = {"customer_id", "churned_at", "reason_code", "reason_text"};

  private static final long DAY = CustomerSimulator.DAY;
  private static final String[] PERSONAS_ABANDON = {"lapsed runner", "busy parent", "casual walker", "new to fitness", "commuter"};
  private static final String[] PERSONAS_HAPPY = {"marathon trainee", "daily runner", "weekend cyclist", "triathlete"};
  private static final String[] PERSONAS_SOCIAL = {"impulse buyer", "student", "young professional", "social media shopper"};
  private static final String[] PERSONAS_OTHER = {"gym regular", "yoga enthusiast", "occasional user", "home workout fan"};

  /** The folder a source's files land in for a date. */
  public static Path landingDir(Path lakeRoot, String source, LocalDate date) {
    return lakeRoot.resolve("landing").resolve(source).resolve(date.toString());
  }

  /**
   * Writes the world's landing files for {@code spec.runDate()} under {@code lakeRoot}, replacing
   * any files of that date, and returns (and writes) the ground truth.
   */
  public static GroundTruth generate(WorldSpec spec, Path lakeRoot) {
    try {
      return write(spec, lakeRoot);
    } catch (IOException e) {
      throw UserError.at(lakeRoot.resolve("landing").toString())
          .problem("cannot write the synthetic world")
          .expected("a writable lake folder")
          .found(e.toString())
          .fix("check the --lake path and its permissions, and that no file blocks a landing folder")
          .cause(e)
          .build();
    }
  }

  private static GroundTruth write(WorldSpec spec, Path lakeRoot) throws IOException {
    LocalDate date = spec.runDate();
    long end = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long start = spec.historyStart().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    for (String source : SOURCES) {
      recreate(landingDir(lakeRoot, source, date));
    }
    Path textsDir = landingDir(lakeRoot, CUSTOMER_TEXTS, date);
    if (spec.textsPer1000() > 0) {
      recreate(textsDir);
    } else if (Files.exists(textsDir)) {
      recreate(textsDir);
      Files.delete(textsDir);
    }
    Path truthFile = GroundTruth.path(lakeRoot, date);
    recreate(truthFile.getParent());

    CustomerSimulator simulator = new CustomerSimulator(start, end);
    PlantedTruths truths = new PlantedTruths(end);
    InterviewPlanner planner = new InterviewPlanner(end, new SplittableRandom(spec.seed() ^ 0x5DEECE66DL));
    SplittableRandom customers = new SplittableRandom(spec.seed());
    // Own stream: the other files are the same bytes whether or not texts are written.
    CustomerTexts texts = new CustomerTexts(spec.textsPer1000(), end, new SplittableRandom(spec.seed() * 131 + 17));
    StringBuilder textLines = new StringBuilder(1 << 12);
    int idWidth = Math.max(6, Integer.toString(spec.customers()).length());
    long transactionNo = 0;
    long eventNo = 0;
    StringBuilder line = new StringBuilder(1 << 16);
    try (Writer cw = open(landingDir(lakeRoot, "customers", date).resolve("customers.csv"));
        Writer tw = open(landingDir(lakeRoot, "transactions", date).resolve("transactions.csv"));
        Writer ew = open(landingDir(lakeRoot, "channel_events", date).resolve("channel_events.jsonl"));
        Writer chw = open(landingDir(lakeRoot, "churn", date).resolve("churn.csv"));
        Writer xw = spec.textsPer1000() > 0 ? open(textsDir.resolve(CustomerTexts.FILE)) : Writer.nullWriter()) {
      cw.write(LandingFormat.csvLine(CUSTOMERS_HEADER));
      tw.write(LandingFormat.csvLine(TRANSACTIONS_HEADER));
      chw.write(LandingFormat.csvLine(CHURN_HEADER));
      for (int i = 1; i <= spec.customers(); i++) {
        CustomerLife c = simulator.simulate(LandingFormat.id("C", i, idWidth), customers.split());
        cw.write(LandingFormat.csvLine(
            c.customerId(), LandingFormat.timestamp(c.signedUpAt()), c.ageBand(), c.region(), c.acquisitionChannel()));
        for (Purchase p : c.purchases()) {
          tw.write(LandingFormat.csvLine(
              LandingFormat.id("T", ++transactionNo, 8), c.customerId(), LandingFormat.timestamp(p.at()), p.productId(),
              p.productCategory(), Integer.toString(p.quantity()), LandingFormat.amount(p.amountCents()), "EUR", p.channel()));
        }
        line.setLength(0);
        for (Touch t : c.events()) {
          LandingFormat.eventJson(
              line, LandingFormat.id("E", ++eventNo, 10), c.customerId(), t.at(), t.channel(), t.eventType(), t.productId(), t.attributes());
        }
        ew.append(line);
        if (c.churned()) {
          chw.write(LandingFormat.csvLine(c.customerId(), LandingFormat.timestamp(c.churnedAt()), c.reasonCode(), c.reasonText()));
        }
        if (spec.textsPer1000() > 0) {
          textLines.setLength(0);
          texts.write(c, textLines);
          xw.append(textLines);
        }
        Outcome watch = truths.add(c);
        planner.offer(c, watch == Outcome.EVENT);
      }
    }
    List<InterviewFact> facts = writeInterviews(spec, lakeRoot, planner.choose(spec.interviews()));
    GroundTruth truth = new GroundTruth(spec.seed(), spec.customers(), date, truths.claims(), facts);
    truth.write(truthFile);
    return truth;
  }

  private static List<InterviewFact> writeInterviews(WorldSpec spec, Path lakeRoot, List<Pick> picks) throws IOException {
    LocalDate date = spec.runDate();
    SplittableRandom rng = new SplittableRandom(spec.seed() * 31 + 7);
    // interviews happened in the two months before the run; ids follow the calendar
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; i < picks.size(); i++) {
      dates.add(date.minusDays(1 + rng.nextInt(59)));
    }
    dates.sort(Comparator.naturalOrder());
    Map<Storyline, Integer> occurrences = new EnumMap<>(Storyline.class);
    InterviewPhrases.Deck deck = new InterviewPhrases.Deck(rng);
    List<InterviewFact> facts = new ArrayList<>();
    for (int i = 0; i < picks.size(); i++) {
      Pick pick = picks.get(i);
      String id = String.format(java.util.Locale.ROOT, "INT-%02d", i + 1);
      int occurrence = occurrences.merge(pick.storyline(), 1, Integer::sum) - 1;
      Pii pii = i == 1 ? Pii.NAME : i == 6 ? Pii.EMAIL : i == 11 ? Pii.PHONE : Pii.NONE;
      String persona = persona(pick.storyline(), rng);
      Transcript t =
          TranscriptWriter.render(id, dates.get(i), persona, pick.storyline(), occurrence, pick.profile(), labels(i), pii, rng, deck);
      String file = id + ".txt";
      Files.writeString(landingDir(lakeRoot, "interviews", date).resolve(file), t.text(), StandardCharsets.UTF_8);
      facts.add(new InterviewFact(
          id, pick.profile().customerId(), dates.get(i).toString(), persona, pick.storyline().name().toLowerCase(java.util.Locale.ROOT),
          t.codes(), pii != Pii.NONE, file));
    }
    return facts;
  }

  /** Mostly Interviewer/Respondent; a few files use other labels the parser must also accept. */
  private static String[] labels(int i) {
    if (i % 7 == 3) {
      return new String[] {"Q", "R"};
    }
    if (i % 8 == 5) {
      return new String[] {"Moderator", "Interviewee"};
    }
    return new String[] {"Interviewer", "Respondent"};
  }

  private static String persona(Storyline s, SplittableRandom rng) {
    String[] choices = switch (s) {
      case SETUP_ABANDON_CHURNED, SETUP_ABANDON_ACTIVE -> PERSONAS_ABANDON;
      case HAPPY_DAILY -> PERSONAS_HAPPY;
      case SOCIAL_QUICK_CHURN -> PERSONAS_SOCIAL;
      default -> PERSONAS_OTHER;
    };
    return InterviewPhrases.pick(choices, rng);
  }

  private static Writer open(Path file) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
  }

  /** Deletes a landing folder of this date (a rerun replaces it) and creates it empty. */
  private static void recreate(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }
}
