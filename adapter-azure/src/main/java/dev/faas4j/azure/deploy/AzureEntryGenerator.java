package dev.faas4j.azure.deploy;

import dev.faas4j.FunctionApp;
import dev.faas4j.azure.AzureFunctions;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.spi.FunctionApps;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionOptions;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.ResourceInventory;
import dev.faas4j.spi.ResourceNames;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.CloudEventTrigger;
import dev.faas4j.trigger.CronExpression;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.InvalidTriggerException;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the Azure entry class of a faas4j application: one {@code @FunctionName} method per registered function,
 * with the trigger annotation that {@code azure-functions-maven-plugin} turns into its {@code function.json}, and a
 * one-line body delegating to {@link AzureFunctions}. Run it after the application is compiled (see README):
 *
 * <pre>
 * java dev.faas4j.azure.deploy.AzureEntryGenerator --output=target/generated-sources/faas4j-azure \
 *     --class=com.example.AzureEntries [--app=com.example.ShopApp] [--auth-level=FUNCTION]
 * </pre>
 *
 * <p>Mappings: HTTP routes to {@code @HttpTrigger} (route without the leading {@code /}, {@code {path+}} as
 * {@code {*path}}, GET routes also answer HEAD); queues to {@code @QueueTrigger}; buckets to {@code @BlobTrigger}
 * for created objects only, else to {@code @EventGridTrigger}; topics to {@code @ServiceBusTopicTrigger} (the
 * subscription is the function's name); cron to {@code @TimerTrigger} with a six-field NCRONTAB; CloudEvent
 * functions to {@code @EventGridTrigger}. Each entry binds the trigger metadata the adapter maps (Id, DequeueCount...). Physical names are
 * resolved with {@link ResourceNames} from the generator's environment, or written as {@code %FAAS4J_...%}
 * app-setting references with {@code --name-settings}.
 *
 * <p>Per-function options ({@link dev.faas4j.Registration}): Azure takes none of them per function. The timeout
 * ({@code functionTimeout}) and the queue retry limit ({@code extensions.queues.maxDequeueCount}) are host.json-wide,
 * a Service Bus subscription's retry limit is its {@code MaxDeliveryCount}, and memory is the plan's. The generated
 * class says so in its comment, with the values to set (the largest declared timeout).
 */
public final class AzureEntryGenerator {
  private final String packageName;
  private final String className;
  private final String authLevel;
  private final String storageConnection;
  private final String serviceBusConnection;
  private final boolean nameSettings;
  private final Function<String, String> config;

  AzureEntryGenerator(String qualifiedClass, String authLevel, String storageConnection, String serviceBusConnection,
      boolean nameSettings, Function<String, String> config) {
    int dot = qualifiedClass.lastIndexOf('.');
    this.packageName = dot < 0 ? "" : qualifiedClass.substring(0, dot);
    this.className = qualifiedClass.substring(dot + 1);
    if (!qualifiedClass.matches("([A-Za-z_$][A-Za-z0-9_$]*\\.)*[A-Za-z_$][A-Za-z0-9_$]*")) {
      throw new IllegalArgumentException("--class must be a qualified Java class name; got " + qualifiedClass);
    }
    this.authLevel = authLevel.toUpperCase(Locale.ROOT);
    if (!Set.of("ANONYMOUS", "FUNCTION", "ADMIN").contains(this.authLevel)) {
      throw new IllegalArgumentException("--auth-level must be ANONYMOUS, FUNCTION or ADMIN; got " + authLevel);
    }
    this.storageConnection = storageConnection;
    this.serviceBusConnection = serviceBusConnection;
    this.nameSettings = nameSettings;
    this.config = config;
  }

  /** Generates the entry class; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || (!arg.contains("=") && !arg.equals("--name-settings"))) {
        throw new IllegalArgumentException("Unknown argument '" + arg + "'; expected --name=value");
      }
      int eq = arg.indexOf('=');
      options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
    }
    String output = require(options, "output");
    String cls = require(options, "class");
    Function<String, String> env = name -> {
      if (name.equals(FunctionApps.APP_SETTING) && options.containsKey("app")) {
        return options.get("app");
      }
      return System.getenv(name);
    };
    FunctionApp app = FunctionApps.load(Thread.currentThread().getContextClassLoader(), env);
    FunctionRegistry registry = ResourceInventory.of(app).registry();
    AzureEntryGenerator generator = new AzureEntryGenerator(cls, options.getOrDefault("auth-level", "ANONYMOUS"),
        options.getOrDefault("storage-connection", "AzureWebJobsStorage"),
        options.getOrDefault("servicebus-connection", "ServiceBusConnection"),
        Boolean.parseBoolean(options.getOrDefault("name-settings", "false")), System::getenv);
    generator.write(registry, Path.of(output));
  }

  private static String require(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--" + name + "=... is required");
    }
    return v;
  }

  /** Writes the class under {@code sourceRoot} and returns its path. */
  Path write(FunctionRegistry registry, Path sourceRoot) {
    Path dir = packageName.isEmpty() ? sourceRoot : sourceRoot.resolve(packageName.replace('.', '/'));
    Path file = dir.resolve(className + ".java");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, source(registry), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return file;
  }

  /** The Java source of the entry class. */
  String source(FunctionRegistry registry) {
    StringBuilder sb = new StringBuilder();
    sb.append("// Generated by dev.faas4j.azure.deploy.AzureEntryGenerator from the faas4j application. Do not edit.\n");
    sb.append(hostSettings(registry));
    if (!packageName.isEmpty()) {
      sb.append("package ").append(packageName).append(";\n\n");
    }
    sb.append("import com.microsoft.azure.functions.ExecutionContext;\n")
        .append("import com.microsoft.azure.functions.HttpMethod;\n")
        .append("import com.microsoft.azure.functions.HttpRequestMessage;\n")
        .append("import com.microsoft.azure.functions.HttpResponseMessage;\n")
        .append("import com.microsoft.azure.functions.annotation.*;\n")
        .append("import dev.faas4j.azure.AzureFunctions;\n")
        .append("import java.util.Optional;\n\n")
        .append("public final class ").append(className).append(" {\n");
    Set<String> methods = new HashSet<>();
    for (FunctionDefinition fn : registry.definitions()) {
      String method = methodName(fn.name(), methods);
      sb.append("\n  @FunctionName(").append(literal(fn.name())).append(")\n");
      switch (fn.kind()) {
        case HTTP -> http(sb, method, (HttpRoute) fn.trigger());
        case QUEUE -> queue(sb, method, (QueueTrigger) fn.trigger());
        case STORAGE -> object(sb, method, (ObjectTrigger) fn.trigger());
        case TOPIC -> topic(sb, method, fn.name(), (TopicTrigger) fn.trigger());
        case SCHEDULE -> timer(sb, method, (ScheduleTrigger) fn.trigger());
        case CLOUD_EVENT -> cloudEvent(sb, method, (CloudEventTrigger) fn.trigger());
      }
    }
    return sb.append("}\n").toString();
  }

  /**
   * The comment that says where the declared per-function options go on Azure, which takes them app-wide (host.json)
   * or not at all: empty when the app declares none.
   */
  static String hostSettings(FunctionRegistry registry) {
    StringBuilder sb = new StringBuilder();
    Optional<Duration> longest = Optional.empty();
    String longestFunction = "";
    for (FunctionDefinition fn : registry.definitions()) {
      FunctionOptions o = fn.options();
      if (o.timeout().isPresent() && (longest.isEmpty() || o.timeout().get().compareTo(longest.get()) > 0)) {
        longest = o.timeout();
        longestFunction = fn.name();
      }
      if (o.memoryMb().isPresent()) {
        sb.append("//   ").append(fn.name()).append(": memoryMb ").append(o.memoryMb().getAsInt())
            .append(" is not applied: Azure Functions has no per-function memory (the plan decides)\n");
      }
      if (o.maxDeliveries() != FunctionOptions.DEFAULT_MAX_DELIVERIES) {
        sb.append("//   ").append(fn.name()).append(": maxDeliveries ").append(o.maxDeliveries()).append(
            fn.kind() == FunctionDefinition.Kind.TOPIC ? " is the Service Bus subscription's MaxDeliveryCount (set it "
                + "where the subscription is created)\n"
                : " needs host.json \"extensions\": {\"queues\": {\"maxDequeueCount\": "
                    + o.maxDeliveries() + "}}, which applies to every queue function\n");
      }
    }
    if (longest.isPresent()) {
      long seconds = longest.get().toSeconds();
      sb.insert(0, String.format(Locale.ROOT, "//   host.json \"functionTimeout\": \"%02d:%02d:%02d\" (the longest "
          + "declared timeout, of %s; it applies to every function)\n", seconds / 3600, seconds / 60 % 60,
          seconds % 60, longestFunction));
    }
    if (sb.length() == 0) {
      return "";
    }
    return "//\n// Azure takes per-function options app-wide or not at all; what this app declared needs:\n" + sb;
  }

  private void http(StringBuilder sb, String method, HttpRoute route) {
    Set<String> verbs = new LinkedHashSet<>(route.methods());
    if (verbs.contains("GET")) {
      verbs.add("HEAD");
    }
    List<String> enums = verbs.stream().map(v -> "HttpMethod." + v).toList();
    sb.append("  public HttpResponseMessage ").append(method).append("(\n")
        .append("      @HttpTrigger(name = \"request\", ")
        .append(enums.isEmpty() ? "" : "methods = {" + String.join(", ", enums) + "}, ")
        .append("route = ").append(literal(azureRoute(route.path()))).append(", authLevel = AuthorizationLevel.")
        .append(authLevel).append(")\n")
        .append("      HttpRequestMessage<Optional<String>> request, ExecutionContext context) {\n")
        .append("    return AzureFunctions.http(request, context);\n  }\n");
  }

  private void queue(StringBuilder sb, String method, QueueTrigger q) {
    sb.append("  public void ").append(method).append("(\n")
        .append("      @QueueTrigger(name = \"message\", queueName = ").append(literal(name(Kind.QUEUE, q.queue())))
        .append(", connection = ").append(literal(storageConnection)).append(", dataType = \"binary\") byte[] message,\n");
    metadata(sb, "queue", "message", QUEUE_METADATA);
  }

  private void object(StringBuilder sb, String method, ObjectTrigger o) {
    if (o.kinds().equals(Set.of(ObjectEventKind.CREATED))) {
      String path = name(Kind.BUCKET, o.bucket()) + "/" + o.prefix() + "{name}" + o.suffix();
      sb.append("  public void ").append(method).append("(\n")
          .append("      @BlobTrigger(name = \"content\", path = ").append(literal(path)).append(", connection = ")
          .append(literal(storageConnection)).append(", dataType = \"binary\") byte[] content,\n");
      metadata(sb, "blob", "content", BLOB_METADATA);
    } else {
      eventGrid(sb, method, "");
    }
  }

  /**
   * An Event Grid trigger. Event Grid filters by type in the subscription, not in function.json: the comment says
   * what to subscribe, and the dispatcher skips other types and sources.
   */
  private void cloudEvent(StringBuilder sb, String method, CloudEventTrigger t) {
    eventGrid(sb, method, "  // Subscribe this function to Event Grid events of type " + t.type()
        + t.source().map(s -> " from " + s).orElse("") + " (CloudEvents 1.0 or Event Grid schema)\n");
  }

  private static void eventGrid(StringBuilder sb, String method, String comment) {
    sb.append(comment).append("  public void ").append(method).append("(\n")
        .append("      @EventGridTrigger(name = \"event\") String event, ExecutionContext context) {\n")
        .append("    AzureFunctions.eventGrid(event, context);\n  }\n");
  }

  private void topic(StringBuilder sb, String method, String function, TopicTrigger t) {
    sb.append("  public void ").append(method).append("(\n")
        .append("      @ServiceBusTopicTrigger(name = \"message\", topicName = ").append(literal(name(Kind.TOPIC, t.topic())))
        .append(", subscriptionName = ").append(literal(function)).append(", connection = ")
        .append(literal(serviceBusConnection)).append(", dataType = \"binary\") byte[] message,\n");
    metadata(sb, "serviceBusTopic", "message", SERVICE_BUS_METADATA);
  }

  /** The trigger metadata each generated entry binds (documented by the trigger's extension). */
  static final List<String> QUEUE_METADATA = List.of("Id", "DequeueCount", "InsertionTime", "ExpirationTime",
      "NextVisibleTime", "PopReceipt");
  static final List<String> BLOB_METADATA = List.of("BlobTrigger", "Properties", "Metadata", "Uri");
  static final List<String> SERVICE_BUS_METADATA = List.of("MessageId", "DeliveryCount", "EnqueuedTimeUtc",
      "ApplicationProperties", "ContentType", "CorrelationId", "Subject", "SequenceNumber", "SessionId", "ReplyTo",
      "To", "ExpiresAtUtc");

  /** One {@code @BindingName} String parameter per metadata name, and the call passing them as pairs. */
  private static void metadata(StringBuilder sb, String entry, String payload, List<String> names) {
    StringBuilder call = new StringBuilder("    AzureFunctions.").append(entry).append('(').append(payload)
        .append(", context");
    for (String name : names) {
      String param = "md" + name;
      sb.append("      @BindingName(\"").append(name).append("\") String ").append(param).append(",\n");
      call.append(",\n        \"").append(name).append("\", ").append(param);
    }
    sb.append("      ExecutionContext context) {\n").append(call).append(");\n  }\n");
  }

  private void timer(StringBuilder sb, String method, ScheduleTrigger s) {
    if (!s.zone().normalized().equals(ZoneOffset.UTC)) {
      throw new InvalidTriggerException("Schedule " + s.describe() + ": Azure timers run in UTC (or the app-wide "
          + "WEBSITE_TIME_ZONE); register the cron in UTC");
    }
    sb.append("  public void ").append(method).append("(\n")
        .append("      @TimerTrigger(name = \"timer\", schedule = ").append(literal(ncrontab(s.cron())))
        .append(") String timer,\n")
        .append("      ExecutionContext context) {\n")
        .append("    AzureFunctions.timer(timer, context);\n  }\n");
  }

  private String name(Kind kind, String logical) {
    if (nameSettings) {
      return "%" + ResourceNames.settingName(kind, logical) + "%";
    }
    String physical = ResourceNames.resolve(kind, logical, config);
    return kind == Kind.TOPIC ? physical : physical.toLowerCase(Locale.ROOT);
  }

  /** {@code /users/{id}} becomes {@code users/{id}}, {@code /files/{path+}} becomes {@code files/{*path}}. */
  static String azureRoute(String path) {
    String route = path.replaceAll("^/+", "").replaceAll("/+$", "");
    return route.replaceAll("\\{([A-Za-z_][A-Za-z0-9_]*)\\+}", "{*$1}");
  }

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /**
   * The six-field NCRONTAB ({@code second minute hour day month day-of-week}) for a five-field cron: a zero seconds
   * field, names as numbers, {@code ?} as {@code *}, Sunday as 0. Refuses an expression restricting both
   * day-of-month and day-of-week, whose "either" meaning NCRONTAB does not share.
   */
  static String ncrontab(CronExpression cron) {
    List<String> f = new ArrayList<>(cron.fields());
    boolean domRestricted = !f.get(2).equals("*") && !f.get(2).equals("?");
    boolean dowRestricted = !f.get(4).equals("*") && !f.get(4).equals("?");
    if (domRestricted && dowRestricted) {
      throw new InvalidTriggerException("Cron '" + cron.expression() + "' restricts both day-of-month and "
          + "day-of-week; Azure's NCRONTAB would need both to match: split it into two schedules");
    }
    f.replaceAll(v -> v.equals("?") ? "*" : v);
    f.set(3, names(f.get(3), MONTHS, 1));
    String dow = names(f.get(4), DAYS, 0);
    dow = Pattern.compile("(?<![0-9])7(?![0-9])").matcher(dow.replaceAll("-7(?![0-9])", "-6,0")).replaceAll("0");
    f.set(4, dow);
    return "0 " + String.join(" ", f);
  }

  private static String names(String field, List<String> names, int first) {
    Matcher m = Pattern.compile("[A-Za-z]{3}").matcher(field);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, String.valueOf(names.indexOf(m.group().toUpperCase(Locale.ROOT)) + first));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static String methodName(String function, Set<String> taken) {
    StringBuilder sb = new StringBuilder();
    for (char c : function.toCharArray()) {
      sb.append(Character.isJavaIdentifierPart(c) ? c : '_');
    }
    String base = sb.toString();
    if (Set.of("class", "default", "public", "static", "void", "new", "return", "switch", "case", "for", "if",
        "int", "long", "package", "import").contains(base)) {
      base = base + "_";
    }
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  private static String literal(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
