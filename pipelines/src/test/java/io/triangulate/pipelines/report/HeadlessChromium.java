package io.triangulate.pipelines.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol, for tests only.
 *
 * <p>Why not Selenium: its client drags Guava, Netty and OpenTelemetry versions onto a test
 * classpath that already carries Spark's, and its manager downloads drivers when it cannot find
 * one. The protocol needs only the JDK's WebSocket client and Jackson; the browser is the Debian
 * package that {@code bin/setup} installs, and nothing is downloaded at run time.
 *
 * <p>The browser listens on a loopback port chosen by itself ({@code --remote-debugging-port=0},
 * read back from {@code DevToolsActivePort}), with a fresh profile that is deleted on close.
 */
final class HeadlessChromium implements AutoCloseable {
  /** Set to 1 to skip browser tests on a machine without Chromium (CI installs it). */
  static final String SKIP_ENV = "TRIANGULATE_SKIP_BROWSER";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /**
   * The Chromium executable: {@code $TRIANGULATE_CHROMIUM}; else the one {@code bin/setup} unpacked
   * under {@code .tools/} on a machine without root; else the usual Debian/Ubuntu names on PATH.
   */
  static Optional<Path> find() {
    String configured = System.getenv("TRIANGULATE_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Paths.get(configured)).filter(Files::isExecutable);
    }
    String home = System.getProperty("triangulate.home");
    if (home != null) {
      Path unpacked = Paths.get(home, ".tools", "chromium", "bin", "chromium");
      if (Files.isExecutable(unpacked)) {
        return Optional.of(unpacked);
      }
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
      for (String dir : (path + ":/usr/bin").split(":")) {
        Path candidate = Paths.get(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  static HeadlessChromium launch(Path executable) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("triangulate-chromium-");
    List<String> command = List.of(executable.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "about:blank");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(profile.resolve("chromium.log").toFile())
        .start();
    try {
      String endpoint = awaitEndpoint(process, profile);
      Listener listener = new Listener();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(TIMEOUT)
          .buildAsync(URI.create(endpoint), listener)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      HeadlessChromium browser = new HeadlessChromium(process, profile, socket);
      listener.browser = browser;
      return browser;
    } catch (Exception e) {
      process.destroyForcibly();
      String log = readQuietly(profile.resolve("chromium.log"));
      deleteQuietly(profile);
      throw new IOException("cannot start " + executable + ": " + e.getMessage() + "\n" + log, e);
    }
  }

  /** Chromium writes its port and browser path to DevToolsActivePort once it listens. */
  private static String awaitEndpoint(Process process, Path profile) throws IOException, InterruptedException {
    Path active = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(active)) {
        List<String> lines = Files.readAllLines(active);
        if (lines.size() >= 2) {
          return "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim();
        }
      }
      if (!process.isAlive()) {
        throw new IOException("Chromium exited with code " + process.exitValue());
      }
      Thread.sleep(50);
    }
    throw new IOException("Chromium did not open its DevTools port within " + TIMEOUT.toSeconds() + " s");
  }

  /** A new tab of the given viewport size, with console, log and network events recorded. */
  Page open(int width, int height, boolean mobile) throws Exception {
    String targetId = call(null, "Target.createTarget", obj("url", "about:blank")).get("targetId").asText();
    String session = call(null, "Target.attachToTarget", obj("targetId", targetId, "flatten", true))
        .get("sessionId").asText();
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      call(session, domain + ".enable", obj());
    }
    call(session, "Emulation.setDeviceMetricsOverride",
        obj("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    return new Page(session);
  }

  /** One tab; its events are those of the browser filtered by session. */
  final class Page {
    private final String session;

    private Page(String session) {
      this.session = session;
    }

    /** Navigates and waits for the load event. */
    void load(URI url) throws Exception {
      int before = events.size();
      JsonNode result = call(session, "Page.navigate", obj("url", url.toString()));
      if (result.hasNonNull("errorText")) {
        throw new IOException("navigation to " + url + " failed: " + result.get("errorText").asText());
      }
      Instant deadline = Instant.now().plus(TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        if (eventsSince(before).stream().anyMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
          return;
        }
        Thread.sleep(20);
      }
      throw new IOException("no load event for " + url + " within " + TIMEOUT.toSeconds() + " s");
    }

    /** Evaluates an expression and returns its value as JSON (objects by value). */
    JsonNode evaluate(String expression) throws Exception {
      JsonNode result = call(session, "Runtime.evaluate", obj("expression", expression, "returnByValue", true));
      if (result.has("exceptionDetails")) {
        throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
      }
      return result.path("result").path("value");
    }

    /** A PNG of the whole page, not only the viewport. */
    void screenshot(Path png) throws Exception {
      JsonNode size = call(session, "Page.getLayoutMetrics", obj()).get("cssContentSize");
      ObjectNode clip = obj("x", 0, "y", 0, "width", size.get("width").asDouble(),
          "height", size.get("height").asDouble(), "scale", 1);
      JsonNode shot = call(session, "Page.captureScreenshot",
          obj("format", "png", "captureBeyondViewport", true, "clip", clip));
      Files.createDirectories(png.getParent());
      Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** Every protocol event of this tab so far, in arrival order. */
    List<JsonNode> events() {
      synchronized (events) {
        return events.stream().filter(e -> session.equals(e.path("sessionId").asText())).toList();
      }
    }
  }

  private List<JsonNode> eventsSince(int index) {
    synchronized (events) {
      return List.copyOf(events.subList(Math.min(index, events.size()), events.size()));
    }
  }

  private JsonNode call(String session, String method, ObjectNode params) throws Exception {
    int id = nextId.incrementAndGet();
    ObjectNode message = obj("id", id, "method", method, "params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IOException(method + " failed: " + answer.get("error"));
    }
    return answer.path("result");
  }

  private void received(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
        if (reply != null) {
          reply.complete(message);
        }
      } else {
        events.add(message);
      }
    } catch (IOException e) {
      events.add(obj("method", "test.unparsableMessage", "params", obj("text", text)));
    }
  }

  private static ObjectNode obj(Object... keyValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
    }
    return node;
  }

  @Override
  public void close() {
    try {
      call(null, "Browser.close", obj());
    } catch (Exception ignored) {
      // the process is destroyed below either way
    }
    socket.abort();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteQuietly(profile);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }

  /** Collects whole text messages; frames of one message arrive in parts. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();
    private volatile HeadlessChromium browser;
    private final List<String> early = new ArrayList<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        HeadlessChromium target = browser;
        if (target == null) {
          early.add(text);
        } else {
          early.forEach(target::received);
          early.clear();
          target.received(text);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
