import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails the build when a compiled test class has no surefire report with at least one test.
 *
 * <p>Why: JUnit 4-style classes (spark-testing-base's suites) are skipped without a word when the
 * vintage engine is missing, and a class whose name surefire's includes don't match is never run.
 * Both look like a green build. Run by Maven (exec plugin, phase test) as a single-file program:
 * {@code java CheckAllTestsRan.java <test-classes> <surefire-reports> <skip-flags> <test-filter>}.
 */
public class CheckAllTestsRan {
  private static final List<String> TEST_ANNOTATIONS =
      List.of(
          "Lorg/junit/jupiter/api/Test;",
          "Lorg/junit/jupiter/params/ParameterizedTest;",
          "Lorg/junit/jupiter/api/TestFactory;",
          "Lorg/junit/jupiter/api/RepeatedTest;",
          "Lorg/junit/Test;");
  private static final int ACC_ABSTRACT = 0x0400;
  private static final int ACC_INTERFACE = 0x0200;
  private static final Pattern TESTS_ATTR = Pattern.compile("<testsuite[^>]*\\stests=\"(\\d+)\"");

  public static void main(String[] args) throws IOException {
    Path classes = Path.of(args[0]);
    Path reports = Path.of(args[1]);
    String skipFlags = args.length > 2 ? args[2] : "";
    String filter = args.length > 3 ? args[3] : "";
    if (skipFlags.contains("true")) {
      System.out.println("[tests-ran] tests skipped; nothing to check");
      return;
    }
    if (!filter.isEmpty() && !filter.startsWith("${")) {
      System.out.println("[tests-ran] -Dtest=" + filter + " runs a subset; nothing to check");
      return;
    }
    if (!Files.isDirectory(classes)) {
      return;
    }
    List<String> missing = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.contains("$") || !isConcreteTestClass(file)) {
          continue;
        }
        checked++;
        Path report = reports.resolve("TEST-" + name + ".xml");
        if (!Files.exists(report)) {
          missing.add(name + " (no surefire report: no engine ran it, or its name does not match surefire's includes)");
          continue;
        }
        Matcher m = TESTS_ATTR.matcher(Files.readString(report));
        if (!m.find() || Integer.parseInt(m.group(1)) == 0) {
          missing.add(name + " (report says 0 tests ran)");
        }
      }
    }
    if (!missing.isEmpty()) {
      System.err.println("[tests-ran] these test classes were compiled but not run:");
      missing.forEach(n -> System.err.println("  " + n));
      System.err.println(
          "[tests-ran] Fix: JUnit 4-style classes need junit-vintage-engine on the test classpath;"
              + " test class names must end in Test or Tests. Run a subset with -DskipTestsRanCheck.");
      System.exit(1);
    }
    System.out.println("[tests-ran] all " + checked + " test classes in " + classes + " ran");
  }

  /** A class that is neither abstract nor an interface and mentions a test annotation. */
  private static boolean isConcreteTestClass(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (TEST_ANNOTATIONS.stream().noneMatch(text::contains)) {
      return false;
    }
    return (accessFlags(bytes) & (ACC_ABSTRACT | ACC_INTERFACE)) == 0;
  }

  /** Reads the class access flags, which follow the constant pool. */
  private static int accessFlags(byte[] bytes) throws IOException {
    try (InputStream in = new java.io.ByteArrayInputStream(bytes);
        DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // magic
      data.readUnsignedShort();
      data.readUnsignedShort();
      int count = data.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = data.readUnsignedByte();
        switch (tag) {
          case 1 -> data.skipBytes(data.readUnsignedShort());
          case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4);
          case 5, 6 -> {
            data.skipBytes(8);
            i++;
          }
          case 7, 8, 16, 19, 20 -> data.skipBytes(2);
          case 15 -> data.skipBytes(3);
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      return data.readUnsignedShort();
    }
  }
}
