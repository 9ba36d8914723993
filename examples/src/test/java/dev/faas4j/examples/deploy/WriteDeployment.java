package dev.faas4j.examples.deploy;

import dev.faas4j.aws.deploy.SamTemplate;
import dev.faas4j.azure.deploy.AzureEntryGenerator;
import dev.faas4j.examples.ExamplesApp;
import dev.faas4j.gcp.deploy.DeployCommands;
import dev.faas4j.spi.ResourceInventory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The deploy build of the examples (the module's {@code package} phase runs it, after the assembly plugin has put
 * the runtime jars in place): every descriptor is generated from {@link ExamplesApp}'s own registrations by the
 * cloud's adapter, never written by hand.
 *
 * <pre>
 * target/deploy/aws/template.json          SamTemplate (the zip next to it: src/assembly/lambda.xml)
 * target/deploy/gcp/deploy.sh              DeployCommands
 * target/deploy/gcp/function/examples.jar  thin JAR, manifest Class-Path → libs/ (src/assembly/gcp-libs.xml)
 * target/deploy/azure/src/...              AzureEntryGenerator: the @FunctionName entry class (-Pazure packages it)
 * </pre>
 *
 * <p>Arguments: the deploy directory and the examples' classes directory.
 */
public final class WriteDeployment {
  /** The generated Azure entry class. */
  public static final String AZURE_ENTRIES = "dev.faas4j.examples.azure.AzureEntries";

  private WriteDeployment() {}

  public static void main(String[] args) throws IOException {
    Path deploy = Path.of(args[0]);
    Path classes = Path.of(args[1]);
    ResourceInventory inventory = ResourceInventory.of(new ExamplesApp());

    // Thumbnails decode and scale images in memory: 1 GB also buys a faster CPU share on Lambda.
    SamTemplate.of(inventory).codeUri("lambda.zip").memorySize(1024).write(deploy.resolve("aws/template.json"));

    DeployCommands.of(inventory).source("function").write(deploy.resolve("gcp/deploy.sh"));
    thinJar(classes, deploy.resolve("gcp/function"));

    AzureEntryGenerator.main(new String[] {"--output=" + deploy.resolve("azure/src"), "--class=" + AZURE_ENTRIES,
        "--app=" + ExamplesApp.class.getName()});
  }

  /** {@code examples.jar}: the classes, and a manifest whose {@code Class-Path} lists every jar in {@code libs/}. */
  static void thinJar(Path classes, Path functionDir) throws IOException {
    List<String> libs;
    try (Stream<Path> files = Files.list(functionDir.resolve("libs"))) {
      libs = files.map(p -> "libs/" + p.getFileName()).filter(n -> n.endsWith(".jar")).sorted().toList();
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libs));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(functionDir.resolve("examples.jar")),
        manifest); Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = classes.relativize(f).toString().replace('\\', '/');
        if (name.startsWith("dev/faas4j/examples/RunLocally")) {
          continue; // the laptop runner needs adapter-local, which a cloud function does not ship
        }
        out.putNextEntry(new JarEntry(name));
        Files.copy(f, (OutputStream) out);
        out.closeEntry();
      }
    }
  }
}
