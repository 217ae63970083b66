package io.triangulate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build guard that fails when a compiled test class was not run (build-support/CheckAllTestsRan.java). */
class TestsRanGuardTest {
  @TempDir Path dir;

  private record Result(int exitCode, String output) {}

  private Result runGuard(Path classes, Path reports) throws IOException, InterruptedException {
    Path script = Path.of(System.getProperty("triangulate.home", "..")).resolve("build-support/CheckAllTestsRan.java");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                script.toString(), classes.toString(), reports.toString(), "", "")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private Path compiledTestClass() throws IOException {
    Path classes = dir.resolve("classes");
    Path target = classes.resolve("io/triangulate/jobs/TestsRanGuardTest.class");
    Files.createDirectories(target.getParent());
    Files.copy(Path.of(System.getProperty("user.dir"), "target/test-classes/io/triangulate/jobs/TestsRanGuardTest.class"), target);
    return classes;
  }

  @Test
  void failsWhenATestClassHasNoReport() throws Exception {
    Path reports = Files.createDirectories(dir.resolve("reports"));
    Result result = runGuard(compiledTestClass(), reports);
    assertThat(result.exitCode()).as("guard exit code; output: %s", result.output()).isEqualTo(1);
    assertThat(result.output()).as("names the class that did not run").contains("io.triangulate.jobs.TestsRanGuardTest");
  }

  @Test
  void failsWhenTheReportCountsNoTests() throws Exception {
    Path reports = Files.createDirectories(dir.resolve("reports"));
    Files.writeString(reports.resolve("TEST-io.triangulate.jobs.TestsRanGuardTest.xml"), "<testsuite name=\"x\" tests=\"0\"></testsuite>");
    Result result = runGuard(compiledTestClass(), reports);
    assertThat(result.exitCode()).as("guard exit code; output: %s", result.output()).isEqualTo(1);
    assertThat(result.output()).contains("0 tests ran");
  }

  @Test
  void passesWhenEveryTestClassRan() throws Exception {
    Path reports = Files.createDirectories(dir.resolve("reports"));
    Files.writeString(reports.resolve("TEST-io.triangulate.jobs.TestsRanGuardTest.xml"), "<testsuite name=\"x\" tests=\"3\"></testsuite>");
    Result result = runGuard(compiledTestClass(), reports);
    assertThat(result.exitCode()).as("guard exit code; output: %s", result.output()).isZero();
  }
}
