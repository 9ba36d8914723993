package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Assembles what would be zipped for Lambda for a small function (its classes at the root, runtime jars under
 * {@code lib/}, nothing {@code provided}) and prints its size and jar count, for the budgets the benchmarks set.
 * "slim" is a function that uses no AWS port (the SDK clients are optional dependencies); "all ports" adds S3,
 * SQS, SNS and DynamoDB with the url-connection-client. The slim package is then run in an isolated class loader to
 * show that it needs no SDK class.
 */
class LambdaPackagingTest {
  private static final Path OUT = Path.of("target", "lambda-package");

  @Test
  void slimPackageIsSmallAndRunsWithoutTheSdk() throws Exception {
    Package slim = assemble("slim", Emulators.property("faas4j.runtime.classpath.core"));
    Package full = assemble("all-ports", Emulators.property("faas4j.runtime.classpath"));

    report(slim);
    report(full);
    assertThat(slim.jars()).extracting(p -> p.getFileName().toString())
        .noneMatch(n -> n.contains("awssdk") || n.startsWith("s3-") || n.startsWith("sdk-core-2"));
    assertThat(full.jars().size()).isGreaterThan(slim.jars().size());
    assertThat(slim.faas4jJars()).hasSize(2);

    String response = invokeIsolated(slim);
    assertThat(response).contains("\"statusCode\":200").contains("hello");
  }

  /** @param faas4jJars the jars built by this project (sdk-core, this adapter), the rest are third-party */
  private record Package(String name, Path dir, Path zip, List<Path> jars, List<Path> faas4jJars) {}

  private static Package assemble(String name, Path classpathFile) throws IOException {
    Path dir = OUT.resolve(name);
    deleteTree(dir);
    Path lib = Files.createDirectories(dir.resolve("lib"));
    List<Path> jars = new ArrayList<>();
    List<Path> ours = new ArrayList<>();
    Path project = Path.of("..").toAbsolutePath().normalize();
    List<Path> entries = new ArrayList<>();
    for (String entry : Files.readString(classpathFile).trim().split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    entries.add(Path.of("target", "classes")); // this adapter, as its jar would be
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        // a reactor module (sdk-core, this adapter): jar its classes as the published jar would hold them
        String module = entry.toAbsolutePath().getParent().getParent().getFileName().toString();
        Path jar = lib.resolve("faas4j-" + module + ".jar");
        zip(entry, jar, "");
        jars.add(jar);
        ours.add(jar);
      } else {
        Path jar = lib.resolve(entry.getFileName().toString());
        Files.copy(entry, jar);
        jars.add(jar);
        if (entry.toAbsolutePath().normalize().startsWith(project)) {
          ours.add(jar);
        }
      }
    }
    // the function: one app class and its service entry, at the root as Lambda's zip layout has it
    Path classes = Path.of("target", "test-classes");
    String appPath = RuntimeClientApp.class.getName().replace('.', '/') + ".class";
    Files.createDirectories(dir.resolve(appPath).getParent());
    Files.copy(classes.resolve(appPath), dir.resolve(appPath));
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("dev.faas4j.FunctionApp"), RuntimeClientApp.class.getName() + "\n");
    Path zip = OUT.resolve(name + ".zip");
    Files.deleteIfExists(zip);
    zip(dir, zip, "");
    return new Package(name, dir, zip, jars, ours);
  }

  private static void report(Package p) throws IOException {
    long faas4j = 0;
    for (Path jar : p.faas4jJars()) {
      faas4j += Files.size(jar);
    }
    String line = String.format("Lambda package %-9s: %,d bytes zipped, %d jars (faas4j jars %,d bytes): %s",
        p.name(), Files.size(p.zip()), p.jars().size(), faas4j,
        p.jars().stream().map(j -> j.getFileName().toString()).sorted().toList());
    System.out.println(line);
    Files.writeString(OUT.resolve(p.name() + ".txt"), line + "\n");
  }

  /** Runs the slim package's handler in a class loader that sees only the package and the provided Lambda API. */
  private static String invokeIsolated(Package p) throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(p.dir().toUri().toURL());
    for (Path jar : p.jars()) {
      urls.add(jar.toUri().toURL());
    }
    urls.add(com.amazonaws.services.lambda.runtime.Context.class.getProtectionDomain().getCodeSource()
        .getLocation());
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> appType = loader.loadClass("dev.faas4j.FunctionApp");
      Class<?> platformType = loader.loadClass("dev.faas4j.Platform");
      Object app = loader.loadClass(RuntimeClientApp.class.getName()).getConstructor().newInstance();
      Object platform = loader.loadClass("dev.faas4j.aws.AwsPlatform").getMethod("fromEnvironment").invoke(null);
      Function<String, String> config = key -> null;
      Object handler = loader.loadClass("dev.faas4j.aws.LambdaHandler")
          .getConstructor(appType, platformType, Function.class).newInstance(app, platform, config);
      Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
      Object context = Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, args) ->
          switch (method.getName()) {
            case "getAwsRequestId" -> "req-package";
            case "getRemainingTimeInMillis" -> 30_000;
            case "getMemoryLimitInMB" -> 512;
            default -> null;
          });
      String event = new String(Fixtures.bytes("http-api-v2.json"), StandardCharsets.UTF_8)
          .replace("\"rawPath\": \"/echo/caf%C3%A9\"", "\"rawPath\": \"/hello/pkg\"")
          .replace("\"method\": \"POST\"", "\"method\": \"GET\"");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, contextType)
          .invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
      try {
        loader.loadClass("software.amazon.awssdk.core.SdkBytes");
        throw new AssertionError("the slim package must not contain the AWS SDK");
      } catch (ClassNotFoundException expected) {
        // as it should be
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static void zip(Path dir, Path zip, String prefix) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (f.equals(zip)) {
          continue;
        }
        out.putNextEntry(new ZipEntry(prefix + dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
