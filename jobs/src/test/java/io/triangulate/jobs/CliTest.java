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
    for (String command : List.of("demo", "generate", "ingest", "code-interviews", "journeys", "validate", "discover", "report", "nightly")) {
      assertThat(run.out()).as("root help mentions %s", command).contains(command);
    }
    assertThat(run.out()).as("config keys are documented in --help").contains("abandonment_days", "claims_dir");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "generate", "ingest", "code-interviews", "journeys", "validate", "discover", "report", "nightly"})
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
  void everyStageIsAlsoASparkSubmitMain() throws NoSuchMethodException {
    for (Class<?> job : List.of(DemoJob.class, GenerateJob.class, IngestJob.class, CodeInterviewsJob.class,
        JourneysJob.class, ValidateJob.class, DiscoverJob.class, ReportJob.class, NightlyJob.class)) {
      assertThat(job.getMethod("main", String[].class)).as("%s has a main for spark-submit --class", job.getSimpleName()).isNotNull();
    }
  }
}
