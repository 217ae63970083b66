package io.triangulate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The .qdpx commands' CLI surface; their lake logic is tested in pipelines (QdaLakeTest). */
class QdaCommandsTest {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Triangulate());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new String[] {Integer.toString(cli.execute(args)), out.toString(), err.toString()};
  }

  @Test
  void bothCommandsAreListedAndHaveHelp() {
    assertThat(run("--help")[1]).contains("export-qdpx", "import-codings");
    String[] export = run("export-qdpx", "--help");
    assertThat(export[0]).isEqualTo("0");
    assertThat(export[1]).contains("--out", "--date", "--codebook", "--lake", "REFI-QDA");
    String[] imports = run("import-codings", "--help");
    assertThat(imports[0]).isEqualTo("0");
    assertThat(imports[1]).contains("--in", "--codebook", "--lake", "manual");
  }

  @Test
  void theFileIsRequired() {
    String[] export = run("export-qdpx", "--lake", "/nowhere");
    assertThat(export[0]).as("usage error, before Spark starts").isEqualTo("2");
    assertThat(export[2]).contains("Missing required option: '--out=FILE'");
    assertThat(run("import-codings")[2]).contains("Missing required option: '--in=FILE'");
  }
}
