package io.triangulate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CliTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Triangulate());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void rootHelpListsEveryStageAndTheConfigKeys() {
    Run run = run("--help");
    assertThat(run.exitCode()).isZero();
    for (String command : List.of("demo", "generate", "ingest", "code-interviews", "code-texts", "journeys", "quality-gate", "validate", "discover", "report", "nightly")) {
      assertThat(run.out()).as("root help mentions %s", command).contains(command);
    }
    assertThat(run.out()).as("config keys are documented in --help").contains("abandonment_days", "claims_dir");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "generate", "ingest", "code-interviews", "code-texts", "journeys", "quality-gate", "validate", "discover", "report", "nightly"})
  void everyCommandHasHelp(String command) {
    Run run = run(command, "--help");
    assertThat(run.exitCode()).as("%s --help exit code", command).isZero();
    assertThat(run.out()).as("%s --help shows the common options", command).contains("--lake", "--master", "--config");
  }

  @Test
  void evalCodingHasHelp() {
    Run run = run("eval-coding", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).as("eval-coding --help names its data option").contains("--data");
  }

  @Test
  void ingestHelpListsEveryAdapter() {
    Run run = run("ingest", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--adapter", "--input");
    for (var adapter : io.triangulate.pipelines.adapters.Adapters.ALL) {
      assertThat(run.out()).as("ingest --help lists adapter %s", adapter.name()).contains("  " + adapter.name() + " ");
    }
  }

  @Test
  void adapterFlagsAreCheckedBeforeSparkStarts() {
    Run noInput = run("ingest", "--adapter", "telco");
    assertThat(noInput.exitCode()).isEqualTo(2);
    assertThat(noInput.err()).contains("--adapter needs --input");
    Run noDate = run("ingest");
    assertThat(noDate.exitCode()).isEqualTo(2);
    assertThat(noDate.err()).contains("Missing required option: '--date");
  }

  @Test
  void qualityGateHelpNamesItsChecksOptionAndExitCodes() {
    Run run = run("quality-gate", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replaceAll("\\s+", " ")).as("quality-gate --help (unwrapped)")
        .contains("--checks", "--date", "3 an error-level check failed");
  }

  @Test
  void missingChecksFileIsAUserErrorBeforeSparkWork() {
    Run run = run("quality-gate", "--date", "2026-06-30", "--checks", "/nonexistent/checks.yaml", "--lake",
        System.getProperty("java.io.tmpdir") + "/triangulate-cli-test-lake");
    assertThat(run.exitCode()).as("exit code of a missing checks file").isEqualTo(2);
  }

  @Test
  void codeTextsNeedsADateAndChecksTheCodebookBeforeSparkStarts() {
    Run noDate = run("code-texts");
    assertThat(noDate.exitCode()).isEqualTo(2);
    assertThat(noDate.err()).contains("Missing required option: '--date");
    Run help = run("code-texts", "--help");
    assertThat(help.out()).as("code-texts --help").contains("--codebook", "--no-sentiment", "--sentiment-parser", "silver/coded_texts");
  }

  @Test
  void missingDateIsAClearUsageError() {
    Run run = run("nightly");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--date");
  }

  @Test
  void malformedDateSaysWhatIsExpected() {
    Run run = run("journeys", "--date", "30/06/2026");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'30/06/2026' is not a date; expected yyyy-mm-dd");
  }

  @Test
  void unknownJourneyPresetListsTheKnownOnesBeforeSparkStarts() {
    // Stage errors go to System.err (StageJob), not picocli's writer.
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    Run run;
    try {
      System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      run = run("journeys", "--date", "2026-06-30", "--preset", "nope");
    } finally {
      System.setErr(original);
    }
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .as("names the option, what was found and the presets").contains("--preset", "nope", "cdnow", "olist");
  }

  @Test
  void everyStageIsAlsoASparkSubmitMain() throws NoSuchMethodException {
    for (Class<?> job : List.of(DemoJob.class, GenerateJob.class, IngestJob.class, CodeInterviewsJob.class, CodeTextsJob.class,
        JourneysJob.class, QualityGateJob.class, ValidateJob.class, DiscoverJob.class, ReportJob.class, NightlyJob.class)) {
      assertThat(job.getMethod("main", String[].class)).as("%s has a main for spark-submit --class", job.getSimpleName()).isNotNull();
    }
  }
}
