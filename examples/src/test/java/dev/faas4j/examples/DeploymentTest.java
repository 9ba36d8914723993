package dev.faas4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.gcp.deploy.DeployCommands;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.ResourceInventory;
import dev.faas4j.spi.ResourceInventory.Resource;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * faas4j:package's output (target/faas4j, written at package by the faas4j Maven plugin)
 * checked against the registry it came from: every registered function, its trigger, route, queue, bucket, topic and
 * schedule, on each cloud; the artifacts hold what a function needs and nothing of the local runtime, and the
 * Lambda zip runs. Runs in the module's package phase (surefire execution {@code deployment-test}).
 */
@EnabledIfSystemProperty(named = "faas4j.deploy.built", matches = "true",
    disabledReason = "runs in the package phase, after the deploy build")
class DeploymentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEPLOY = Path.of(System.getProperty("faas4j.deploy.dir", "target/faas4j"));
  /** The generated Azure entry class (the plugin's azureEntryClass in the pom). */
  private static final String AZURE_ENTRIES = "dev.faas4j.examples.azure.AzureEntries";
  /** The thin JAR's name: the project's final name. */
  private static final String JAR = "examples-" + System.getProperty("faas4j.project.version", "0.1.0-SNAPSHOT")
      + ".jar";
  private final ResourceInventory inventory = ResourceInventory.of(new ExamplesApp());

  @Test
  void samTemplateDeclaresEveryRegisteredFunctionWithItsEvent() throws IOException {
    JsonNode template = JSON.readTree(DEPLOY.resolve("aws/template.json").toFile());
    List<String> deployed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : template.path("Resources").properties()) {
      JsonNode p = e.getValue().path("Properties");
      if (!e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
        continue;
      }
      String name = p.path("Environment").path("Variables").path("FAAS4J_FUNCTION").asText();
      deployed.add(name);
      FunctionDefinition fn = inventory.registry().find(name).orElseThrow();
      assertThat(p.path("Handler").asText()).isEqualTo("dev.faas4j.aws.LambdaHandler::handleRequest");
      assertThat(p.path("CodeUri").asText()).isEqualTo("function.zip");
      // Declared per function at registration (the thumbnailer), else SamTemplate's default.
      assertThat(p.path("MemorySize").asInt()).as(name).isEqualTo(fn.options().memoryMb().orElse(512));
      assertThat(p.path("Timeout").asInt()).as(name).isEqualTo(fn.options().timeoutSeconds(30)); // SAM's default
      JsonNode events = p.path("Events");
      if (fn.trigger() instanceof HttpRoute route) {
        for (String method : route.methods()) {
          JsonNode event = find(events, "HttpApi", "Method", method);
          assertThat(event.path("Properties").path("Path").asText()).as(name).isEqualTo(route.path());
        }
      } else if (fn.trigger() instanceof ObjectTrigger t) {
        JsonNode s3 = find(events, "S3", null, null).path("Properties");
        assertThat(s3.path("Bucket").path("Ref").asText()).isEqualTo(logicalId(t.bucket()) + "Bucket");
        assertThat(s3.path("Events").toString()).isEqualTo("[\"s3:ObjectCreated:*\"]");
      } else if (fn.trigger() instanceof QueueTrigger t) {
        JsonNode sqs = find(events, "SQS", null, null).path("Properties");
        String queue = logicalId(t.queue()) + "Queue";
        assertThat(sqs.path("Queue").path("Fn::GetAtt").get(0).asText()).isEqualTo(queue);
        assertThat(sqs.path("BatchSize").asInt()).isEqualTo(t.batchSize());
        assertThat(sqs.path("FunctionResponseTypes").get(0).asText()).isEqualTo("ReportBatchItemFailures");
        assertThat(template.path("Resources").path(queue).path("Properties").path("RedrivePolicy")
            .path("maxReceiveCount").asInt()).isEqualTo(fn.options().maxDeliveries());
      } else if (fn.trigger() instanceof TopicTrigger t) {
        assertThat(find(events, "SNS", null, null).path("Properties").path("Topic").path("Ref").asText())
            .isEqualTo(logicalId(t.topic()) + "Topic");
      } else if (fn.trigger() instanceof ScheduleTrigger) {
        assertThat(find(events, "Schedule", null, null).path("Properties").path("Schedule").asText())
            .isEqualTo("cron(0 2 * * ? *)");
      }
    }
    assertThat(deployed).containsExactlyElementsOf(names());
    for (Resource r : inventory.resources()) {
      assertThat(template.path("Resources").fieldNames()).toIterable()
          .anyMatch(id -> id.equals(logicalId(r.name()) + capitalised(r.kind().name())));
    }
    JsonNode table = template.path("Resources").path("UsersTable").path("Properties");
    assertThat(table.path("KeySchema").get(0).path("AttributeName").asText()).isEqualTo("pk");
    assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("ttl");
  }

  @Test
  void lambdaZipHoldsTheFunctionAndItsRuntimeJarsAndRuns() throws Exception {
    Path zip = DEPLOY.resolve("aws/function.zip");
    List<String> jars = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.getEntry("dev/faas4j/examples/ExamplesApp.class")).isNotNull();
      assertThat(z.getEntry("META-INF/services/dev.faas4j.FunctionApp")).isNotNull();
      assertThat(z.getEntry("dev/faas4j/examples/RunLocally.class")).isNull();
      Collections.list(z.entries()).stream().map(ZipEntry::getName).filter(n -> n.startsWith("lib/")
          && n.endsWith(".jar")).forEach(n -> jars.add(n.substring(4)));
    }
    System.out.printf("Lambda artifact %s: %,d bytes, %d jars%n", zip, Files.size(zip), jars.size());
    assertThat(jars).anyMatch(j -> j.startsWith("adapter-aws-")).anyMatch(j -> j.startsWith("sdk-core-0"))
        .anyMatch(j -> j.startsWith("jackson-core-")).anyMatch(j -> j.startsWith("dynamodb-"))
        .anyMatch(j -> j.startsWith("url-connection-client-"))
        .noneMatch(j -> j.startsWith("adapter-local") || j.startsWith("sqlite") || j.startsWith("aws-lambda-java-core")
            || j.startsWith("adapter-gcp") || j.startsWith("google-") || j.startsWith("junit")
            || j.startsWith("adapter-azure") || j.startsWith("azure-") || j.endsWith("-deploy.jar")
            || j.startsWith("netty") || j.startsWith("apache-client"));

    // Unpacked as Lambda does, on a class loader that sees only the zip and the runtime-provided Lambda API
    Path root = Files.createDirectories(DEPLOY.resolve("staging/aws-unpacked"));
    List<URL> urls = new ArrayList<>(List.of(root.toUri().toURL()));
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        Path target = root.resolve(e.getName()).normalize();
        if (!e.isDirectory()) {
          Files.createDirectories(target.getParent());
          try (InputStream in = z.getInputStream(e)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
          if (e.getName().startsWith("lib/")) {
            urls.add(target.toUri().toURL());
          }
        }
      }
    }
    // faas4j:package slims faas4j's jars to what the functions reach: these functions use idempotency
    String coreJar = jars.stream().filter(j -> j.startsWith("sdk-core-0")).findFirst().orElseThrow();
    try (ZipFile core = new ZipFile(root.resolve("lib").resolve(coreJar).toFile())) {
      assertThat(core.getEntry("dev/faas4j/idempotency/Idempotency.class")).isNotNull();
      assertThat(core.getEntry("dev/faas4j/idempotency/Ledger.class")).isNotNull();
    }
    urls.add(com.amazonaws.services.lambda.runtime.Context.class.getProtectionDomain().getCodeSource().getLocation());
    String response = invokeIsolated(urls, "{\"name\":");
    assertThat(response).contains("\"statusCode\":400").contains("Bad Request");
  }

  @Test
  void gcloudScriptDeploysEveryRegisteredFunctionWithItsTrigger() throws Exception {
    Path script = DEPLOY.resolve("gcp/deploy.sh");
    String text = Files.readString(script);
    assertThat(text.split("gcloud functions deploy ", -1)).hasSize(inventory.functions().size() + 1);
    for (FunctionDefinition fn : inventory.functions()) {
      int timeout = fn.options().timeoutSeconds(DeployCommands.DEFAULT_TIMEOUT_SECONDS);
      String deploy = "gcloud functions deploy \"${PREFIX}-" + DeployCommands.deployName(fn.name()) + "\" \"${DEPLOY[@]}\" \\\n"
          + "  --memory=" + fn.options().memoryMb().orElse(DeployCommands.DEFAULT_MEMORY_MB) + "Mi --timeout=" + timeout
          + "s --set-env-vars=\"FAAS4J_FUNCTION=" + fn.name() + ",FAAS4J_TIMEOUT_SECONDS=" + timeout
          + ",$ENV\" --set-secrets=\"$SECRETS\" \\\n  ";
      if (fn.trigger() instanceof HttpRoute) {
        assertThat(text).contains(deploy + "--trigger-http --allow-unauthenticated");
      } else if (fn.trigger() instanceof ObjectTrigger t) {
        assertThat(text).contains(deploy + "--trigger-bucket=\"${PREFIX}-" + t.bucket() + "\" --retry");
      } else if (fn.trigger() instanceof TopicTrigger t) {
        assertThat(text).contains(deploy + "--trigger-topic=\"${PREFIX}-" + t.topic() + "\" --retry");
      } else if (fn.trigger() instanceof QueueTrigger t) {
        assertThat(text).contains(deploy + "--trigger-http --no-allow-unauthenticated",
            "--topic=\"${PREFIX}-" + t.queue() + "\"", "--max-delivery-attempts=" + fn.options().maxDeliveries());
      } else if (fn.trigger() instanceof ScheduleTrigger t) {
        assertThat(text).contains(deploy + "--trigger-http --no-allow-unauthenticated",
            "--schedule=\"" + t.cron().expression() + "\" --time-zone=\"UTC\"");
      }
    }
    for (Resource r : inventory.resources()) {
      assertThat(text).contains(r.setting() + "=${PREFIX}-" + r.name());
    }
    Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void cloudFunctionsThinJarNamesEveryLibraryItShips() throws IOException {
    Path function = DEPLOY.resolve("gcp/function");
    List<String> classPath;
    try (JarFile jar = new JarFile(function.resolve(JAR).toFile())) {
      assertThat(jar.getEntry("dev/faas4j/examples/RunLocally.class")).isNull();
      assertThat(jar.getEntry("META-INF/services/dev.faas4j.FunctionApp")).isNotNull();
      classPath = List.of(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "));
    }
    long bytes = Files.size(function.resolve(JAR));
    for (String entry : classPath) {
      assertThat(function.resolve(entry)).isRegularFile();
      bytes += Files.size(function.resolve(entry));
    }
    System.out.printf("Cloud Functions artifact %s: %,d bytes, %d jars in libs/%n", function, bytes, classPath.size());
    assertThat(classPath).anyMatch(j -> j.startsWith("libs/adapter-gcp-")).anyMatch(j -> j.startsWith("libs/sdk-core-0"))
        .anyMatch(j -> j.startsWith("libs/google-cloud-firestore-"))
        .noneMatch(j -> j.contains("adapter-local") || j.contains("sqlite") || j.contains("functions-framework-api")
            || j.contains("adapter-aws") || j.contains("junit") || j.contains("awssdk") || j.contains("adapter-azure")
            || j.contains("azure-core"));
  }

  @Test
  void azureEntryClassHasOneAnnotatedMethodPerRegisteredFunction() throws IOException {
    Path source = DEPLOY.resolve("staging/azure/src/" + AZURE_ENTRIES.replace('.', '/') + ".java");
    String text = Files.readString(source);
    assertThat(text.split("@FunctionName\\(", -1)).hasSize(inventory.functions().size() + 1);
    for (FunctionDefinition fn : inventory.functions()) {
      int at = text.indexOf("@FunctionName(\"" + fn.name() + "\")");
      assertThat(at).as(fn.name()).isNotNegative();
      String method = text.substring(at, text.indexOf("\n  }\n", at));
      if (fn.trigger() instanceof HttpRoute route) {
        assertThat(method).contains("@HttpTrigger(", "route = \"" + route.path().substring(1) + "\"");
        route.methods().forEach(m -> assertThat(method).contains("HttpMethod." + m));
      } else if (fn.trigger() instanceof ObjectTrigger t) {
        assertThat(method).contains("@BlobTrigger(", "path = \"" + t.bucket() + "/{name}\"");
      } else if (fn.trigger() instanceof TopicTrigger t) {
        assertThat(method).contains("@ServiceBusTopicTrigger(", "topicName = \"" + t.topic() + "\"",
            "subscriptionName = \"" + fn.name() + "\"");
      } else if (fn.trigger() instanceof QueueTrigger t) {
        assertThat(method).contains("@QueueTrigger(", "queueName = \"" + t.queue() + "\"");
      } else if (fn.trigger() instanceof ScheduleTrigger t) {
        assertThat(method).contains("@TimerTrigger(", "schedule = \"0 " + t.cron().expression() + "\"");
      }
    }
  }

  /** The function app faas4j:package wrote: one function.json per registered function, the entry class compiled. */
  @Test
  void azureFunctionAppHasAFunctionJsonPerRegisteredFunction() throws IOException {
    Path staging = DEPLOY.resolve("azure");
    try (JarFile jar = new JarFile(staging.resolve(JAR).toFile())) {
      assertThat(jar.getEntry(AZURE_ENTRIES.replace('.', '/') + ".class")).isNotNull();
      assertThat(jar.getEntry("dev/faas4j/examples/RunLocally.class")).isNull();
    }
    try (Stream<Path> libs = Files.list(staging.resolve("lib"))) {
      assertThat(libs.map(l -> l.getFileName().toString())).anyMatch(l -> l.startsWith("adapter-azure-"))
          .noneMatch(l -> l.startsWith("adapter-aws") || l.startsWith("adapter-gcp") || l.startsWith("google-")
              || l.startsWith("azure-functions-java-library") || l.startsWith("adapter-local"));
    }
    List<String> packaged;
    try (Stream<Path> dirs = Files.list(staging)) {
      packaged = dirs.filter(d -> Files.isRegularFile(d.resolve("function.json")))
          .map(d -> d.getFileName().toString()).sorted().toList();
    }
    assertThat(packaged).containsExactlyInAnyOrderElementsOf(names());
    for (FunctionDefinition fn : inventory.functions()) {
      JsonNode json = JSON.readTree(staging.resolve(fn.name()).resolve("function.json").toFile());
      assertThat(json.path("scriptFile").asText()).isEqualTo("../" + JAR);
      assertThat(json.path("entryPoint").asText()).isEqualTo(AZURE_ENTRIES + "." + fn.name());
      JsonNode trigger = json.path("bindings").get(0);
      if (fn.trigger() instanceof HttpRoute route) {
        assertThat(trigger.path("type").asText()).isEqualTo("httpTrigger");
        assertThat(trigger.path("route").asText()).isEqualTo(route.path().substring(1));
      } else if (fn.trigger() instanceof ObjectTrigger t) {
        assertThat(trigger.path("type").asText()).isEqualTo("blobTrigger");
        assertThat(trigger.path("path").asText()).isEqualTo(t.bucket() + "/{name}");
      } else if (fn.trigger() instanceof TopicTrigger t) {
        assertThat(trigger.path("type").asText()).isEqualTo("serviceBusTrigger");
        assertThat(trigger.path("topicName").asText()).isEqualTo(t.topic());
      } else if (fn.trigger() instanceof QueueTrigger t) {
        assertThat(trigger.path("type").asText()).isEqualTo("queueTrigger");
        assertThat(trigger.path("queueName").asText()).isEqualTo(t.queue());
      } else if (fn.trigger() instanceof ScheduleTrigger t) {
        assertThat(trigger.path("type").asText()).isEqualTo("timerTrigger");
        assertThat(trigger.path("schedule").asText()).isEqualTo("0 " + t.cron().expression());
      }
    }
  }

  private List<String> names() {
    return inventory.functions().stream().map(FunctionDefinition::name).toList();
  }

  private static JsonNode find(JsonNode events, String type, String field, String value) {
    for (JsonNode e : events) {
      if (e.path("Type").asText().equals(type)
          && (field == null || e.path("Properties").path(field).asText().equals(value))) {
        return e;
      }
    }
    throw new AssertionError("No " + type + " event " + (field == null ? "" : field + "=" + value) + " in " + events);
  }

  /** As SamTemplate names resources: {@code raw-images} → {@code RawImages}. */
  private static String logicalId(String name) {
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      sb.append(capitalised(part));
    }
    return sb.toString();
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  /** createUser with malformed JSON through LambdaHandler, loaded from the unpacked zip alone. */
  private static String invokeIsolated(List<URL> urls, String body) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> appType = loader.loadClass("dev.faas4j.FunctionApp");
      Class<?> platformType = loader.loadClass("dev.faas4j.Platform");
      Function<String, String> config = Map.of("FAAS4J_FUNCTION", "createUser", "AWS_REGION", "us-east-1")::get;
      Object app = loader.loadClass(ExamplesApp.class.getName()).getConstructor().newInstance();
      Object platform = loader.loadClass("dev.faas4j.aws.AwsPlatform").getConstructor(Function.class, Clock.class)
          .newInstance(config, Clock.systemUTC());
      Object handler = loader.loadClass("dev.faas4j.aws.LambdaHandler")
          .getConstructor(appType, platformType, Function.class).newInstance(app, platform, config);
      Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
      Object context = Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, args) ->
          switch (method.getName()) {
            case "getAwsRequestId" -> "req-zip";
            case "getRemainingTimeInMillis" -> 30_000;
            case "getMemoryLimitInMB" -> 1024;
            default -> null;
          });
      String event = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/users\",\"rawQueryString\":\"\","
          + "\"headers\":{\"content-type\":\"application/json\"},\"requestContext\":{\"http\":{\"method\":\"POST\","
          + "\"path\":\"/users\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"203.0.113.9\"},\"requestId\":\"r\","
          + "\"stage\":\"$default\"},\"body\":" + JSON.writeValueAsString(body) + ",\"isBase64Encoded\":false}";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, contextType)
          .invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
