package dev.faas4j.local.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Helpers of the adapters' build-time training runs ({@code LambdaTraining}, {@code InvokerTraining},
 * {@code AzureTraining} in their deploy jars), which run in the build and in the training JVM, never in a function.
 */
public final class Training {
  /** The JVM properties of the identity record an archive keeps beside it: an archive works on that JDK build only. */
  static final List<String> JDK_PROPERTIES =
      List.of("java.vm.name", "java.vm.vendor", "java.vm.version", "java.runtime.version");
  /** How many of the training JVM's last log lines a failure carries. */
  static final int TAIL_LINES = 30;
  /** A function name that can only name a file in the samples folder (no separators, no {@code ..}). */
  private static final Pattern SAMPLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private Training() {}

  /**
   * A training's command line: {@code --name=value} options and {@code --env=NAME=value} settings.
   *
   * @param options by name, without the leading {@code --}
   * @param environment the {@code --env} settings, in order
   */
  public record Arguments(Map<String, String> options, Map<String, String> environment) {
    public Arguments {
      options = Map.copyOf(options);
      environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /**
     * The option's value.
     *
     * @throws IllegalArgumentException naming the option when it is missing or blank
     */
    public String required(String name) {
      String v = options.get(name);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("--" + name + "= is required");
      }
      return v;
    }

    /** The option's value, else {@code otherwise}. */
    public String get(String name, String otherwise) {
      return options.getOrDefault(name, otherwise);
    }

    /**
     * The option's whole number, else {@code otherwise}.
     *
     * @throws IllegalArgumentException naming the option when its value is not a whole number
     */
    public int number(String name, int otherwise) {
      String v = options.get(name);
      try {
        return v == null ? otherwise : Integer.parseInt(v.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + "= must be a whole number, got " + v);
      }
    }

    /** The option's value split at white space ({@code --jvm-options="-Xmx1g -XX:+UseSerialGC"}); none if absent. */
    public List<String> words(String name) {
      return Stream.of(options.getOrDefault(name, "").strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
  }

  /**
   * Parses {@code --name=value} arguments, {@code --env=NAME=value} (repeatable) among them.
   *
   * @param names the options the training takes besides {@code env}
   * @throws IllegalArgumentException naming the argument that is not {@code --name=value}, an {@code --env} without
   *     {@code NAME=}, or an option the training does not take
   */
  public static Arguments arguments(String[] args, String... names) {
    Set<String> known = Set.of(names);
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> env = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("Expected --name=value, got " + arg);
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      if (name.equals("env")) {
        int e = value.indexOf('=');
        if (e <= 0) {
          throw new IllegalArgumentException("Expected --env=NAME=value, got " + arg);
        }
        env.put(value.substring(0, e), value.substring(e + 1));
      } else if (known.contains(name)) {
        options.put(name, value);
      } else {
        throw new IllegalArgumentException("Unknown option --" + name + " (takes --env and --"
            + String.join(", --", names) + ")");
      }
    }
    return new Arguments(options, env);
  }

  /**
   * The start-up option that goes with an archive unless a build turns it off: compile with C1 only, as Lambda's
   * Java runtimes do by default. The C2 compiler's work is a large part of the CPU a JVM spends before its first
   * response; without it, code that stays hot for minutes runs slower (docs/performance.md has both figures).
   */
  public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  /** The options a trained function's JVM runs with: the training's own options, then the archive at run time. */
  public static String runtimeOptions(List<String> jvmOptions, String runtimeArchive) {
    StringBuilder sb = new StringBuilder();
    for (String option : jvmOptions) {
      sb.append(option).append(' ');
    }
    return sb.append("-XX:SharedArchiveFile=").append(runtimeArchive).toString();
  }

  /** The JVM's identity, as the record next to an archive holds it: {@code java.vm.*} and the runtime version. */
  public static String jdkIdentity() {
    StringBuilder sb = new StringBuilder();
    for (String key : JDK_PROPERTIES) {
      sb.append(key).append('=').append(System.getProperty(key, "")).append('\n');
    }
    return sb.toString();
  }

  /** Writes {@link #jdkIdentity()} to {@code record}: what a training JVM does on start. */
  public static void writeJdkIdentity(Path record) {
    try {
      Files.writeString(record, jdkIdentity(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + record, e);
    }
  }

  /**
   * The app's own samples for one function, {@code <folder><function>.json} in its resources: one JSON object or an
   * array of them (each element as it is; the training checks their shape).
   *
   * @param folder the cloud's samples folder in the resources, ending in {@code /}
   * @param what what the file must hold, for the error ({@code "an event or an array of events"})
   * @return empty when the app has no such file
   * @throws IllegalArgumentException when the name could reach outside the folder, the file is not JSON, or it holds
   *     neither an object nor an array
   */
  public static Optional<List<JsonNode>> samples(ClassLoader loader, String folder, String function, String what)
      throws IOException {
    if (!SAMPLE_NAME.matcher(function).matches() || function.contains("..")) {
      throw new IllegalArgumentException("Not a function name a sample file can have: " + function);
    }
    String file = folder + function + ".json";
    URL own = loader.getResource(file);
    if (own == null) {
      return Optional.empty();
    }
    JsonNode samples;
    try (InputStream in = own.openStream()) {
      samples = new ObjectMapper().readTree(in);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage());
    }
    if (samples == null || !(samples.isObject() || samples.isArray())) {
      throw new IllegalArgumentException(file + " must hold " + what);
    }
    List<JsonNode> all = new ArrayList<>();
    (samples.isArray() ? samples : List.of(samples)).forEach(all::add);
    return Optional.of(all);
  }

  /** The jar or class directory {@code type} was loaded from: what a training puts on the training JVM's path. */
  public static Path location(Class<?> type) {
    CodeSource code = type.getProtectionDomain().getCodeSource();
    try {
      if (code != null && code.getLocation() != null) {
        return Path.of(code.getLocation().toURI());
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("Cannot locate " + type.getName() + " (" + code.getLocation() + ")", e);
    }
    throw new IllegalStateException("Cannot locate " + type.getName() + ": it has no code source");
  }

  /**
   * The training JVM's process: {@code command} in {@code dir}, its output (standard error too) into {@code log}, and
   * in its environment only {@code PATH}, {@code HOME} and the app's settings: nothing of the build's environment
   * (credentials among it) reaches the app. The caller adds the cloud's own variables.
   */
  public static ProcessBuilder process(List<String> command, Path dir, Path home, Path log,
      Map<String, String> environment) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.putAll(environment);
    return pb;
  }

  /** The last lines of the training JVM's log, for a failure's message. */
  public static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** Deletes {@code dir} and everything under it: a training's work directory. */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
