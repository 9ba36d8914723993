package dev.faas4j.bench.footprint;

import static dev.faas4j.bench.Stats.f;

import dev.faas4j.bench.Flags;
import dev.faas4j.bench.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds Lambda deployment zips the way Lambda's Java runtime reads them (function classes at the root, runtime
 * jars under {@code lib/}, nothing that is {@code provided} by the runtime: not {@code aws-lambda-java-core}, not the
 * RIC) and reports their size, their jar count and the faas4j part (sdk-core + adapter-aws).
 *
 * <ul>
 *   <li>{@code greet}: the one-function HTTP app of the cold-start runs (faas4j, Jackson, the function), and the
 *       same function hand-written (Jackson only);
 *   <li>the {@code examples} module's own Lambda artifact, {@code examples/target/deploy/aws/lambda.zip} (every
 *       example function with the S3, SQS, SNS and DynamoDB clients), split into faas4j, Jackson and the AWS SDK.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.footprint.Footprint
 * </pre>
 */
public final class Footprint {
  /** design.md: the faas4j part of a Lambda function (sdk-core + adapter-aws jars) stays under 300 KB. */
  static final long BUDGET_BYTES = 300_000;

  public static void main(String[] args) throws Exception {
    Flags.parse(args);
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
    System.out.println(budgetLine("faas4j part (sdk-core + adapter-aws)", faas4jBytes));

    System.out.println("\n| function | zip bytes | unzipped bytes | jars in lib/ | faas4j share of zip |");
    System.out.println("|---|---:|---:|---:|---:|");
    List<Path> greetLibs = Layout.concat(faas4j, jackson);
    zip("greet (HTTP only)", out.resolve("greet-lambda.zip"), layout.functionJar("fn-faas4j"), greetLibs, faas4j);

    List<Path> baselineLibs = jackson;
    zip("hand-written greet handler (Jackson only)", out.resolve("baseline-lambda.zip"),
        layout.functionJar("fn-baseline"), baselineLibs, List.of());

    Path examples = layout.target().resolve("../../examples/target/deploy/aws/lambda.zip").normalize();
    if (Files.exists(examples)) {
      examplesArtifact(examples);
    } else {
      System.out.println("\nNo " + examples + ": build it with mvn -B -pl examples -am package -DskipTests");
    }
    System.out.println("\nzips in " + out);
  }

  /** The budget line: the sum, its ratio to the 300 KB budget, and the headroom, so growth shows before a miss. */
  static String budgetLine(String what, long bytes) {
    return f("%n%s: %,d bytes, %.3f of the budget (< %,d bytes): %s, %s", what, bytes, (double) bytes / BUDGET_BYTES,
        BUDGET_BYTES, bytes < BUDGET_BYTES ? "MET" : "MISSED", bytes < BUDGET_BYTES
            ? f("%,d bytes to spare", BUDGET_BYTES - bytes) : f("%,d bytes over", bytes - BUDGET_BYTES));
  }

  private static void row(String name, long bytes) {
    System.out.println(f("| %s | %,d | %.1f |", name, bytes, bytes / 1000.0));
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

  /**
   * The examples module's own Lambda artifact ({@code examples/target/deploy/aws/lambda.zip}: all the example
   * functions, with the S3, SQS, SNS and DynamoDB clients): its size, jar count and what is faas4j in it.
   */
  private static void examplesArtifact(Path zip) throws IOException {
    long faas4j = 0;
    long jackson = 0;
    long awsSdk = 0;
    long other = 0;
    long classes = 0;
    int jars = 0;
    try (ZipFile z = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = z.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
        long size = e.getSize();
        if (!e.getName().startsWith("lib/") || !name.endsWith(".jar")) {
          classes += size;
          continue;
        }
        jars++;
        String group = mavenGroup(z, e);
        if (group.equals("dev.faas4j")) {
          faas4j += size;
          System.out.println(f("faas4j jar in the artifact: %s, %,d bytes", e.getName(), size));
        } else if (group.startsWith("com.fasterxml.jackson")) {
          jackson += size;
        } else if (group.startsWith("software.amazon")) {
          awsSdk += size;
        } else {
          other += size;
        }
      }
    }
    long total = Files.size(zip);
    System.out.println(f("%n## The examples' Lambda artifact (%s)%n", zip));
    System.out.println("| part | bytes (unzipped) |");
    System.out.println("|---|---:|");
    System.out.println(f("| zip file | %,d |", total));
    System.out.println(f("| jars in lib/ | %d |", jars));
    System.out.println(f("| faas4j (sdk-core + adapter-aws) | %,d (%.3f of the budget) |", faas4j,
        (double) faas4j / BUDGET_BYTES));
    System.out.println(f("| Jackson | %,d |", jackson));
    System.out.println(f("| AWS SDK (S3, SQS, SNS, DynamoDB clients and their dependencies) | %,d |", awsSdk));
    System.out.println(f("| other jars | %,d |", other));
    System.out.println(f("| function classes and resources at the root | %,d |", classes));
  }

  /** The Maven group a nested jar names in its {@code META-INF/maven/<group>/} directory ("" if none). */
  private static String mavenGroup(ZipFile zip, ZipEntry jar) throws IOException {
    try (ZipInputStream in = new ZipInputStream(zip.getInputStream(jar))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String n = e.getName();
        if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
          return n.substring("META-INF/maven/".length(), n.indexOf('/', "META-INF/maven/".length()));
        }
      }
    }
    return "";
  }
}
