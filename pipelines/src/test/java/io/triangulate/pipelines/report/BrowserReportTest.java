package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.claims.ClaimFixtures.OBSERVED_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.claims.ClaimFixtures;
import io.triangulate.pipelines.claims.ClaimSpec;
import io.triangulate.pipelines.claims.ClaimSpecs;
import io.triangulate.pipelines.claims.ClaimValidation;
import io.triangulate.pipelines.claims.ValidationWorld;
import io.triangulate.pipelines.lake.Lake;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the rendered report in a real headless Chromium, on a laptop and on a phone viewport: the
 * page must load without console errors, request nothing beyond itself, show every claim card and
 * chart, and fit the viewport's width. Screenshots go to {@code target/browser-artifacts/} for a
 * human to look at.
 *
 * <p>Chromium is a machine prerequisite installed by {@code bin/setup}; its absence fails the test
 * (so CI cannot pass silently without it) unless {@code TRIANGULATE_SKIP_BROWSER=1}.
 */
@Tag("browser")
class BrowserReportTest extends SparkTestBase {
  @TempDir static Path dir;

  private static final Path ARTIFACTS = Paths.get("target", "browser-artifacts");

  private static List<ClaimSpec> specs;
  private static URI page;
  private static HeadlessChromium browser;
  private static Optional<Path> chromium;

  @BeforeAll
  static void renderAndLaunch() throws Exception {
    // Checked per test, not here: an aborted @BeforeAll reports no test at all, which the build's
    // all-tests-ran check would take for a class that silently ran nothing.
    chromium = HeadlessChromium.find();
    if (chromium.isEmpty()) {
      return;
    }
    specs = ClaimSpecs.loadFolder(ValidationWorld.writeClaims(dir.resolve("claims")));
    Lake lake = new Lake(dir.resolve("lake").toString());
    ClaimValidation.Results results = ClaimValidation.evaluate(spark, specs,
        ClaimFixtures.journeys(spark, ValidationWorld.journeys()),
        ClaimFixtures.transactions(spark, List.of()),
        ClaimFixtures.events(spark, List.of()),
        ClaimFixtures.interviews(spark, ValidationWorld.interviews()),
        ClaimFixtures.segments(spark, ValidationWorld.codedSegments()),
        OBSERVED_UNTIL);
    ClaimValidation.write(spark, lake, OBSERVED_UNTIL, results);
    ReportFixtures.writeAll(spark, lake);
    page = Paths.get(ReportRenderer.render(spark, lake, OBSERVED_UNTIL)).toUri();

    browser = HeadlessChromium.launch(chromium.get());
  }

  /** Fails without Chromium, so CI cannot pass without the browser tests, unless told to skip them. */
  private static void requireChromium() {
    if (chromium.isPresent()) {
      return;
    }
    String why = "Chromium not found (looked at $TRIANGULATE_CHROMIUM, else chromium, chromium-browser, "
        + "google-chrome on PATH)";
    if ("1".equals(System.getenv(HeadlessChromium.SKIP_ENV))) {
      Assumptions.abort(why + "; skipped because " + HeadlessChromium.SKIP_ENV + "=1");
    }
    Assertions.fail(why + ". Run `bin/setup` to install it (CI does), or set "
        + HeadlessChromium.SKIP_ENV + "=1 to skip the browser tests.");
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @ParameterizedTest(name = "{0} ({1}x{2})")
  @CsvSource({"desktop, 1280, 900, false", "phone, 390, 844, true"})
  void rendersCleanlyAndSelfContained(String name, int width, int height, boolean mobile) throws Exception {
    requireChromium();
    HeadlessChromium.Page tab = browser.open(width, height, mobile);
    tab.load(page);
    // Screenshot first: when an assertion below fails, the picture shows why.
    Path png = ARTIFACTS.resolve("report-" + name + "-" + width + "x" + height + ".png");
    tab.screenshot(png);
    assertThat(Files.size(png)).as("screenshot %s written", png).isPositive();

    List<String> errors = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    for (JsonNode event : tab.events()) {
      JsonNode params = event.path("params");
      switch (event.path("method").asText()) {
        case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
        case "Runtime.consoleAPICalled" -> {
          String type = params.path("type").asText();
          if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
            errors.add("console." + type + ": " + params.path("args"));
          }
        }
        case "Log.entryAdded" -> {
          JsonNode entry = params.path("entry");
          if (!entry.path("level").asText().equals("verbose") && !entry.path("level").asText().equals("info")) {
            errors.add("log " + entry.path("level").asText() + ": " + entry.path("text").asText()
                + " " + entry.path("url").asText());
          }
        }
        case "Network.requestWillBeSent" -> {
          String url = params.path("request").path("url").asText();
          if (!url.equals(page.toString())) {
            requests.add("request: " + url);
          }
        }
        case "Network.loadingFailed" -> requests.add("failed: " + params.path("errorText").asText()
            + " (" + params.path("type").asText() + ")");
        default -> { }
      }
    }
    assertThat(errors).as("console errors and warnings on %s", name).isEmpty();
    assertThat(requests).as("requests other than the page itself on %s (the page must be self-contained)", name)
        .isEmpty();

    JsonNode cards = tab.evaluate("""
        Array.from(document.querySelectorAll('.card')).map(card => {
          card.scrollIntoView();
          const box = card.getBoundingClientRect();
          const style = getComputedStyle(card);
          return {href: card.getAttribute('href'), width: box.width, height: box.height,
                  visible: style.visibility === 'visible' && style.display !== 'none' && Number(style.opacity) > 0,
                  inside: box.left >= 0 && box.right <= window.innerWidth + 0.5,
                  text: card.innerText};
        })""");
    assertThat(cards.size()).as("one summary card per claim on %s", name).isEqualTo(specs.size());
    for (JsonNode card : cards) {
      String label = card.path("href").asText();
      assertThat(card.path("visible").asBoolean()).as("card %s visible on %s", label, name).isTrue();
      assertThat(card.path("width").asDouble()).as("card %s width on %s", label, name).isGreaterThan(100);
      assertThat(card.path("height").asDouble()).as("card %s height on %s", label, name).isGreaterThan(50);
      assertThat(card.path("inside").asBoolean()).as("card %s within the viewport's width on %s", label, name).isTrue();
    }
    for (ClaimSpec spec : specs) {
      assertThat(cards.toString()).as("a card links to %s on %s", spec.id(), name).contains("#claim-" + spec.id());
    }
    for (JsonNode card : cards) {
      assertThat(card.path("text").asText()).as("card %s says what changed since the previous run on %s",
          card.path("href").asText(), name).contains("Since the previous run:");
    }
    JsonNode panels = tab.evaluate("""
        ['changes', 'journeys', 'next', 'quality'].map(id => {
          const panel = document.getElementById(id);
          const box = panel ? panel.getBoundingClientRect() : null;
          return {id: id, present: !!panel, width: box ? box.width : 0, height: box ? box.height : 0,
                  inside: box ? box.left >= 0 && box.right <= window.innerWidth + 0.5 : false};
        })""");
    for (JsonNode panel : panels) {
      String id = panel.path("id").asText();
      assertThat(panel.path("present").asBoolean()).as("section %s on %s", id, name).isTrue();
      assertThat(panel.path("height").asDouble()).as("section %s has content on %s", id, name).isGreaterThan(60);
      assertThat(panel.path("inside").asBoolean()).as("section %s within the viewport's width on %s", id, name).isTrue();
    }

    // A segment chip must look like a lone chip of its own verdict, whatever the claim around it says.
    JsonNode chips = tab.evaluate("""
        Array.from(document.querySelectorAll('td .badge')).map(chip => {
          const probe = document.createElement('span');
          probe.className = chip.className;
          document.body.appendChild(probe);
          const expected = getComputedStyle(probe).color;
          probe.remove();
          return {chip: chip.className, color: getComputedStyle(chip).color, expected: expected};
        })""");
    assertThat(chips.size()).as("segment chips on %s", name).isPositive();
    for (JsonNode chip : chips) {
      assertThat(chip.path("color").asText()).as("colour of %s on %s", chip.path("chip").asText(), name)
          .isEqualTo(chip.path("expected").asText());
    }

    JsonNode layout = tab.evaluate("""
        ({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          trends: document.querySelectorAll('figure.trend svg').length,
          charts: Array.from(document.querySelectorAll('.chart')).map(figure => {
            const svg = figure.querySelector('svg').getBoundingClientRect();
            return {width: svg.width, height: svg.height, right: figure.getBoundingClientRect().right};
          })})""");
    assertThat(layout.path("scrollWidth").asInt()).as("no horizontal scrolling on %s", name)
        .isLessThanOrEqualTo(layout.path("innerWidth").asInt());
    assertThat(layout.path("charts").size())
        .as("a segment chart per claim, Kaplan–Meier charts, the funnel and the flow on %s", name)
        .isGreaterThanOrEqualTo(specs.size() + 3);
    assertThat(layout.path("trends").asInt()).as("a trend chart for each claim with more than one run on %s"
        + " (all but half_churn, new today)", name).isEqualTo(specs.size() - 1);
    for (JsonNode chart : layout.path("charts")) {
      assertThat(chart.path("width").asDouble()).as("chart drawn with a width on %s", name).isGreaterThan(100);
      assertThat(chart.path("height").asDouble()).as("chart drawn with a height on %s", name).isGreaterThan(60);
      assertThat(chart.path("right").asDouble()).as("chart figure fits the viewport on %s (it scrolls inside)", name)
          .isLessThanOrEqualTo(width + 0.5);
    }
  }
}
