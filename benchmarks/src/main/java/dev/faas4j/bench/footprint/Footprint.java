package dev.faas4j.bench.footprint;

import static dev.faas4j.bench.Stats.f;

import dev.faas4j.bench.Flags;
import dev.faas4j.bench.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds Lambda deployment zips the way Lambda's Java runtime reads them (function classes at the root, runtime
 * jars under {@code lib/}, nothing that is {@code provided} by the runtime: not {@code aws-lambda-java-core}, not the
 * RIC) and reports their size, their jar count and the faas4j part (sdk-core + adapter-aws).
 *
 * <ul>
 *   <li>{@code greet}: the one-function HTTP app of the cold-start runs (faas4j, Jackson, the function);
 *   <li>{@code users}: the {@code examples} Users API, which keeps users in a {@code KeyValueStore}, so on Lambda it
 *       also ships the AWS SDK's DynamoDB client with the URL-connection HTTP client (resolved with Maven into
 *       {@code target/footprint/sdk}, as adapter-aws documents).
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.footprint.Footprint [--no-sdk]
 * </pre>
 */
public final class Footprint {
  static final String AWS_SDK_VERSION = "2.57.8";
  static final long BUDGET_BYTES = 300_000;

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = Flags.parse(args);
    Layout layout = Layout.find();
    Path out = Files.createDirectories(layout.target().resolve("footprint"));
    Path core = layout.lib("sdk-core");
    Path adapter = layout.lib("adapter-aws");
    if (!Layout.jarHas(adapter, "dev.faas4j.aws.LambdaHandler")) {
      System.out.println("NOTE: adapter-aws has not landed in this build; its jar is an empty placeholder");
    }
    List<Path> faas4j = List.of(core, adapter);
    List<Path> jackson = layout.jackson();

    System.out.println("## Footprint of Lambda deployment zips");
    System.out.println("\n| artifact | bytes | KB |");
    System.out.println("|---|---:|---:|");
    long faas4jBytes = 0;
    for (Path p : faas4j) {
      faas4jBytes += Files.size(p);
      row(p.getFileName().toString(), Files.size(p));
    }
    row("**faas4j part (sdk-core + adapter-aws)**", faas4jBytes);
    long jacksonBytes = 0;
    for (Path p : jackson) {
      jacksonBytes += Files.size(p);
    }
    row("Jackson (databind, core, annotations)", jacksonBytes);
    System.out.println(f("%nfaas4j part: %,d bytes, budget < %,d bytes: %s", faas4jBytes, BUDGET_BYTES,
        faas4jBytes < BUDGET_BYTES ? "MET" : "MISSED"));

    System.out.println("\n| function | zip bytes | unzipped bytes | jars in lib/ | faas4j share of zip |");
    System.out.println("|---|---:|---:|---:|---:|");
    List<Path> greetLibs = concat(faas4j, jackson);
    zip("greet (HTTP only)", out.resolve("greet-lambda.zip"), layout.functionJar("fn-faas4j"), greetLibs, faas4j);

    List<Path> baselineLibs = jackson;
    zip("hand-written greet handler (Jackson only)", out.resolve("baseline-lambda.zip"),
        layout.functionJar("fn-baseline"), baselineLibs, List.of());

    if (!flags.containsKey("no-sdk")) {
      List<Path> sdk = resolveSdk(out.resolve("sdk"));
      zip("users example (+ DynamoDB SDK client)", out.resolve("users-lambda.zip"), layout.lib("examples"),
          concat(greetLibs, sdk), faas4j);
      long sdkBytes = 0;
      for (Path p : sdk) {
        sdkBytes += Files.size(p);
      }
      System.out.println(f("%nAWS SDK DynamoDB client + url-connection-client %s: %d jars, %,d bytes", AWS_SDK_VERSION,
          sdk.size(), sdkBytes));
    }
    System.out.println("\nzips in " + out);
  }

  private static void row(String name, long bytes) {
    System.out.println(f("| %s | %,d | %.1f |", name, bytes, bytes / 1000.0));
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Function classes at the zip's root, libraries under lib/. */
  private static void zip(String name, Path zip, Path functionJar, List<Path> libs, List<Path> faas4j)
      throws IOException {
    long unzipped = 0;
    try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(file)) {
      try (JarFile jar = new JarFile(functionJar.toFile())) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          if (e.isDirectory() || e.getName().startsWith("META-INF/maven/") || e.getName().equals("META-INF/MANIFEST.MF")) {
            continue;
          }
          z.putNextEntry(new ZipEntry(e.getName()));
          try (InputStream in = jar.getInputStream(e)) {
            unzipped += in.transferTo(z);
          }
          z.closeEntry();
        }
      }
      for (Path lib : libs) {
        z.putNextEntry(new ZipEntry("lib/" + lib.getFileName()));
        unzipped += Files.copy(lib, z);
        z.closeEntry();
      }
    }
    long faas4jBytes = 0;
    for (Path p : faas4j) {
      faas4jBytes += Files.size(p);
    }
    long size = Files.size(zip);
    System.out.println(f("| %s | %,d | %,d | %d | %s |", name, size, unzipped, libs.size(),
        faas4j.isEmpty() ? "-" : f("%.0f %% of unzipped", 100.0 * faas4jBytes / unzipped)));
  }

  /** The DynamoDB client closure, with the exclusions adapter-aws recommends, via Maven. */
  private static List<Path> resolveSdk(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path pom = dir.resolve("pom.xml");
    String exclusions = Stream.of("netty-nio-client", "apache-client", "apache5-client")
        .map(a -> "<exclusion><groupId>software.amazon.awssdk</groupId><artifactId>" + a + "</artifactId></exclusion>")
        .reduce("", String::concat);
    Files.writeString(pom, """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>bench</groupId><artifactId>users-lambda-sdk</artifactId><version>1</version>
          <packaging>pom</packaging>
          <dependencies>
            <dependency><groupId>software.amazon.awssdk</groupId><artifactId>dynamodb</artifactId>
              <version>%1$s</version><exclusions>%2$s</exclusions></dependency>
            <dependency><groupId>software.amazon.awssdk</groupId><artifactId>url-connection-client</artifactId>
              <version>%1$s</version></dependency>
          </dependencies>
          <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin></plugins></build>
        </project>
        """.formatted(AWS_SDK_VERSION, exclusions), StandardCharsets.UTF_8);
    Path libs = dir.resolve("lib");
    if (Files.isDirectory(libs)) {
      try (Stream<Path> old = Files.list(libs)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
    }
    Process p = new ProcessBuilder("mvn", "-q", "-B", "-f", pom.toString(), "dependency:copy-dependencies",
        "-DincludeScope=runtime", "-DoutputDirectory=" + libs).inheritIO().start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("Resolving the AWS SDK failed (run with --no-sdk to skip the users zip)");
    }
    try (Stream<Path> jars = Files.list(libs)) {
      return jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList();
    }
  }
}
