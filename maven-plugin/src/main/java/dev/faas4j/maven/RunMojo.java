package dev.faas4j.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.util.artifact.JavaScopes;

/**
 * Runs the project's application on faas4j's local runtime ({@code mvn faas4j:run}), in a JVM of its own whose class
 * path the plugin resolves: the project's classes and runtime dependencies plus {@code adapter-local}, which a
 * function project declares in test scope only. Ctrl-C, or SIGTERM to Maven, stops it gracefully.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public final class RunMojo extends Faas4jMojo {
  /** How long a stopping runtime gets to finish invocations in progress before it is killed. */
  private static final long STOP_SECONDS = 40;

  /** The HTTP port (0 picks a free one, which the banner shows). */
  @Parameter(property = "faas4j.port", defaultValue = "8080")
  private int port;

  /** The address to bind; 0.0.0.0 exposes the runtime to the network. */
  @Parameter(property = "faas4j.host", defaultValue = "127.0.0.1")
  private String host;

  /** Where buckets, queues and tables live. */
  @Parameter(property = "faas4j.dataDir", defaultValue = "${project.basedir}/.faas4j")
  private File dataDir;

  /** {@code console} (readable) or {@code json} (one object per line). */
  @Parameter(property = "faas4j.logFormat", defaultValue = "console")
  private String logFormat;

  @Inject
  public RunMojo(RepositorySystem repositorySystem) {
    super(repositorySystem);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Classpaths classpaths = classpaths();
    List<File> jars = classpaths.runtime(
        List.of(new Dependency(classpaths.faas4j("adapter-local", null), JavaScopes.COMPILE)), List.of());
    List<String> classPath = new ArrayList<>();
    for (Path p : IsolatedApp.paths(classesDirectory.toPath(), jars)) {
      classPath.add(p.toString());
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classPath), "dev.faas4j.local.LocalRuntime",
        "--port", Integer.toString(port), "--host", host, "--data-dir", dataDir.getAbsolutePath(),
        "--log-format", logFormat));
    if (app != null) {
      command.addAll(List.of("--app", app));
    }
    Process runtime;
    try {
      runtime = new ProcessBuilder(command).directory(project.getBasedir()).inheritIO().start();
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot start the local runtime: " + e.getMessage(), e);
    }
    // SIGTERM or Ctrl-C to Maven: stop the runtime the same way (its own hook lets invocations finish) and wait
    Thread stop = new Thread(() -> stop(runtime), "faas4j-run-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    int exit;
    try {
      exit = runtime.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(runtime);
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException shuttingDown) {
      return; // stopped by the hook
    }
    if (exit != 0) {
      // the runtime printed the reason as one line
      throw new MojoFailureException("The local runtime exited with status " + exit);
    }
  }

  private static void stop(Process runtime) {
    runtime.destroy();
    try {
      if (!runtime.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        runtime.destroyForcibly();
      }
    } catch (InterruptedException e) {
      runtime.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
