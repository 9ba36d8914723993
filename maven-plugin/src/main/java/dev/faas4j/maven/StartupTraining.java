package dev.faas4j.maven;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The start-up training of the GCP and Azure artifacts ({@code <training>true</training>}): the adapters' training
 * runs ({@code InvokerTraining}, {@code AzureTraining} in their deploy jars), called in the cloud's class loader with
 * the in-memory ports added, on the plugin's {@code trainingJava} (the archive's {@code .jdk} record names it: train
 * with the JDK the functions run on).
 */
final class StartupTraining {
  /** The archive's file name, in the directory the cloud deploys. */
  static final String ARCHIVE = "faas4j.jsa";

  private StartupTraining() {}

  /** Trains the GCP function directory's jar; the {@code JAVA_TOOL_OPTIONS} that use the archive. */
  static String gcp(List<Path> loaderPath, String appClass, Path invoker, Path functionJar, Path java, int rounds,
      List<String> jvmOptions) throws MojoExecutionException {
    Object result = train(loaderPath, "dev.faas4j.gcp.deploy.InvokerTraining", java, invoker,
        List.of(functionJar), functionJar.resolveSibling(ARCHIVE), "/workspace/" + ARCHIVE, rounds,
        Map.of("FAAS4J_APP", appClass), jvmOptions);
    return (String) invoke(result, "jvmOptions");
  }

  /**
   * Trains the Azure function app in {@code app} and writes its {@code local.settings.json} with the worker's JVM
   * settings (what {@code func azure functionapp publish --publish-local-settings} sends); the settings.
   */
  @SuppressWarnings("unchecked")
  static Map<String, String> azure(List<Path> loaderPath, String appClass, Path app, Path java, int rounds,
      List<String> jvmOptions) throws MojoExecutionException {
    Object result = train(loaderPath, "dev.faas4j.azure.deploy.AzureTraining", java, app, app.resolve(ARCHIVE),
        "/home/site/wwwroot/" + ARCHIVE, rounds, Map.of("FAAS4J_APP", appClass), jvmOptions);
    Map<String, String> settings = (Map<String, String>) invoke(result, "appSettings");
    StringBuilder json = new StringBuilder("{\n  \"IsEncrypted\": false,\n  \"Values\": {\n"
        + "    \"FUNCTIONS_WORKER_RUNTIME\": \"java\"");
    settings.forEach((k, v) -> json.append(",\n    \"").append(k).append("\": \"").append(v).append('"'));
    try {
      Files.writeString(app.resolve("local.settings.json"), json.append("\n  }\n}\n"), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new MojoExecutionException("Cannot write local.settings.json: " + e.getMessage(), e);
    }
    return settings;
  }

  /** {@code <training>.train(new <training>.Options(options...))} in the cloud's class loader. */
  private static Object train(List<Path> loaderPath, String training, Object... options)
      throws MojoExecutionException {
    try (IsolatedApp isolated = IsolatedApp.of(loaderPath)) {
      return isolated.inLoader(() -> {
        Class<?> type = isolated.type(training);
        Constructor<?> constructor = isolated.type(training + "$Options").getConstructors()[0];
        return IsolatedApp.call(type, null, "train", constructor.newInstance(options));
      });
    } catch (java.io.IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private static Object invoke(Object result, String accessor) throws MojoExecutionException {
    return IsolatedApp.call(result.getClass(), result, accessor);
  }
}
