package dev.faas4j.slf4j;

import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.logging.ClientLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.sun.net.httpserver.HttpServer;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Lines the cloud SDKs log through their own logging (the AWS SDK's and Azure SDK's SLF4J loggers, Google's HTTP
 * client through java.util.logging), emitted inside an invocation, come out as one structured line each with the
 * invocation's id and trace; outside an invocation as runtime lines.
 */
class LibraryLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TraceContext CALLER =
      TraceContext.fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger googleTransport = Logger.getLogger(HttpTransport.class.getName());
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    server.start();
    googleTransport.setLevel(Level.CONFIG); // the level at which it logs each request
  }

  @AfterEach
  void stop() {
    server.stop(0);
    googleTransport.setLevel(null);
  }

  private Dispatcher dispatcher(Runnable inside) {
    LogConfig config = LogConfig.defaults().withLevel(LogLevel.DEBUG).withFormat(LogFormat.json())
        .withSink((level, line) -> lines.add(line)).withClock(Clock.systemUTC());
    return new Dispatcher(FunctionRegistry.of((f, p) -> f.http("fn", route("GET /a"), (r, c) -> {
      inside.run();
      return HttpResponse.ok().empty();
    }), new InMemoryPlatform()), "test", config);
  }

  private void invoke(Dispatcher d, String id) {
    d.http(null, HttpRequest.builder("GET", "/a").build(),
        new Invocation(id, Instant.now().plusSeconds(30), Optional.of(CALLER)));
  }

  private List<JsonNode> linesOf(String logger) {
    return lines.stream().map(LibraryLinesTest::parse).filter(n -> n.path("logger").asText().equals(logger))
        .toList();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anAwsSdkLineIsOneStructuredLineOfTheInvocation() {
    invoke(dispatcher(() -> software.amazon.awssdk.utils.Logger.loggerFor("software.amazon.awssdk.request")
        .debug(() -> "Sending Request: DefaultSdkHttpFullRequest(httpMethod=POST)")), "inv-aws");

    JsonNode line = linesOf("software.amazon.awssdk.request").get(0);
    assertThat(linesOf("software.amazon.awssdk.request")).hasSize(1);
    assertThat(line.path("level").asText()).isEqualTo("DEBUG");
    assertThat(line.path("message").asText()).startsWith("Sending Request");
    assertThat(line.path("invocationId").asText()).isEqualTo("inv-aws");
    assertThat(line.path("function").asText()).isEqualTo("fn");
    assertThat(line.path("traceId").asText()).isEqualTo(CALLER.traceId());
  }

  @Test
  void anAzureSdkLineIsOneStructuredLineOfTheInvocation() {
    invoke(dispatcher(() -> new ClientLogger("com.azure.storage.blob.BlobClient")
        .warning("Blob upload retried {} times", 2)), "inv-azure");

    List<JsonNode> azure = linesOf("com.azure.storage.blob.BlobClient");
    assertThat(azure).hasSize(1);
    assertThat(azure.get(0).path("level").asText()).isEqualTo("WARN");
    assertThat(azure.get(0).path("message").asText()).contains("Blob upload retried 2 times");
    assertThat(azure.get(0).path("invocationId").asText()).isEqualTo("inv-azure");
  }

  @Test
  void aGoogleClientLineThroughJulIsOneStructuredLineOfTheInvocation() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/storage/v1/b";
    invoke(dispatcher(() -> {
      try {
        new NetHttpTransport().createRequestFactory().buildGetRequest(new GenericUrl(url)).execute().disconnect();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }), "inv-gcp");

    List<JsonNode> google = linesOf(HttpTransport.class.getName());
    assertThat(google).isNotEmpty();
    assertThat(google).allSatisfy(l -> assertThat(l.path("invocationId").asText()).isEqualTo("inv-gcp"));
    assertThat(google).anySatisfy(l -> assertThat(l.path("message").asText()).contains("GET " + url));
    assertThat(lines).allSatisfy(l -> assertThat(parse(l).isObject()).isTrue()); // nothing unstructured
  }

  @Test
  void outsideAnInvocationALibraryLineIsARuntimeLine() {
    dispatcher(() -> { });

    LoggerFactory.getLogger("com.example.lib").info("connected to {}", "db");
    Logger.getLogger("com.google.example").warning("quota low");

    JsonNode slf4j = linesOf("com.example.lib").get(0);
    assertThat(slf4j.path("message").asText()).isEqualTo("connected to db");
    assertThat(slf4j.has("invocationId")).isFalse();
    assertThat(linesOf("com.google.example").get(0).path("level").asText()).isEqualTo("WARN");
  }

  @Test
  void aFaas4jLineTheAzureSinkHandsToTheWorkersJulLoggerIsNotWrittenAgain() {
    dispatcher(() -> { });
    java.util.logging.LogRecord fromSink = new java.util.logging.LogRecord(Level.INFO, "{\"message\":\"x\"}");
    fromSink.setSourceClassName(JulBridge.AZURE_SINK);
    fromSink.setLoggerName("Host.Function.Console");
    java.util.logging.LogRecord fromLibrary = new java.util.logging.LogRecord(Level.INFO, "from a library");
    fromLibrary.setLoggerName("com.google.cloud");
    fromLibrary.setSourceClassName("com.google.cloud.Something");

    new JulBridge.ToStructuredLines().publish(fromSink);
    new JulBridge.ToStructuredLines().publish(fromLibrary);

    assertThat(linesOf("Host.Function.Console")).isEmpty();
    assertThat(linesOf("com.google.cloud")).hasSize(1);
  }

  @Test
  void juLevelsMapOntoFaas4jLevels() {
    assertThat(JulBridge.level(Level.SEVERE)).isEqualTo(LogLevel.ERROR);
    assertThat(JulBridge.level(Level.WARNING)).isEqualTo(LogLevel.WARN);
    assertThat(JulBridge.level(Level.INFO)).isEqualTo(LogLevel.INFO);
    assertThat(JulBridge.level(Level.FINEST)).isEqualTo(LogLevel.DEBUG);
  }
}
