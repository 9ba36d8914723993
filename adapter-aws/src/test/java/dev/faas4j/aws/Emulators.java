package dev.faas4j.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Starts the backends the port tests run against, on 127.0.0.1, and builds SDK clients for them. */
final class Emulators {
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private Emulators() {}

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Path property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven");
    }
    return Path.of(value);
  }

  /** dynalite in memory, on a port it picks itself; it exits when its standard input closes. */
  static Process startDynalite(int[] portOut) throws IOException {
    Path dir = property("faas4j.emulators.dir");
    String script = "const d=require('dynalite')({createTableMs:0,deleteTableMs:0,updateTableMs:0});"
        + "d.listen(0,'127.0.0.1',()=>console.log('PORT '+d.address().port));"
        + "process.stdin.on('end',()=>process.exit(0));process.stdin.resume();";
    Process p = new ProcessBuilder("node", "-e", script).directory(dir.toFile())
        .redirectError(dir.resolve("dynalite.err").toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT ")) {
      p.destroy();
      throw new IllegalStateException("dynalite did not start; see " + dir.resolve("dynalite.err"));
    }
    portOut[0] = Integer.parseInt(line.substring(5).trim());
    return p;
  }

  /**
   * S3Mock as its own JVM, both its ports on 127.0.0.1 (through {@link LoopbackS3Mock}: S3Mock binds its plain-HTTP
   * port to every interface by itself); returns once its HTTP port accepts connections.
   */
  static Process startS3Mock(int httpPort, int httpsPort, Path root) throws IOException, InterruptedException {
    Path jar = property("faas4j.s3mock.jar");
    Path log = root.resolveSibling("s3mock.log");
    Files.createDirectories(root);
    Path launcherDir = Files.createDirectories(root.resolveSibling("s3mock-launcher"));
    Path launcherClass = launcherDir.resolve(LoopbackS3Mock.class.getName().replace('.', '/') + ".class");
    Files.createDirectories(launcherClass.getParent());
    try (var in = LoopbackS3Mock.class.getResourceAsStream(LoopbackS3Mock.class.getSimpleName() + ".class")) {
      Files.copy(java.util.Objects.requireNonNull(in, "LoopbackS3Mock.class"), launcherClass,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Process p = new ProcessBuilder(java(), "-Xss1m", "-XX:TieredStopAtLevel=1", "-Dloader.path=" + launcherDir,
        "-Dloader.main=" + LoopbackS3Mock.class.getName(), "-cp", jar.toString(),
        "org.springframework.boot.loader.launch.PropertiesLauncher",
        "--server.address=" + LoopbackS3Mock.HOST, "--server.port=" + httpsPort,
        "--com.adobe.testing.s3mock.http-port=" + httpPort,
        "--com.adobe.testing.s3mock.store.root=" + root, "--spring.main.banner-mode=off")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException("S3Mock exited with " + p.exitValue() + "; see " + log);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", httpPort), 200);
        return p;
      } catch (IOException notYet) {
        p.waitFor(200, TimeUnit.MILLISECONDS);
      }
    }
    p.destroy();
    throw new IllegalStateException("S3Mock did not open port " + httpPort + " in time; see " + log);
  }

  static void stop(Process p) throws InterruptedException {
    if (p == null) {
      return;
    }
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static URI local(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  static S3Client s3(int port) {
    return S3Client.builder().endpointOverride(local(port)).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create()).forcePathStyle(true).build();
  }

  static SqsClient sqs(int port) {
    return SqsClient.builder().endpointOverride(local(port)).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  static SnsClient sns(int port) {
    return SnsClient.builder().endpointOverride(local(port)).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  static DynamoDbClient dynamoDb(int port) {
    return DynamoDbClient.builder().endpointOverride(local(port)).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
  }
}
