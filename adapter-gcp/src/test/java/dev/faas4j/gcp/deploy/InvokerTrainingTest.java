package dev.faas4j.gcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.gcp.TestApp;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionRegistry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run through the real invoker, and its archive used as the deploy script sets it
 * ({@code JAVA_TOOL_OPTIONS}) under an invoker started from another class path, as Cloud Run functions starts it.
 */
class InvokerTrainingTest {
  private static final Map<String, String> ENV = Map.of("FAAS4J_APP", TestApp.class.getName(),
      "GOOGLE_CLOUD_PROJECT", "my-project");
  @TempDir static Path temp;
  private static Path invoker;
  private static List<Path> function;
  private static InvokerTraining.Result trained;

  /** The function as deployed: its classes in a jar (the JVM archives only classes from jars), its libraries. */
  @BeforeAll
  static void train() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Arrays.asList(cp.split(File.pathSeparator));
    invoker = Path.of(entries.stream().filter(e -> e.contains("java-function-invoker")).findFirst().orElseThrow());
    Path app = temp.resolve("app.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app))) {
      for (String e : entries) {
        Path dir = Path.of(e);
        if (Files.isDirectory(dir) && !e.contains("sdk-core")) { // adapter-gcp's classes and tests
          try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
              jar.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
              Files.copy(f, jar);
            }
          }
        }
      }
    }
    function = new ArrayList<>(List.of(app));
    entries.stream().filter(e -> e.endsWith(".jar") && !e.contains("java-function-invoker")
        && !e.contains("functions-framework-api") && !e.contains("cloudevents-")).map(Path::of).forEach(function::add);
    entries.stream().filter(e -> e.contains("sdk-core") && Files.isDirectory(Path.of(e))).map(Path::of)
        .forEach(function::add);
    Path archive = temp.resolve("function/faas4j.jsa");
    trained = InvokerTraining.train(new InvokerTraining.Options(java(), invoker, function, archive,
        archive.toString(), 2, ENV, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1")));
  }

  @Test
  void trainingWritesTheArchiveAndTheJdkItWasMadeWith() throws IOException {
    assertThat(trained.archive()).isRegularFile();
    assertThat(Files.size(trained.archive())).isGreaterThan(1_000_000);
    assertThat(Files.readString(trained.jdkRecord()))
        .contains("java.vm.version=" + System.getProperty("java.vm.version"))
        .contains("java.vm.vendor=" + System.getProperty("java.vm.vendor"));
    // the function runs with the options it was trained with (C1 only, the heap), then the archive
    assertThat(trained.jvmOptions())
        .isEqualTo("-Xmx256m -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=" + trained.archive());
    // TestApp: echo's own two samples, one synthetic request per other function, twice; "fail" answers 500
    assertThat(trained.invocations()).isEqualTo(2 * (2 + FunctionRegistry.of(new TestApp(), new InMemoryPlatform()).definitions().size() - 1));
    assertThat(trained.failures()).isEqualTo(2);
  }

  @Test
  void theFunctionsClassesComeFromTheArchiveUnderTheDeployedLaunch() throws Exception {
    String log = run(trained.jvmOptions(), "classes.log");
    // the function's classes, defined by the invoker's class loader, and JDK classes beyond the JDK's own archive
    assertThat(log).contains("dev.faas4j.gcp.GcpAdapter source: shared objects file (top)")
        .contains("dev.faas4j.gcp.TestApp source: shared objects file (top)")
        .contains("dev.faas4j.spi.Dispatcher source: shared objects file (top)")
        .containsPattern("sun\\.nio\\.ch\\.\\S+ source: shared objects file \\(top\\)");
  }

  @Test
  void aTouchedJarStillStarts() throws Exception {
    Path copy = temp.resolve("touched/faas4j.jsa");
    Files.createDirectories(copy.getParent());
    Files.copy(trained.archive(), copy);
    Path jar = function.get(1);
    FileTime before = Files.getLastModifiedTime(jar);
    try {
      Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(3600)));
      assertThat(run("-XX:SharedArchiveFile=" + copy, "touched.log")).contains("TestApp source: shared objects file (top)");
    } finally {
      Files.setLastModifiedTime(jar, before);
    }
  }

  @Test
  void anArchiveOfAnotherJdkIsIgnoredAndTheFunctionStillStarts() throws Exception {
    Path other = temp.resolve("other/faas4j.jsa");
    Files.createDirectories(other.getParent());
    byte[] bytes = Files.readAllBytes(trained.archive());
    for (int i = 0; i < 64; i++) {
      bytes[i] ^= 0x5a; // not this JVM's header: what a JVM sees in another JDK build's archive
    }
    Files.write(other, bytes);
    String log = run("-XX:SharedArchiveFile=" + other, "other.log");
    assertThat(log).contains("dev.faas4j.gcp.TestApp source: file:").doesNotContain("(top)");
  }

  @Test
  void ownSamplesAreRequestsAndOtherFunctionsGetSyntheticOnes() throws IOException {
    List<InvokerTraining.Sample> round = InvokerTraining.samples(function, ENV);
    assertThat(round).filteredOn(s -> s.function().equals("echo")).extracting(InvokerTraining.Sample::path)
        .containsExactly("/echo/7", "/echo/8");
    assertThat(round).filteredOn(s -> s.function().equals("thumbnail")).singleElement()
        .satisfies(s -> assertThat(s.headers()).containsEntry("ce-type", "google.cloud.storage.object.v1.finalized"));
  }

  @Test
  void aSampleOutsideTheFunctionsPathsIsRefused() {
    ObjectMapper json = new ObjectMapper();
    for (String bad : List.of("{\"path\":\"../../etc/passwd\"}", "{\"path\":\"/a/../../etc/passwd\"}", "[1]",
        "\"/x\"")) {
      assertThatThrownBy(() -> InvokerTraining.sample("echo", json.readTree(bad), json))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("echo.json");
    }
  }

  /**
   * The invoker as Cloud Run functions starts it (its own class path; the function's jars on {@code --classpath})
   * with {@code JAVA_TOOL_OPTIONS}; answers one request and returns the class-loading log.
   */
  private static String run(String javaToolOptions, String logName) throws Exception {
    Path launcher = temp.resolve("launcher-" + logName);
    Path launcherClass = launcher.resolve(LoopbackInvoker.class.getName().replace('.', '/') + ".class");
    Files.createDirectories(launcherClass.getParent());
    try (InputStream in = LoopbackInvoker.class.getResourceAsStream("LoopbackInvoker.class")) {
      Files.copy(in, launcherClass);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path classes = temp.resolve(logName);
    ProcessBuilder pb = new ProcessBuilder(java().toString(), "-Xlog:class+load=info:file=" + classes,
        "-cp", invoker + File.pathSeparator + launcher, LoopbackInvoker.class.getName(),
        "--classpath", String.join(File.pathSeparator, function.stream().map(Path::toString).toList()),
        "--target", "dev.faas4j.gcp.GcpHttpFunction", "--port", Integer.toString(port));
    pb.environment().putAll(ENV);
    pb.environment().put("FAAS4J_FUNCTION", "echo");
    pb.environment().put("JAVA_TOOL_OPTIONS", "-Xmx256m " + javaToolOptions);
    Path out = temp.resolve("out-" + logName);
    Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo/1")).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (true) {
        assertThat(p.isAlive()).as("invoker running: %s", Files.readString(out)).isTrue();
        try {
          assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
          break;
        } catch (ConnectException e) {
          assertThat(System.nanoTime()).as("invoker listening").isLessThan(deadline);
          Thread.sleep(20);
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    return Files.readString(classes, StandardCharsets.UTF_8);
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
