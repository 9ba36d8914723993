package dev.faas4j.bench.footprint;

import static dev.faas4j.bench.Stats.f;

import dev.faas4j.aws.deploy.SamTemplate;
import dev.faas4j.bench.Flags;
import dev.faas4j.bench.Layout;
import dev.faas4j.bench.app.GreetApp;
import dev.faas4j.maven.Slimming;
import dev.faas4j.spi.ResourceInventory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds Lambda deployment zips the way Lambda's Java runtime reads them (function classes at the root, runtime
 * jars under {@code lib/}, nothing that is {@code provided} by the runtime: not {@code aws-lambda-java-core}, not the
 * RIC) and reports their size, their jar count and the faas4j part: the published jars (sdk-core + adapter-aws) and
 * what {@code faas4j:package} ships of them.
 *
 * <ul>
 *   <li>{@code greet}: the one-function HTTP app of the cold-start runs (faas4j, Jackson, the function), and the
 *       same function hand-written (Jackson only). What the plugin ships for it comes from the plugin's own slimming
 *       ({@link Slimming}) over the zip's content and the SAM template adapter-aws's generator writes for the app,
 *       as {@code faas4j:package} runs them; the budget line is that figure;
 *   <li>the {@code examples} module's own Lambda artifact, {@code examples/target/faas4j/aws/function.zip} (every
 *       example function with the S3, SQS, SNS and DynamoDB clients, built by the plugin), split into faas4j,
 *       Jackson and the AWS SDK.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.footprint.Footprint [--why]
 * </pre>
 */
public final class Footprint {
  /** design.md: the faas4j part of a Lambda function (sdk-core + adapter-aws jars) stays under 300 KB. */
  static final long BUDGET_BYTES = 300_000;

  public static void main(String[] args) throws Exception {
    boolean why = Flags.parse(args).containsKey("why");
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
    row("**faas4j part, published jars (sdk-core + adapter-aws)**", faas4jBytes);
    long jacksonBytes = 0;
    for (Path p : jackson) {
      jacksonBytes += Files.size(p);
    }
    row("Jackson (databind, core, annotations)", jacksonBytes);

    List<Path> greetLibs = Layout.concat(faas4j, jackson);
    Slimming.Result greet = greetAsPackaged(out, layout.functionJar("fn-faas4j"), greetLibs);
    List<Path> shipped = greetLibs.stream().map(p -> greet.libs().get(p.getFileName().toString())).toList();
    row("**faas4j part the plugin ships for greet (slimmed sdk-core + adapter-aws)**", greet.after());
    System.out.println("\n" + greet.line("aws") + " (greet, as faas4j:package builds its function.zip)");
    System.out.println(budgetLine("faas4j bytes in greet's function.zip", greet.after())
        + f(" (published jars: %,d bytes, %.3f of the budget)", faas4jBytes, (double) faas4jBytes / BUDGET_BYTES));
    if (greet.after() >= BUDGET_BYTES || why) {
      kept(greet);
    }

    System.out.println("\n| function | zip bytes | unzipped bytes | jars in lib/ | faas4j share of zip |");
    System.out.println("|---|---:|---:|---:|---:|");
    zip("greet (HTTP only), published jars", out.resolve("greet-lambda.zip"), layout.functionJar("fn-faas4j"),
        greetLibs, faas4j);
    zip("greet (HTTP only), as faas4j:package ships it", out.resolve("greet-lambda-slim.zip"),
        layout.functionJar("fn-faas4j"), shipped, shipped.subList(0, faas4j.size()));

    List<Path> baselineLibs = jackson;
    zip("hand-written greet handler (Jackson only)", out.resolve("baseline-lambda.zip"),
        layout.functionJar("fn-baseline"), baselineLibs, List.of());

    Path examples = layout.target().resolve("../../examples/target/faas4j/aws/function.zip").normalize();
    if (Files.exists(examples)) {
      examplesArtifact(examples);
    } else {
      System.out.println("\nNo " + examples + ": build it with mvn -B -pl examples -am package -DskipTests");
    }
    System.out.println("\nzips in " + out);
  }

  /**
   * What {@code faas4j:package} ships of faas4j for greet: the plugin's slimming over the function's classes (the
   * zip's root), its jars and the SAM template adapter-aws's generator writes for the app (it names the handler).
   */
  private static Slimming.Result greetAsPackaged(Path out, Path functionJar, List<Path> libs) throws IOException {
    Path classes = out.resolve("greet-classes");
    Map<String, Path> app = new TreeMap<>();
    try (JarFile jar = new JarFile(functionJar.toFile())) {
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        // the jar also holds BenchApp, the per-invocation benchmarks' app (it needs classes outside the jar): not greet's
        if (e.isDirectory() || e.getName().startsWith("META-INF/maven/") || e.getName().equals("META-INF/MANIFEST.MF")
            || e.getName().startsWith("dev/faas4j/bench/app/BenchApp")) {
          continue;
        }
        Path to = classes.resolve(e.getName());
        Files.createDirectories(to.getParent());
        try (InputStream in = jar.getInputStream(e)) {
          Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        app.put(e.getName(), to);
      }
    }
    Path template = out.resolve("greet-template.json");
    SamTemplate.of(ResourceInventory.of(new GreetApp())).codeUri("function.zip").write(template);
    Map<String, Path> jars = new LinkedHashMap<>();
    libs.forEach(p -> jars.put(p.getFileName().toString(), p));
    return Slimming.slim(app, jars, List.of(template), List.of(), out.resolve("greet-slim"));
  }

  /**
   * The classes slimming keeps, largest first (compressed bytes in the jar with its two headers), each with the
   * chain back to the root that named it.
   */
  private static void kept(Slimming.Result result) throws IOException {
    Map<String, Long> sizes = new java.util.HashMap<>();
    for (Path jar : result.libs().values()) {
      try (ZipFile z = new ZipFile(jar.toFile())) {
        for (ZipEntry e : java.util.Collections.list(z.entries())) {
          sizes.put(e.getName(), e.getCompressedSize() + 76 + 2L * e.getName().length());
        }
      }
    }
    System.out.println("\nfaas4j classes kept for greet, largest first (bytes: class <- what named it ... <- root):");
    result.reachedFrom().keySet().stream()
        .sorted(java.util.Comparator.comparingLong((String t) -> -sizes.getOrDefault(t + ".class", 0L)))
        .forEach(t -> System.out.println(f("  %,6d: %s", sizes.getOrDefault(t + ".class", 0L),
            String.join(" <- ", result.chain(t)))));
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
