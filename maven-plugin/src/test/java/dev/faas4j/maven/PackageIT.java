package dev.faas4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn package} wrote in the sample project (src/it/sample, built by the invoker before these tests): the
 * three clouds' artifacts, each with only its own cloud's jars, run under the real runtimes; and the Azure
 * function.json files, compared with the ones the official azure-functions-maven-plugin wrote for the same entry
 * class in the sample's last build ({@code -Pofficial}).
 */
class PackageIT {
  private static final Path SAMPLE = Path.of(System.getProperty("faas4j.it.dir", "target/it"), "sample");
  private static final Path OUT = SAMPLE.resolve("target/faas4j");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FUNCTIONS = List.of("archive", "getNote", "hello", "nightly", "putNote");

  @TempDir
  Path temp;

  @Test
  void writesEveryCloudsArtifactAndDescriptors() {
    assertThat(OUT.resolve("aws/function.zip")).isRegularFile();
    assertThat(OUT.resolve("aws/template.json")).isRegularFile();
    assertThat(OUT.resolve("gcp/function/faas4j-sample-1.jar")).isRegularFile();
    assertThat(OUT.resolve("gcp/deploy.sh")).isRegularFile().isExecutable();
    assertThat(OUT.resolve("azure/faas4j-sample-1.jar")).isRegularFile();
    assertThat(OUT.resolve("azure/host.json")).isRegularFile();
    for (String fn : FUNCTIONS) {
      assertThat(OUT.resolve("azure").resolve(fn).resolve("function.json")).isRegularFile();
    }
  }

  @Test
  void everyPublishedModuleShipsItsSources() {
    // built in this reactor before the plugin (whose own is in the tests' repository, where invoker:install put it)
    String version = System.getProperty("faas4j.version", "0.1.0-SNAPSHOT");
    for (String module : List.of("sdk-core", "adapter-local", "adapter-aws", "adapter-gcp", "adapter-azure")) {
      assertThat(Path.of("..", module, "target", module + "-" + version + "-sources.jar")).as(module).isRegularFile();
    }
    assertThat(Path.of(System.getProperty("faas4j.it.repo", "target/it-repo"), "dev/faas4j/faas4j-maven-plugin",
        version, "faas4j-maven-plugin-" + version + "-sources.jar")).isRegularFile();
  }

  @Test
  void sampleImportingFaas4jBomThenGooglesLibrariesBomPassedItsTests() throws IOException {
    // the invoked build failed otherwise; this checks its tests did run (Jackson stayed at sdk-core's version)
    String report = Files.readString(SAMPLE.resolve("target/surefire-reports/TEST-sample.SampleAppTest.xml"));
    assertThat(report).contains("tests=\"2\"").contains("failures=\"0\"").contains("errors=\"0\"");
  }

  @Test
  void lambdaZipHasTheClassesAtTheRootAndOnlyTheJarsTheAppsPortsNeedOnAws() throws IOException {
    List<String> entries = new ArrayList<>();
    try (ZipFile zip = new ZipFile(OUT.resolve("aws/function.zip").toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(entries::add);
    }
    assertThat(entries).contains("sample/SampleApp.class", "META-INF/services/dev.faas4j.FunctionApp");
    List<String> libs = entries.stream().filter(e -> e.startsWith("lib/")).map(e -> e.substring(4)).toList();
    assertThat(libs).anyMatch(l -> l.startsWith("sdk-core-")).anyMatch(l -> l.startsWith("adapter-aws-"))
        .anyMatch(l -> l.startsWith("dynamodb-")) // the key-value store
        .anyMatch(l -> l.startsWith("sqs-")) // the queue the archive function consumes
        .anyMatch(l -> l.startsWith("url-connection-client-"));
    assertOnlyCloud(libs, "aws");
    assertThat(libs).noneMatch(l -> l.startsWith("s3-") || l.startsWith("sns-")) // no bucket, no topic
        .noneMatch(l -> l.startsWith("aws-lambda-java-core")) // the Lambda runtime provides it
        .noneMatch(l -> l.contains("netty") || l.startsWith("apache-client"));
  }

  /**
   * Slimming, on by default: the zip's faas4j jars lose what the sample cannot reach (idempotency, retries, the
   * in-process test and replay helpers it never names) and keep what runs it (the run tests below use these zips);
   * {@code -Dfaas4j.slim=false} (the third build) ships the published jars byte for byte.
   */
  @Test
  void lambdaZipShipsOnlyTheFaas4jClassesTheSampleCanReachAndTheWholeJarsWhenSlimmingIsOff() throws IOException {
    String version = System.getProperty("faas4j.version", "0.1.0-SNAPSHOT");
    Path repo = Path.of(System.getProperty("faas4j.it.repo", "target/it-repo"), "dev/faas4j");
    for (String module : List.of("sdk-core", "adapter-aws")) {
      String jar = "lib/" + module + "-" + version + ".jar";
      byte[] published = Files.readAllBytes(repo.resolve(module).resolve(version).resolve(module + "-" + version
          + ".jar"));
      assertThat(nested(SAMPLE.resolve("target/faas4j-whole/aws/function.zip"), jar)).as(module).isEqualTo(published);
      byte[] shipped = nested(OUT.resolve("aws/function.zip"), jar);
      assertThat(shipped.length).as(module).isLessThan(published.length);
    }
    assertThat(nested(OUT.resolve("aws/function.zip"), "lib/sdk-core-" + version + ".jar").length)
        .isLessThan(Files.readAllBytes(repo.resolve("sdk-core").resolve(version).resolve("sdk-core-" + version
            + ".jar")).length);
    List<String> core = jarEntries(OUT.resolve("aws/function.zip"), "lib/sdk-core-" + version + ".jar");
    List<String> whole = jarEntries(SAMPLE.resolve("target/faas4j-whole/aws/function.zip"),
        "lib/sdk-core-" + version + ".jar");
    assertThat(whole).anyMatch(e -> e.startsWith("dev/faas4j/idempotency/"));
    assertThat(core).noneMatch(e -> e.startsWith("dev/faas4j/idempotency/"))
        .contains("dev/faas4j/FunctionApp.class", "dev/faas4j/port/KeyValueStore.class",
            "dev/faas4j/spi/Dispatcher.class", "META-INF/MANIFEST.MF",
            "META-INF/maven/dev.faas4j/sdk-core/pom.properties");
    List<String> aws = jarEntries(OUT.resolve("aws/function.zip"), "lib/adapter-aws-" + version + ".jar");
    assertThat(aws).contains("dev/faas4j/aws/LambdaHandler.class", "dev/faas4j/aws/DynamoDbKeyValueStore.class",
        "dev/faas4j/aws/SqsMessageQueue.class", "META-INF/maven/dev.faas4j/adapter-aws/pom.properties")
        // what needs a library the sample does not ship (META-INF/faas4j/requires.properties): no S3 or SNS SDK, no
        // org.crac; the run tests below start these zips with the SnapStart probe on (no initialization type)
        .doesNotContain("dev/faas4j/aws/S3ObjectStorage.class", "dev/faas4j/aws/SnsMessagePublisher.class",
            "dev/faas4j/aws/Priming.class", "dev/faas4j/aws/CracResource.class", "dev/faas4j/aws/SampleEvents.class",
            // what only the local runtime's replay finds (adapter-local never ships) with its service file, left
            // without a provider, and the build's files
            "dev/faas4j/aws/SqsReplayer.class", "META-INF/services/dev.faas4j.spi.WireReplayer",
            "META-INF/maven/dev.faas4j/adapter-aws/pom.xml", "META-INF/faas4j/requires.properties");
    assertThat(jarEntries(SAMPLE.resolve("target/faas4j-whole/aws/function.zip"), "lib/adapter-aws-" + version
        + ".jar")).contains("dev/faas4j/aws/S3ObjectStorage.class", "dev/faas4j/aws/Priming.class",
        "dev/faas4j/aws/SqsReplayer.class", "META-INF/services/dev.faas4j.spi.WireReplayer",
        "META-INF/maven/dev.faas4j/adapter-aws/pom.xml", "META-INF/faas4j/requires.properties");
    // the build says what it did, once per artifact
    String log = Files.readString(SAMPLE.resolve("build.log"));
    for (String cloud : List.of("aws", "gcp", "azure")) {
      assertThat(log).containsPattern("faas4j jars slimmed for " + cloud
          + ": [0-9,]+ -> [0-9,]+ bytes \\(kept [0-9]+ of [0-9]+ faas4j classes\\)");
    }
    // GCP and Azure ship the slimmed jars too (the GCP directory runs under the invoker below)
    for (Path lib : List.of(OUT.resolve("gcp/function/libs"), OUT.resolve("azure/lib"))) {
      try (JarFile jar = new JarFile(lib.resolve("sdk-core-" + version + ".jar").toFile())) {
        assertThat(jar.getEntry("dev/faas4j/FunctionApp.class")).as(lib.toString()).isNotNull();
        assertThat(jar.stream().map(ZipEntry::getName)).as(lib.toString())
            .noneMatch(e -> e.startsWith("dev/faas4j/idempotency/"));
      }
    }
  }

  /**
   * The slimmed jars carry no directory entries and their faas4j classes no line numbers (the file name stays: a frame
   * reads {@code (Dispatcher.java)}); {@code -Dfaas4j.slim=false} ships both as published. The run tests below load
   * and run these jars.
   */
  @Test
  void slimmedJarsHaveNoLineNumbersNorDirectoryEntriesAndTheWholeJarsKeepThem() throws IOException {
    String version = System.getProperty("faas4j.version", "0.1.0-SNAPSHOT");
    Path whole = SAMPLE.resolve("target/faas4j-whole/aws/function.zip");
    Map<String, String> classes = Map.of("sdk-core", "dev/faas4j/spi/Dispatcher.class",
        "adapter-aws", "dev/faas4j/aws/LambdaHandler.class");
    for (Map.Entry<String, String> module : classes.entrySet()) {
      String jar = "lib/" + module.getKey() + "-" + version + ".jar";
      assertThat(jarEntries(OUT.resolve("aws/function.zip"), jar)).as(jar).noneMatch(e -> e.endsWith("/"));
      assertThat(jarEntries(whole, jar)).as(jar).contains("META-INF/", "dev/faas4j/");
      String slimmed = SlimmingTest.javap(classIn(OUT.resolve("aws/function.zip"), jar, module.getValue()));
      String published = SlimmingTest.javap(classIn(whole, jar, module.getValue()));
      assertThat(published).contains("LineNumberTable:", "SourceFile: ");
      assertThat(slimmed).as(module.getValue()).doesNotContain("LineNumberTable:")
          .contains(published.substring(published.indexOf("SourceFile: ")).lines().findFirst().orElseThrow());
    }
  }

  /** A class file of a jar inside the zip. */
  private byte[] classIn(Path zip, String jar, String entry) throws IOException {
    Path file = temp.resolve("class-" + jar.replace('/', '_'));
    Files.write(file, nested(zip, jar));
    try (ZipFile z = new ZipFile(file.toFile())) {
      ZipEntry e = z.getEntry(entry);
      assertThat(e).as(jar + "!" + entry).isNotNull();
      try (InputStream in = z.getInputStream(e)) {
        return in.readAllBytes();
      }
    }
  }

  /** A jar inside the zip, as bytes. */
  private static byte[] nested(Path zip, String entry) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry e = z.getEntry(entry);
      assertThat(e).as(zip + "!" + entry).isNotNull();
      try (InputStream in = z.getInputStream(e)) {
        return in.readAllBytes();
      }
    }
  }

  private List<String> jarEntries(Path zip, String entry) throws IOException {
    Path jar = temp.resolve(entry.replace('/', '_'));
    Files.write(jar, nested(zip, entry));
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void gcpAndAzureShipOnlyTheirOwnCloudsJars() throws IOException {
    List<String> gcp = list(OUT.resolve("gcp/function/libs"));
    assertThat(gcp).anyMatch(l -> l.startsWith("adapter-gcp-")).anyMatch(l -> l.startsWith("google-cloud-firestore"));
    assertOnlyCloud(gcp, "gcp");
    assertThat(gcp).noneMatch(l -> l.startsWith("functions-framework-api")); // the invoker provides it

    List<String> azure = list(OUT.resolve("azure/lib"));
    assertThat(azure).anyMatch(l -> l.startsWith("adapter-azure-")).anyMatch(l -> l.startsWith("azure-data-tables"));
    assertOnlyCloud(azure, "azure");
    assertThat(azure).noneMatch(l -> l.startsWith("azure-functions-java")); // the Java worker provides it
  }

  /** The third invoked build: {@code -Dfaas4j.training=true} for GCP and Azure. */
  @Test
  void trainingShipsAnArchiveWithTheFlagsWhereGcpAndAzureTakeThem() throws IOException {
    Path trained = SAMPLE.resolve("target/faas4j-trained");
    assertThat(trained.resolve("gcp/function/faas4j.jsa")).isRegularFile();
    assertThat(Files.readString(trained.resolve("gcp/function/faas4j.jsa.jdk")))
        .contains("java.vm.version=" + System.getProperty("java.vm.version"));
    assertThat(Files.readString(trained.resolve("gcp/deploy.sh")))
        .contains(",JAVA_TOOL_OPTIONS=-XX:MaxRAM=512m -XX:MaxRAMPercentage=70 "
            + "-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=/workspace/faas4j.jsa,");
    assertThat(Files.readString(OUT.resolve("gcp/deploy.sh"))).doesNotContain("JAVA_TOOL_OPTIONS");
    assertThat(trained.resolve("azure/faas4j.jsa")).isRegularFile();
    JsonNode settings = JSON.readTree(trained.resolve("azure/local.settings.json").toFile()).get("Values");
    assertThat(settings.get("languageWorkers__java__arguments").asText())
        .isEqualTo("-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=/home/site/wwwroot/faas4j.jsa");
    assertThat(settings.get("JAVA_OPTS").asText())
        .isEqualTo("-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=/home/site/wwwroot/faas4j.jsa");
    assertThat(OUT.resolve("azure/faas4j.jsa")).doesNotExist();
  }

  @Test
  void gcpThinJarNamesItsLibsInItsManifest() throws IOException {
    try (JarFile jar = new JarFile(OUT.resolve("gcp/function/faas4j-sample-1.jar").toFile())) {
      String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
      assertThat(classPath.split(" ")).containsExactlyInAnyOrderElementsOf(
          list(OUT.resolve("gcp/function/libs")).stream().map(l -> "libs/" + l).toList());
      assertThat(jar.getEntry("sample/SampleApp.class")).isNotNull();
    }
  }

  @Test
  void perFunctionOptionsReachEveryCloudsDescriptor() throws IOException {
    JsonNode sam = JSON.readTree(OUT.resolve("aws/template.json").toFile()).path("Resources");
    assertThat(sam.path("ArchiveFunction").path("Properties").path("MemorySize").asInt()).isEqualTo(1024);
    assertThat(sam.path("ArchiveFunction").path("Properties").path("Timeout").asInt()).isEqualTo(120);
    assertThat(sam.path("ArchiveQueue").path("Properties").path("RedrivePolicy").path("maxReceiveCount").asInt())
        .isEqualTo(4);

    assertThat(Files.readString(OUT.resolve("gcp/deploy.sh")))
        .contains("deploy \"${PREFIX}-archive\" \"${DEPLOY[@]}\" \\\n  --memory=1024Mi --timeout=120s")
        .contains("(maxDeliveries 4;");

    JsonNode host = JSON.readTree(OUT.resolve("azure/host.json").toFile());
    assertThat(host.path("functionTimeout").asText()).isEqualTo("00:02:00");
    assertThat(host.path("extensions").path("queues").path("maxDequeueCount").asInt()).isEqualTo(4);
    assertThat(host.path("extensionBundle").path("id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
  }

  @Test
  void azureFunctionJsonFilesAreTheOfficialPluginsByteForByte() throws IOException {
    Path official = SAMPLE.resolve("target/azure-functions/faas4j-sample");
    List<String> theirs = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(official)) {
      dirs.filter(d -> Files.isRegularFile(d.resolve("function.json"))).forEach(d -> theirs.add(d.getFileName()
          .toString()));
    }
    assertThat(theirs).containsExactlyInAnyOrderElementsOf(FUNCTIONS);
    for (String fn : FUNCTIONS) {
      assertThat(Files.readString(OUT.resolve("azure").resolve(fn).resolve("function.json")))
          .as(fn).isEqualTo(Files.readString(official.resolve(fn).resolve("function.json")));
    }
    assertThat(OUT.resolve("azure/host.json")).hasSameTextualContentAs(official.resolve("host.json"));
  }

  @Test
  void lambdaZipAnswersAnHttpApiEventUnderTheRuntimeInterfaceClient() throws Exception {
    Path task = temp.resolve("task");
    unzip(OUT.resolve("aws/function.zip"), task);
    // what the managed java17 runtime provides besides the zip: the Runtime Interface Client and its API
    List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-cp",
        task + File.pathSeparator + task.resolve("lib") + "/*" + File.pathSeparator + runtimeJars()));
    JsonNode response = JSON.readTree(invokeLambda(task, cmd).result());
    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(response.path("body").asText()).isEqualTo("hello ann");
  }

  @Test
  void trainedLambdaZipStartsFromItsArchiveThroughItsLauncherWhereverLambdaUnpacksIt() throws Exception {
    Path trained = SAMPLE.resolve("target/faas4j-trained/aws");
    JsonNode env = JSON.readTree(trained.resolve("template.json").toFile()).path("Resources").path("HelloFunction")
        .path("Properties").path("Environment").path("Variables");
    assertThat(env.path("AWS_LAMBDA_EXEC_WRAPPER").asText()).isEqualTo("/var/task/faas4j/launch");
    // unpacked elsewhere as Lambda unpacks it (unzip keeps the modes and, in UTC, the entries' times)
    Path task = temp.resolve("var").resolve("task");
    Files.createDirectories(task);
    ProcessBuilder unzipping = new ProcessBuilder("unzip", "-q", trained.resolve("function.zip").toString(), "-d",
        task.toString()).redirectErrorStream(true).redirectOutput(temp.resolve("unzip.log").toFile());
    unzipping.environment().put("TZ", "UTC");
    Process unzip = unzipping.start();
    assertThat(unzip.waitFor(60, TimeUnit.SECONDS) && unzip.exitValue() == 0).as("unzip").isTrue();
    assertThat(task.resolve("faas4j/launch")).isExecutable();
    assertThat(task.resolve("faas4j/faas4j.jsa")).isRegularFile();
    assertThat(Files.readString(task.resolve("faas4j/faas4j.jsa.jdk")))
        .contains("java.vm.version=" + System.getProperty("java.vm.version"));
    assertThat(list(task.resolve("lib"))).anyMatch(l -> l.startsWith("aws-lambda-java-runtime-interface-client-"))
        .anyMatch(l -> l.startsWith("aws-lambda-java-core-"));

    Path classes = temp.resolve("classes.log");
    Invoked run = invokeLambda(task, wrapped(task, "-Xlog:class+load=info:file=" + classes));
    assertThat(JSON.readTree(run.result()).path("body").asText()).isEqualTo("hello ann");
    assertThat(Files.readString(classes)).contains("sample.SampleApp source: shared objects file (top)")
        .contains("dev.faas4j.aws.LambdaHandler source: shared objects file (top)");

    // one jar that is not the one the training saw: the JVM says so, and the function starts without the archive
    try (Stream<Path> jars = Files.list(task.resolve("lib"))) {
      Path jar = jars.filter(j -> j.getFileName().toString().startsWith("sdk-core-")).findFirst().orElseThrow();
      Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    }
    Path refused = temp.resolve("refused.log");
    Invoked again = invokeLambda(task, wrapped(task, "-Xlog:class+load=info:file=" + refused));
    assertThat(JSON.readTree(again.result()).path("body").asText()).isEqualTo("hello ann");
    assertThat(again.log()).contains("Unable to use shared archive");
    assertThat(Files.readString(refused)).doesNotContain("shared objects file (top)");
  }

  /** As Lambda's java17 runtime starts a function with AWS_LAMBDA_EXEC_WRAPPER: the wrapper, then its java line. */
  private static List<String> wrapped(Path task, String log) {
    return new ArrayList<>(List.of(task.resolve("faas4j/launch").toString(), java(), "-XX:MaxHeapSize=445645k",
        "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-Djava.net.preferIPv4Stack=true", log, "-classpath", runtimeJars()));
  }

  /** The Runtime Interface Client and its API from the tests' class path (the runtime's: not the zip's). */
  private static String runtimeJars() {
    return testClassPath().stream().filter(e -> e.contains("aws-lambda-java-"))
        .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
  }

  private record Invoked(String result, String log) {}

  /** One HTTP API event through {@code command} + the client's main + faas4j's handler, in the task root. */
  private Invoked invokeLambda(Path task, List<String> command) throws Exception {
    String event = """
        {"version":"2.0","routeKey":"$default","rawPath":"/hello/ann","rawQueryString":"",
         "headers":{"host":"api.example.com"},"isBase64Encoded":false,
         "requestContext":{"accountId":"123456789012","apiId":"api","domainName":"api.example.com",
           "http":{"method":"GET","path":"/hello/ann","protocol":"HTTP/1.1","sourceIp":"192.0.2.1",
             "userAgent":"test"},
           "requestId":"r-1","routeKey":"$default","stage":"$default","time":"04/Dec/2026:10:00:00 +0000",
           "timeEpoch":1796378400000}}
        """;
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(List.of("com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
        "dev.faas4j.aws.LambdaHandler::handleRequest"));
    try (FakeRuntimeApi api = new FakeRuntimeApi(event)) {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(task.toFile());
      Map<String, String> env = pb.environment();
      env.clear();
      env.put("PATH", "/usr/bin:/bin");
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("_HANDLER", "dev.faas4j.aws.LambdaHandler::handleRequest");
      env.put("LAMBDA_TASK_ROOT", task.toString());
      env.put("AWS_LAMBDA_FUNCTION_NAME", "hello");
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
      env.put("AWS_REGION", "us-east-1");
      Path log = Files.createTempFile(temp, "lambda", ".log");
      Process runtime = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        String result = api.result.get(120, TimeUnit.SECONDS);
        assertThat(result).as(Files.readString(log)).doesNotStartWith("ERROR");
        JsonNode response = JSON.readTree(result);
        assertThat(response.path("statusCode").asInt()).as(result).isEqualTo(200);
        return new Invoked(result, Files.readString(log));
      } finally {
        api.stop(); // the client exits when its Runtime API goes away
        if (!runtime.waitFor(20, TimeUnit.SECONDS)) {
          runtime.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  @Test
  void gcpFunctionDirectoryAnswersUnderTheFunctionsFrameworkInvoker() throws Exception {
    List<String> cp = testClassPath();
    String invokerJar = cp.stream().filter(e -> e.contains("java-function-invoker")).findFirst().orElseThrow();
    // LoopbackInvoker (adapter-gcp's deploy jar): the invoker's own main, listening on 127.0.0.1 only; alone in its
    // directory, so that nothing else of the tests is on the invoker's class path
    Path launcher = temp.resolve("launcher");
    Path launcherClass = launcher.resolve("dev/faas4j/gcp/deploy/LoopbackInvoker.class");
    Files.createDirectories(launcherClass.getParent());
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("dev/faas4j/gcp/deploy/LoopbackInvoker.class")) {
      Files.copy(java.util.Objects.requireNonNull(in, "LoopbackInvoker.class"), launcherClass);
    }
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-cp",
        invokerJar + File.pathSeparator + launcher, "dev.faas4j.gcp.deploy.LoopbackInvoker",
        "--classpath", OUT.resolve("gcp/function/faas4j-sample-1.jar").toString(),
        "--target", "dev.faas4j.gcp.GcpHttpFunction", "--port", Integer.toString(port));
    pb.environment().put("GOOGLE_CLOUD_PROJECT", "my-project");
    Path log = temp.resolve("invoker.log");
    Process invoker = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitListening(invoker, port, log);
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/bo")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(Files.readString(log)).isEqualTo(200);
      assertThat(response.body()).isEqualTo("hello bo");
    } finally {
      invoker.destroy();
      if (!invoker.waitFor(10, TimeUnit.SECONDS)) {
        invoker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** No jar of another cloud: names of the other clouds' SDKs and adapters, and nothing build-time only. */
  private static void assertOnlyCloud(List<String> libs, String cloud) {
    Map<String, List<String>> markers = Map.of(
        "aws", List.of("adapter-aws", "dynamodb", "sqs-", "sns-", "s3-", "aws-core", "awssdk"),
        "gcp", List.of("adapter-gcp", "google-cloud", "grpc-", "gax", "proto-google"),
        "azure", List.of("adapter-azure", "azure-core", "azure-storage", "azure-data", "azure-messaging"));
    for (Map.Entry<String, List<String>> other : markers.entrySet()) {
      if (!other.getKey().equals(cloud)) {
        for (String marker : other.getValue()) {
          assertThat(libs).as(cloud + " ships no " + other.getKey() + " jar").noneMatch(l -> l.startsWith(marker));
        }
      }
    }
    assertThat(libs).noneMatch(l -> l.startsWith("adapter-local") || l.endsWith("-deploy.jar"));
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void unzip(Path zip, Path to) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        Path target = to.resolve(e.getName()).normalize();
        assertThat(target).startsWithRaw(to);
        Files.createDirectories(target.getParent());
        try (InputStream in = z.getInputStream(e)) {
          Files.copy(in, target);
        }
      }
    }
  }

  static List<String> testClassPath() {
    return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void awaitListening(Process process, int port, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("not listening on " + port + " within 90 s:\n" + Files.readString(log));
  }
}
