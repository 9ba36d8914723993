package dev.faas4j.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.util.artifact.JavaScopes;

/**
 * Writes each cloud's deployable artifact and descriptors under {@code target/faas4j/<cloud>/}, from the project's
 * compiled application: for each cloud it resolves that cloud's adapter, the client libraries of the ports the app
 * names and the app's runtime dependencies as one class path of their own, so that no cloud's libraries reach
 * another cloud's artifact; the descriptor generators (the adapters' {@code deploy} jars) run at build time only.
 *
 * <pre>
 * aws/function.zip      the classes at the root, the runtime jars under lib/ (Lambda's layout); with training, also
 *                       the Runtime Interface Client's jars in lib/, faas4j/launch and the start-up archive
 * aws/template.json     the SAM template (SamTemplate; with training, AWS_LAMBDA_EXEC_WRAPPER=/var/task/faas4j/launch)
 * gcp/function/         the thin JAR (manifest Class-Path: libs/...) and libs/ (Functions Framework JAR deploy)
 * gcp/deploy.sh         the gcloud commands (DeployCommands)
 * azure/                the function app: host.json, the JAR with the generated entry class, lib/, and one
 *                       &lt;function&gt;/function.json per function (AzureEntryGenerator)
 * </pre>
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class PackageMojo extends Faas4jMojo {
  private static final java.util.Set<String> LOCAL_ONLY = java.util.Set.of("dev.faas4j:adapter-local");
  /** The Runtime Interface Client, at the version adapter-aws is tested with (its POM declares it). */
  private static final String RIC = "com.amazonaws:aws-lambda-java-runtime-interface-client";

  /** The clouds to build for. */
  @Parameter(property = "faas4j.clouds", defaultValue = "aws,gcp,azure")
  private List<String> clouds;

  @Parameter(property = "faas4j.outputDirectory", defaultValue = "${project.build.directory}/faas4j", required = true)
  private File outputDirectory;

  /**
   * Runs the start-up training and ships its class-data archive with what uses it where each cloud takes it. AWS: a
   * training run ({@code LambdaTraining}) of the function as the zip lays it out, whose archive (Java 17/21) or AOT
   * cache (Java 25) the zip ships with the launcher that uses it; GCP: {@code JAVA_TOOL_OPTIONS} in deploy.sh; Azure:
   * the worker's JVM settings in local.settings.json.
   */
  @Parameter(property = "faas4j.training", defaultValue = "false")
  private boolean training;

  /**
   * The {@code bin/java} of the JDK the functions run on (an archive works only there); by default the one running
   * the build.
   */
  @Parameter(property = "faas4j.trainingJava")
  private File trainingJava;

  /** Training rounds: each round sends every function its sample events once. */
  @Parameter(property = "faas4j.trainingRounds", defaultValue = "3")
  private int trainingRounds;

  /**
   * With training, the GCP and Azure JVMs compile with C1 only ({@code -XX:TieredStopAtLevel=1}), as Lambda's Java
   * runtimes do by default (the AWS artifact keeps the runtime's own options): about 40 % less CPU before the first
   * response under the invoker. Set it to false for instances that stay busy with CPU-heavy code for minutes, where
   * the C2 compiler's code is faster.
   */
  @Parameter(property = "faas4j.c1Only", defaultValue = "true")
  private boolean c1Only;

  @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
  private String finalName;

  /** The generated Azure entry class; by default {@code AzureEntries} in the app's package. */
  @Parameter(property = "faas4j.azure.entryClass")
  private String azureEntryClass;

  /**
   * The Azure function app's host.json; when the file is absent, one with the extension bundle and the app's
   * declared timeout and queue retry limit, which Azure takes app-wide only.
   */
  @Parameter(property = "faas4j.azure.hostJson", defaultValue = "${project.basedir}/host.json")
  private File azureHostJson;

  /** The Java release the Azure entry class is compiled for. */
  @Parameter(property = "maven.compiler.release", defaultValue = "17")
  private String release;

  @Parameter(property = "faas4j.skip", defaultValue = "false")
  private boolean skip;

  /**
   * Ships, of faas4j's own jars, only the classes the function can reach ({@link Slimming}: never one that the
   * function's code, its libraries, a service file or a generated descriptor names), without their line numbers;
   * {@code false} ships the published jars unchanged.
   */
  @Parameter(property = "faas4j.slim", defaultValue = "true")
  private boolean slim;

  /**
   * Class-directory entries no cloud artifact ships, as globs relative to the classes directory (e.g.
   * {@code com/acme/RunLocally*.class}, a laptop-only main that needs adapter-local).
   */
  @Parameter
  private List<String> excludes = List.of();

  @Inject
  public PackageMojo(RepositorySystem repositorySystem) {
    super(repositorySystem);
  }

  @Override
  public void execute() throws MojoExecutionException {
    if (skip || "pom".equals(project.getPackaging())) {
      getLog().info("faas4j:package skipped");
      return;
    }
    Path classes = classesDirectory.toPath();
    if (!Files.isDirectory(classes)) {
      throw new MojoExecutionException("No compiled classes in " + classes + ": run faas4j:package in the package "
          + "phase (mvn package)");
    }
    Classpaths classpaths = classpaths();

    List<String> kinds;
    String appClass;
    try (IsolatedApp base = IsolatedApp.of(IsolatedApp.paths(classes, classpaths.runtime(List.of(), List.of())))) {
      Object inventory = base.inventory(app);
      kinds = IsolatedApp.kinds(inventory);
      appClass = IsolatedApp.appClass(inventory);
    } catch (IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    for (String id : clouds) {
      Cloud cloud;
      try {
        cloud = Cloud.parse(id);
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException(e.getMessage(), e);
      }
      long start = System.nanoTime();
      try {
        build(cloud, classpaths, classes, appClass, kinds);
      } catch (IOException e) {
        throw new MojoExecutionException("faas4j " + cloud.id() + ": " + e.getMessage(), e);
      }
      getLog().info(String.format(Locale.ROOT, "faas4j %s: %s (%d ms)", cloud.id(),
          project.getBasedir().toPath().relativize(outputDirectory.toPath().resolve(cloud.id())),
          (System.nanoTime() - start) / 1_000_000));
    }
  }

  private void build(Cloud cloud, Classpaths classpaths, Path classes, String appClass, List<String> kinds)
      throws MojoExecutionException, IOException {
    DefaultArtifact adapter = classpaths.faas4j(cloud.adapter(), null);
    ArtifactDescriptorResult declared = classpaths.descriptor(adapter);
    List<Dependency> extra = new ArrayList<>();
    extra.add(new Dependency(adapter, JavaScopes.COMPILE));
    for (String client : cloud.clients(kinds)) {
      extra.add(Classpaths.shipped(declaredDependency(declared, client)));
    }
    if (cloud == Cloud.AWS && training) {
      // the launcher starts the client the zip ships, with its API at the project's (the BOM's) versions
      extra.add(Classpaths.shipped(declaredDependency(declared, RIC)));
      extra.add(Classpaths.shipped(declaredDependency(declared, cloud.runtimeApi())));
    }
    // a laptop-only main may need the local runtime at compile scope; no cloud runs it
    List<File> runtime = classpaths.runtime(extra, declared.getManagedDependencies(), LOCAL_ONLY);
    File generators = classpaths.file(classpaths.faas4j(cloud.adapter(), "deploy"));

    Path out = outputDirectory.toPath().resolve(cloud.id());
    Archives.deleteTree(out);
    Files.createDirectories(out);
    List<File> runtimeApi = classpaths.alone(declaredDependency(declared, cloud.runtimeApi()).getArtifact());
    // what runs the generators: the shipped class path, the generators and the runtime's API, which is not shipped
    List<Path> loaderPath = IsolatedApp.paths(classes, runtime);
    loaderPath.add(generators.toPath());
    runtimeApi.forEach(f -> loaderPath.add(f.toPath()));
    // a training run adds the generators' and adapter-local's classes to the function: what they name stays
    List<Path> trainingRoots = !training ? List.of() : List.of(generators.toPath(),
        classpaths.file(classpaths.faas4j("adapter-local", null)).toPath());
    switch (cloud) {
      case AWS -> aws(out, classes, runtime, loaderPath, appClass, classpaths, trainingRoots);
      case GCP -> gcp(out, classes, runtime, loaderPath, appClass, training ? trainingPath(classpaths, loaderPath,
          classpaths.file(declaredDependency(declared, "com.google.cloud.functions.invoker:java-function-invoker")
              .getArtifact()).toPath()) : null, trainingRoots);
      case AZURE -> azure(out, classes, runtime, loaderPath, appClass,
          training ? trainingPath(classpaths, loaderPath, null) : null, trainingRoots);
    }
  }

  /**
   * The artifact's jars by name, faas4j's slimmed into {@code staging/<cloud>/slim} unless {@link #slim} is off;
   * logs the sizes (and, with {@code -X}, what named each class kept).
   */
  private Map<String, Path> slimmed(Cloud cloud, Map<String, Path> app, Map<String, Path> libs,
      List<Path> descriptors, List<Path> trainingRoots) throws IOException {
    if (!slim) {
      return libs;
    }
    Path dir = outputDirectory.toPath().resolve("staging").resolve(cloud.id()).resolve("slim");
    Archives.deleteTree(dir);
    Slimming.Result result = Slimming.slim(app, libs, descriptors, trainingRoots, dir);
    getLog().info(result.line(cloud.id()));
    if (getLog().isDebugEnabled()) {
      result.reachedFrom().forEach((type, from) -> getLog().debug("faas4j " + cloud.id() + ": keeps " + type
          + " (named by " + from + ")"));
    }
    return result.libs();
  }

  private void aws(Path out, Path classes, List<File> runtime, List<Path> loaderPath, String appClass,
      Classpaths classpaths, List<Path> trainingRoots) throws MojoExecutionException, IOException {
    Map<String, Path> app = shippedClasses(classes);
    Map<String, Path> entries = new LinkedHashMap<>(app);
    Map<String, String> template = new LinkedHashMap<>(Map.of("codeUri", "function.zip"));
    // first, so that slimming keeps the handler it names (with training, written again with the wrapper)
    generate(loaderPath, appClass, "dev.faas4j.aws.deploy.SamTemplate", template, out.resolve("template.json"));
    slimmed(Cloud.AWS, app, Archives.libs(runtime), List.of(out.resolve("template.json")), trainingRoots)
        .forEach((name, file) -> entries.put("lib/" + name, file));
    if (!training) {
      Archives.zip(out.resolve("function.zip"), entries);
      return;
    }
    Path task = outputDirectory.toPath().resolve("staging/aws/task");
    Archives.deleteTree(task);
    Archives.copy(entries, task);
    String launcher = train(task, loaderPath, classpaths, appClass);
    Archives.zip(out.resolve("function.zip"), Archives.tree(task, ""), java.util.Set.of(launcher));
    template.put("execWrapper", "/var/task/" + launcher);
    generate(loaderPath, appClass, "dev.faas4j.aws.deploy.SamTemplate", template, out.resolve("template.json"));
  }

  /**
   * Runs {@code LambdaTraining} on the laid-out function, in the generators' class loader plus adapter-local (the
   * training's in-memory ports); returns the launcher's path in the zip.
   */
  private String train(Path task, List<Path> loaderPath, Classpaths classpaths, String appClass)
      throws MojoExecutionException, IOException {
    Path java = trainingJava();
    List<Path> trainingPath = new ArrayList<>(loaderPath);
    classpaths.alone(classpaths.faas4j("adapter-local", null)).forEach(f -> trainingPath.add(f.toPath()));
    try (IsolatedApp isolated = IsolatedApp.of(trainingPath)) {
      return isolated.inLoader(() -> {
        Class<?> type = isolated.type("dev.faas4j.aws.deploy.LambdaTraining");
        int feature = (Integer) IsolatedApp.call(type, null, "featureVersion", java);
        String runtime = (String) isolated.type("dev.faas4j.aws.deploy.SamTemplate").getField("RUNTIME").get(null);
        String mismatch = runtimeMismatch(feature, runtime, java);
        if (mismatch != null) {
          getLog().warn(mismatch);
        }
        getLog().info("faas4j aws: training started (" + java + ", " + trainingRounds + " rounds)");
        long start = System.nanoTime();
        // throws with the tail of the training's log when it fails
        IsolatedApp.call(type, null, "main", (Object) new String[] {"--java=" + java, "--task-root=" + task,
            "--rounds=" + trainingRounds, "--env=" + IsolatedApp.APP_SETTING + "=" + appClass});
        Path archive = Archives.tree(task.resolve("faas4j"), "faas4j/").values().stream()
            .filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot")).findFirst()
            .orElseThrow(() -> new MojoExecutionException("The training wrote no archive in " + task));
        getLog().info(String.format(Locale.ROOT, "faas4j aws: training done: %s, %,d bytes, %d ms",
            task.relativize(archive), Files.size(archive), (System.nanoTime() - start) / 1_000_000));
        return (String) type.getField("LAUNCHER").get(null);
      });
    }
  }

  /**
   * What the training runs in: the cloud's loader path and the in-memory ports (adapter-local), then, for GCP, the
   * invoker jar the training starts (last: not on the loader path, only passed on).
   */
  private static List<Path> trainingPath(Classpaths classpaths, List<Path> loaderPath, Path invoker)
      throws MojoExecutionException {
    List<Path> path = new ArrayList<>(loaderPath);
    path.add(classpaths.file(classpaths.faas4j("adapter-local", null)).toPath());
    if (invoker != null) {
      path.add(invoker);
    }
    return path;
  }

  private void gcp(Path out, Path classes, List<File> runtime, List<Path> loaderPath, String appClass,
      List<Path> trainingPath, List<Path> trainingRoots) throws MojoExecutionException, IOException {
    Path function = out.resolve("function");
    // first, so that slimming keeps the entry points it names (with training, written again with the options)
    generate(loaderPath, appClass, "dev.faas4j.gcp.deploy.DeployCommands", Map.of("source", "function"),
        out.resolve("deploy.sh"));
    Map<String, Path> app = shippedClasses(classes);
    Map<String, Path> libs = slimmed(Cloud.GCP, app, Archives.libs(runtime), List.of(out.resolve("deploy.sh")),
        trainingRoots);
    Map<String, Path> copied = new LinkedHashMap<>();
    libs.forEach((name, file) -> copied.put("libs/" + name, file));
    Archives.copy(copied, function);
    Path jar = function.resolve(finalName + ".jar");
    Archives.jar(jar, app, List.copyOf(copied.keySet()));
    if (trainingPath == null) {
      return;
    }
    Path invoker = trainingPath.get(trainingPath.size() - 1);
    String options = StartupTraining.gcp(trainingPath.subList(0, trainingPath.size() - 1), appClass, invoker, jar,
        trainingJava(), trainingRounds, startupOptions());
    try (IsolatedApp isolated = IsolatedApp.of(loaderPath)) {
      Object inventory = isolated.inventory(appClass);
      isolated.inLoader(() -> {
        Class<?> type = isolated.type("dev.faas4j.gcp.deploy.DeployCommands");
        Object commands = IsolatedApp.call(type, IsolatedApp.call(type, null, "of", inventory), "source", "function");
        return IsolatedApp.call(type, IsolatedApp.call(type, commands, "javaToolOptions", options), "write",
            out.resolve("deploy.sh"));
      });
    }
    getLog().info("faas4j gcp: start-up archive " + function.resolve(StartupTraining.ARCHIVE).getFileName()
        + ", JAVA_TOOL_OPTIONS " + options);
  }

  /** The options a trained GCP or Azure JVM runs with besides the archive (the training runs with them too). */
  private List<String> startupOptions() {
    return c1Only ? List.of("-XX:TieredStopAtLevel=1") : List.of();
  }

  /** The {@code bin/java} the training runs on: {@code trainingJava}, else the build's. */
  private Path trainingJava() {
    return trainingJava != null ? trainingJava.toPath() : Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The warning when the training JVM's Java version is not the one of the Lambda runtime the template names. */
  static String runtimeMismatch(int feature, String runtime, Path java) {
    return runtime.equals("java" + feature) ? null : "faas4j aws: training on Java " + feature + " (" + java
        + ") for Lambda's " + runtime + " runtime: the JVM there will ignore the archive. Set <trainingJava> to "
        + "that runtime's JDK.";
  }

  /** {@code generator.of(inventory).<option>(value)...write(file)}, in the cloud's class loader. */
  private static void generate(List<Path> loaderPath, String appClass, String generator, Map<String, String> options,
      Path file) throws MojoExecutionException, IOException {
    try (IsolatedApp isolated = IsolatedApp.of(loaderPath)) {
      Object inventory = isolated.inventory(appClass);
      isolated.inLoader(() -> {
        Class<?> type = isolated.type(generator);
        Object configured = IsolatedApp.call(type, null, "of", inventory);
        for (Map.Entry<String, String> o : options.entrySet()) {
          configured = IsolatedApp.call(type, configured, o.getKey(), o.getValue());
        }
        return IsolatedApp.call(type, configured, "write", file);
      });
    }
  }

  private void azure(Path out, Path classes, List<File> runtime, List<Path> loaderPath, String appClass,
      List<Path> trainingPath, List<Path> trainingRoots) throws MojoExecutionException, IOException {
    String entryClass = azureEntryClass != null ? azureEntryClass
        : (appClass.contains(".") ? appClass.substring(0, appClass.lastIndexOf('.') + 1) : "") + "AzureEntries";
    Path work = outputDirectory.toPath().resolve("staging/azure");
    Archives.deleteTree(work);
    Path sources = work.resolve("src");
    Path compiled = work.resolve("classes");
    Files.createDirectories(compiled);
    List<Path> withLibrary = loaderPath;
    try (IsolatedApp isolated = IsolatedApp.of(withLibrary)) {
      isolated.inLoader(() -> IsolatedApp.call(isolated.type("dev.faas4j.azure.deploy.AzureEntryGenerator"), null,
          "main", (Object) new String[] {"--output=" + sources, "--class=" + entryClass, "--app=" + appClass}));
    }
    compile(sources, compiled, withLibrary);

    String jarName = finalName + ".jar";
    Map<String, Path> entries = new LinkedHashMap<>(shippedClasses(classes));
    entries.putAll(Archives.tree(compiled, ""));
    Archives.jar(out.resolve(jarName), entries, List.of());
    if (azureHostJson.isFile()) {
      Files.copy(azureHostJson.toPath(), out.resolve("host.json"));
    }
    List<Path> descriptors = new ArrayList<>(List.of(out.resolve("host.json")));
    List<Path> withEntries = new ArrayList<>(withLibrary);
    withEntries.add(compiled);
    try (IsolatedApp isolated = IsolatedApp.of(withEntries)) {
      if (!azureHostJson.isFile()) {
        Files.writeString(out.resolve("host.json"), AzureHostJson.of(isolated.inventory(appClass)));
      }
      Map<String, String> functions = isolated.inLoader(
          () -> AzureFunctionJson.of(isolated.type(entryClass), "../" + jarName));
      for (Map.Entry<String, String> f : functions.entrySet()) {
        Path dir = out.resolve(f.getKey());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("function.json"), f.getValue(), StandardCharsets.UTF_8);
        descriptors.add(dir.resolve("function.json"));
      }
    }
    Map<String, Path> libs = new LinkedHashMap<>();
    slimmed(Cloud.AZURE, entries, Archives.libs(runtime), descriptors, trainingRoots)
        .forEach((name, file) -> libs.put("lib/" + name, file));
    Archives.copy(libs, out);
    if (trainingPath != null) {
      List<Path> path = new ArrayList<>(trainingPath);
      path.add(compiled);
      Map<String, String> settings = StartupTraining.azure(path, appClass, out, trainingJava(), trainingRounds,
          startupOptions());
      StringBuilder command = new StringBuilder("az functionapp config appsettings set --name <app> "
          + "--resource-group <group> --settings");
      settings.forEach((k, v) -> command.append(" \"").append(k).append('=').append(v).append('"'));
      getLog().info("faas4j azure: start-up archive " + StartupTraining.ARCHIVE + " (settings in local.settings.json): "
          + command);
    }
  }

  /** The classes directory's files by entry name, without {@link #excludes}. */
  private Map<String, Path> shippedClasses(Path classes) throws IOException {
    List<java.nio.file.PathMatcher> matchers = new ArrayList<>();
    for (String glob : excludes) {
      matchers.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }
    Map<String, Path> entries = Archives.tree(classes, "");
    entries.keySet().removeIf(name -> matchers.stream().anyMatch(m -> m.matches(Path.of(name))));
    return entries;
  }

  private void compile(Path sources, Path target, List<Path> classPath) throws MojoExecutionException, IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new MojoExecutionException("Compiling the Azure entry class needs a JDK, not a JRE");
    }
    List<String> args = new ArrayList<>(List.of("-d", target.toString(), "--release", release, "-nowarn",
        "-encoding", "UTF-8", "-classpath",
        String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList())));
    args.addAll(Archives.tree(sources, "").values().stream().map(Path::toString).toList());
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, err, err, args.toArray(String[]::new));
    if (rc != 0) {
      throw new MojoExecutionException("The generated Azure entry class does not compile (javac " + args + "):\n"
          + err.toString(StandardCharsets.UTF_8));
    }
  }

  private static Dependency declaredDependency(ArtifactDescriptorResult declared, String groupAndArtifact)
      throws MojoExecutionException {
    for (Dependency d : declared.getDependencies()) {
      if ((d.getArtifact().getGroupId() + ":" + d.getArtifact().getArtifactId()).equals(groupAndArtifact)) {
        return d;
      }
    }
    throw new MojoExecutionException(declared.getArtifact() + " does not declare " + groupAndArtifact);
  }
}
