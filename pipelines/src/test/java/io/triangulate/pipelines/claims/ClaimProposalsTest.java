package io.triangulate.pipelines.claims;

import static io.triangulate.pipelines.claims.ClaimFixtures.interview;
import static io.triangulate.pipelines.claims.ClaimFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.claims.ClaimProposals.Proposal;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proposed claims from interview durations, and claim specs written back as YAML. No Delta tables. */
class ClaimProposalsTest extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void abandonmentMentionedWithDurationsBecomesAWatchClaimOverTheMedianHorizon() throws IOException {
    // Panel: A-F supported, X not. Shortest abandonment per interview: D 20, A 100, B 150, C 400 days;
    // E negates it, X's language is unsupported. Exit with a duration only in A: an anecdote.
    var interviews = ClaimFixtures.interviews(spark, List.of(interview("A", true), interview("B", true), interview("C", true),
        interview("D", true), interview("E", true), interview("F", true), interview("X", false)));
    List<String> watch = List.of("product_abandonment", "setup_onboarding");
    var segments = ClaimFixtures.segments(spark, List.of(
        segment("a1", "A", "After about three months I gave up on the watch, setup was a pain.", watch, List.of(), 0.9, 100),
        segment("a2", "A", "Honestly I stopped wearing it after half a year.", List.of("product_abandonment"), List.of(), 0.8, 180),
        segment("a3", "A", "I cancelled the plan after a month.", List.of("exit"), List.of(), 0.8, 30),
        segment("b1", "B", "It took ages to pair; I quit after five months.", watch, List.of(), 0.9, 150),
        segment("c1", "C", "I kept it for over a year, then stopped.", List.of("product_abandonment"), List.of(), 0.9, 400),
        segment("d1", "D", "Three weeks in, the setup beat me and I stopped.", watch, List.of(), 0.9, 20),
        segment("e1", "E", "I never stopped using it, not even after a month.", List.of("product_abandonment"),
            List.of("product_abandonment"), 0.9, 30),
        segment("f1", "F", "I wear it every day.", List.of("usage"), List.of(), 0.9),
        segment("x1", "X", "Nach einem Monat aufgegeben.", List.of("product_abandonment"), List.of(), 0.9, 30)));

    List<Proposal> proposals = ClaimProposals.propose(interviews, segments, List.of("region"));

    assertThat(proposals).as("exit is mentioned with a duration in one interview only").hasSize(1);
    Proposal p = proposals.get(0);
    ClaimSpec spec = p.spec();
    assertThat(p.mentionedDays()).as("shortest per interview, sorted").containsExactly(20, 100, 150, 400);
    assertThat(spec.horizonDays()).as("median 100 days -> the half-year horizon").isEqualTo(183);
    assertThat(p.supportingInterviewN()).as("D, A, B within 183 days").isEqualTo(3L);
    assertThat(p.interviewN()).isEqualTo(6L);
    assertThat(spec.expectation().threshold()).as("3 of 6").isEqualTo(0.5);
    assertThat(spec.id()).isEqualTo("proposed_product_abandonment_183d");
    assertThat(spec.interviewCodes()).as("setup_onboarding in all 3 supporting interviews").containsExactly("product_abandonment", "setup_onboarding");
    assertThat(spec.outcome().type()).isEqualTo(OutcomeType.USAGE_STOPS);
    assertThat(spec.population().product()).isEqualTo("sports_watch");
    assertThat(spec.statement()).isEqualTo("At least 50% of sports-watch buyers stop using it within 183 days.");
    assertThat(p.segmentIds()).as("the sentences within the horizon, a2 (180 days) included").containsExactly("a1", "a2", "b1", "d1");

    Path file = Files.writeString(dir.resolve("p.yaml"), ClaimSpecYaml.write(spec, List.of("two", "lines\nof header")));
    ClaimSpec loaded = ClaimSpec.load(file);
    assertThat(loaded).as("the YAML loads back to the same claim")
        .usingRecursiveComparison().ignoringFields("specHash", "source").isEqualTo(spec);
    assertThat(Files.readString(file)).startsWith("# two\n# lines of header\nid: proposed_product_abandonment_183d\n");
  }

  @Test
  void everyDemoClaimSurvivesAYamlRoundTrip() throws IOException {
    Path demo = Paths.get("..", "examples", "demo", "claims");
    List<ClaimSpec> specs = ClaimSpecs.loadFolder(demo);
    for (ClaimSpec spec : specs) {
      Path file = Files.writeString(dir.resolve(spec.id() + ".yaml"), ClaimSpecYaml.write(spec, List.of()));
      assertThat(ClaimSpec.load(file).specHash()).as("same normalised spec for %s", spec.id()).isEqualTo(spec.specHash());
    }
    assertThat(specs).as("the demo has a comparison claim, so compare: is covered").anyMatch(s -> s.expectation().isComparison());
  }
}
