package dev.faas4j.azure.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.azure.TestApp;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.trigger.CronExpression;
import dev.faas4j.trigger.InvalidTriggerException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated entry class, compiled and packaged by the official azure-functions-maven-plugin in a sample
 * project (an invoked, offline Maven build), and the function.json files it writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureEntryGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Path staging;

  @Test
  void convertsFiveFieldCronToNcrontab() {
    assertThat(AzureEntryGenerator.ncrontab(CronExpression.parse("30 2 * * *"))).isEqualTo("0 30 2 * * *");
    assertThat(AzureEntryGenerator.ncrontab(CronExpression.parse("*/5 * * JAN-MAR MON-FRI")))
        .isEqualTo("0 */5 * * 1-3 1-5");
    assertThat(AzureEntryGenerator.ncrontab(CronExpression.parse("0 0 * * 7"))).isEqualTo("0 0 0 * * 0");
    assertThat(AzureEntryGenerator.ncrontab(CronExpression.parse("0 0 * * 5-7"))).isEqualTo("0 0 0 * * 5-6,0");
    assertThat(AzureEntryGenerator.ncrontab(CronExpression.parse("@daily"))).isEqualTo("0 0 0 * * *");
    assertThat(AzureEntryGenerator.ncrontab(CronExpression.parse("0 12 ? * SUN"))).isEqualTo("0 0 12 * * 0");
    assertThatThrownBy(() -> AzureEntryGenerator.ncrontab(CronExpression.parse("0 0 1 * MON")))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("both");
  }

  @Test
  void mapsRoutesAndMethodNames() {
    assertThat(AzureEntryGenerator.azureRoute("/users/{id}")).isEqualTo("users/{id}");
    assertThat(AzureEntryGenerator.azureRoute("/files/{path+}")).isEqualTo("files/{*path}");
    HashSet<String> taken = new HashSet<>();
    assertThat(AzureEntryGenerator.methodName("get-user", taken)).isEqualTo("get_user");
    assertThat(AzureEntryGenerator.methodName("get_user", taken)).isEqualTo("get_user_2");
  }

  @Test
  void entriesBindEveryMappedMetadataAndCloudEventFunctionsGetAnEventGridTrigger() {
    String source = new AzureEntryGenerator("sample.Entries", "ANONYMOUS", "AzureWebJobsStorage",
        "ServiceBusConnection", false, name -> null).source(FunctionRegistry.of(new TestApp(), new InMemoryPlatform()));

    for (String name : java.util.List.of("Id", "DequeueCount", "InsertionTime", "ExpirationTime", "NextVisibleTime",
        "PopReceipt", "BlobTrigger", "Properties", "Metadata", "Uri", "MessageId", "DeliveryCount", "EnqueuedTimeUtc",
        "ApplicationProperties", "ContentType", "CorrelationId", "Subject", "SequenceNumber", "SessionId", "ReplyTo",
        "To", "ExpiresAtUtc")) {
      assertThat(source).as(name).contains("@BindingName(\"" + name + "\") String md" + name + ",")
          .contains("\"" + name + "\", md" + name);
    }
    assertThat(source).contains("AzureFunctions.queue(message, context,")
        .contains("AzureFunctions.blob(content, context,").contains("AzureFunctions.serviceBusTopic(message, context,")
        .contains("// Subscribe this function to Event Grid events of type Contoso.Items.ItemReceived (CloudEvents "
            + "1.0 or Event Grid schema)\n  public void itemReceived(\n      @EventGridTrigger(name = \"event\")");
  }

  @Test
  void perFunctionOptionsAzureTakesAppWideAreSpelledOutInTheGeneratedClass() {
    FunctionRegistry registry = FunctionRegistry.of((f, platform) -> {
      f.onQueueMessage("orders", dev.faas4j.trigger.Triggers.queue("orders"), (m, ctx) -> { })
          .timeout(java.time.Duration.ofMinutes(5)).maxDeliveries(3);
      f.onQueueMessage("audit", dev.faas4j.trigger.Triggers.queue("audit"), (m, ctx) -> { })
          .timeout(java.time.Duration.ofSeconds(90)).memoryMb(512);
    }, new InMemoryPlatform());
    String source = new AzureEntryGenerator("sample.Entries", "ANONYMOUS", "AzureWebJobsStorage",
        "ServiceBusConnection", false, name -> null).source(registry);

    assertThat(source).contains("host.json \"functionTimeout\": \"00:05:00\" (the longest declared timeout, of "
        + "orders").contains("orders: maxDeliveries 3 needs host.json \"extensions\": {\"queues\": "
        + "{\"maxDequeueCount\": 3}}").contains("audit: memoryMb 512 is not applied");
    assertThat(new AzureEntryGenerator("sample.Entries", "ANONYMOUS", "AzureWebJobsStorage", "ServiceBusConnection",
        false, name -> null).source(FunctionRegistry.of(new TestApp(), new InMemoryPlatform())))
        .doesNotContain("host.json");
  }

  @BeforeAll
  void packageSampleAppWithTheOfficialPlugin() throws Exception {
    Path project = Path.of("target", "azure-sample").toAbsolutePath();
    deleteTree(project);
    Files.createDirectories(project);
    FunctionRegistry registry = FunctionRegistry.of(new TestApp(), new InMemoryPlatform());
    new AzureEntryGenerator("sample.AzureEntries", "ANONYMOUS", "AzureWebJobsStorage", "ServiceBusConnection", false,
        name -> null).write(registry, project.resolve("src/main/java"));
    Path adapterJar = project.resolve("adapter-azure.jar");
    jar(Path.of("target/classes").toAbsolutePath(), adapterJar);
    Files.writeString(project.resolve("host.json"), "{\"version\":\"2.0\",\"extensionBundle\":{\"id\":"
        + "\"Microsoft.Azure.Functions.ExtensionBundle\",\"version\":\"[4.*, 5.0.0)\"}}");
    Files.writeString(project.resolve("pom.xml"), pom(adapterJar));
    Path m2 = Path.of(System.getProperty("user.home"), ".m2/repository/com/microsoft/azure/azure-functions-maven-plugin",
        System.getProperty("faas4j.azure.plugin.version", "1.26.0"));
    List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-q", "-DallowTelemetry=false", "package"));
    if (Files.isDirectory(m2)) {
      command.add(1, "-o"); // resolved before: do not spend time on unreachable repositories
    }
    Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(project.resolve("build.log").toFile()).start();
    if (!maven.waitFor(10, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      throw new AssertionError("The sample build did not finish");
    }
    assertThat(maven.exitValue()).as(Files.readString(project.resolve("build.log"))).isZero();
    staging = project.resolve("target/azure-functions/faas4j-sample");
  }

  @Test
  void httpFunctionsGetRouteMethodsAuthLevelAndReturnBinding() throws IOException {
    JsonNode echo = functionJson("echo");
    assertThat(echo.path("entryPoint").asText()).isEqualTo("sample.AzureEntries.echo");
    JsonNode trigger = echo.path("bindings").get(0);
    assertThat(trigger.path("type").asText()).isEqualTo("httpTrigger");
    assertThat(trigger.path("route").asText()).isEqualTo("echo");
    assertThat(texts(trigger.path("methods"))).containsExactly("POST");
    assertThat(trigger.path("authLevel").asText()).isEqualTo("ANONYMOUS");
    JsonNode out = echo.path("bindings").get(1);
    assertThat(out.path("type").asText()).isEqualTo("http");
    assertThat(out.path("name").asText()).isEqualTo("$return");

    JsonNode getUser = functionJson("getUser").path("bindings").get(0);
    assertThat(getUser.path("route").asText()).isEqualTo("users/{id}");
    assertThat(texts(getUser.path("methods"))).containsExactly("GET", "HEAD");
  }

  @Test
  void queueBlobEventGridTimerAndServiceBusBindings() throws IOException {
    JsonNode queue = functionJson("orders").path("bindings").get(0);
    assertThat(queue.path("type").asText()).isEqualTo("queueTrigger");
    assertThat(queue.path("queueName").asText()).isEqualTo("orders");
    assertThat(queue.path("connection").asText()).isEqualTo("AzureWebJobsStorage");
    assertThat(queue.path("dataType").asText()).isEqualTo("binary");

    JsonNode blob = functionJson("thumbnail").path("bindings").get(0);
    assertThat(blob.path("type").asText()).isEqualTo("blobTrigger");
    assertThat(blob.path("path").asText()).isEqualTo("raw-images/{name}.png");
    assertThat(blob.path("connection").asText()).isEqualTo("AzureWebJobsStorage");

    assertThat(functionJson("blobChanges").path("bindings").get(0).path("type").asText())
        .isEqualTo("eventGridTrigger");
    // a CloudEvent function gets an Event Grid trigger, never nothing
    assertThat(functionJson("itemReceived").path("bindings").get(0).path("type").asText())
        .isEqualTo("eventGridTrigger");

    JsonNode timer = functionJson("nightly").path("bindings").get(0);
    assertThat(timer.path("type").asText()).isEqualTo("timerTrigger");
    assertThat(timer.path("schedule").asText()).isEqualTo("0 30 2 * * *");

    JsonNode topic = functionJson("welcome").path("bindings").get(0);
    assertThat(topic.path("type").asText()).isEqualTo("serviceBusTrigger");
    assertThat(topic.path("topicName").asText()).isEqualTo("user-created");
    assertThat(topic.path("subscriptionName").asText()).isEqualTo("welcome");
    assertThat(topic.path("connection").asText()).isEqualTo("ServiceBusConnection");
  }

  @Test
  void everyRegisteredFunctionHasOneFunctionJson() throws IOException {
    try (Stream<Path> dirs = Files.list(staging)) {
      assertThat(dirs.filter(d -> Files.isRegularFile(d.resolve("function.json"))).map(d -> d.getFileName().toString()))
          .containsExactlyInAnyOrder("echo", "getUser", "cookies", "failing", "orders", "thumbnail", "blobChanges",
              "nightly", "welcome", "itemReceived", "recordInserted", "blobAudit");
    }
  }

  private JsonNode functionJson(String name) throws IOException {
    return JSON.readTree(staging.resolve(name).resolve("function.json").toFile());
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static String pom(Path adapterJar) {
    String library = System.getProperty("faas4j.azure.library.version", "3.2.3");
    String plugin = System.getProperty("faas4j.azure.plugin.version", "1.26.0");
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>sample</groupId><artifactId>faas4j-sample</artifactId><version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
            <dependency>
              <groupId>com.microsoft.azure.functions</groupId><artifactId>azure-functions-java-library</artifactId>
              <version>%s</version>
            </dependency>
            <dependency>
              <groupId>dev.faas4j</groupId><artifactId>adapter-azure-under-test</artifactId><version>1</version>
              <scope>system</scope><systemPath>%s</systemPath>
            </dependency>
          </dependencies>
          <build><plugins>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
            <plugin>
              <groupId>com.microsoft.azure</groupId><artifactId>azure-functions-maven-plugin</artifactId><version>%s</version>
              <configuration>
                <appName>faas4j-sample</appName><resourceGroup>rg</resourceGroup><region>westus</region>
                <runtime><os>linux</os><javaVersion>17</javaVersion></runtime>
              </configuration>
              <executions><execution><id>package-functions</id><goals><goal>package</goal></goals></execution></executions>
            </plugin>
          </plugins></build>
        </project>
        """.formatted(library, adapterJar, plugin);
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, (OutputStream) out);
        out.closeEntry();
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

}
