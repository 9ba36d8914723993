package dev.faas4j.gcp.deploy;

import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.gcp.GcpHttpFunction;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.ResourceInventory;
import dev.faas4j.spi.ResourceInventory.Resource;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.CloudEventTrigger;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code gcloud} commands that deploy a faas4j application to Cloud Functions (2nd gen), as a bash script
 * derived from its registrations through {@link ResourceInventory}, so that nothing is declared twice. Every
 * function is one {@code gcloud functions deploy} of the same code with the entry point
 * {@code dev.faas4j.gcp.GcpHttpFunction} and {@code FAAS4J_FUNCTION=<name>}:
 *
 * <table>
 *   <caption>Triggers</caption>
 *   <tr><th>faas4j</th><th>Google Cloud</th></tr>
 *   <tr><td>HTTP route</td><td>{@code --trigger-http --allow-unauthenticated} (its own URL; the route is matched
 *       on the path)</td></tr>
 *   <tr><td>bucket</td><td>{@code --trigger-bucket} for created objects, else {@code --trigger-event-filters} per
 *       event type (Eventarc), with {@code --retry}; GCS cannot filter by prefix or suffix</td></tr>
 *   <tr><td>topic</td><td>{@code --trigger-topic} (Eventarc), with {@code --retry}</td></tr>
 *   <tr><td>queue</td><td>a private HTTP function fed by a Pub/Sub push subscription on the queue's topic, with a
 *       dead-letter topic after the function's {@code maxDeliveries} (Pub/Sub takes 5 to 100) and message ordering
 *       for FIFO</td></tr>
 *   <tr><td>cron</td><td>a private HTTP function called by a Cloud Scheduler job with the same five-field cron and
 *       time zone</td></tr>
 *   <tr><td>CloudEvent</td><td>{@code --trigger-event-filters=type=<type>} with the filter Eventarc requires, from
 *       the trigger's source: {@code bucket} for Cloud Storage types, {@code database} for Firestore types;
 *       {@code --trigger-topic} for Pub/Sub's {@code messagePublished}; with {@code --retry}. A type whose required
 *       filters a trigger cannot declare (Cloud Audit Logs) or a missing source is an error naming the
 *       function</td></tr>
 * </table>
 *
 * <p>Resources are named {@code <PREFIX>-<logical name>} and passed as {@code FAAS4J_<KIND>_<NAME>} settings:
 * buckets (GCS), topics and queues (Pub/Sub topics), tables (Firestore collections, with a TTL policy on
 * {@code expireAt}). Settings the app reads through {@code platform.config(...)} are kept in Secret Manager and
 * mounted with {@code --set-secrets}. The script is idempotent for resources (describe, else create) and
 * redeploys functions.
 *
 * <p>Each function gets its own {@code --memory} and {@code --timeout} (and {@code FAAS4J_TIMEOUT_SECONDS}, the
 * deadline functions see) from its registration's options, {@value #DEFAULT_MEMORY_MB} MB and
 * {@value #DEFAULT_TIMEOUT_SECONDS} s when it declares none. Where Google Cloud cannot take a value as declared, the
 * script says so in a comment: event-driven functions run at most 540 s, Pub/Sub dead-letters after 5 to 100
 * deliveries and acknowledges within 10 to 600 s, and Eventarc's retries are bounded by time, not a count.
 */
public final class DeployCommands {
  /** The entry point of every function. */
  public static final String ENTRY_POINT = GcpHttpFunction.class.getName();
  /** The memory of a function that declares none. */
  public static final int DEFAULT_MEMORY_MB = 512;
  /** The timeout of a function that declares none. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 60;
  /** The longest timeout of an event-driven (Eventarc) function; HTTP functions run up to 3600 s. */
  private static final int EVENT_TIMEOUT_LIMIT_SECONDS = 540;
  private static final String PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";

  private final ResourceInventory inventory;
  private final String source;
  private final String javaToolOptions;

  private DeployCommands(ResourceInventory inventory, String source, String javaToolOptions) {
    this.inventory = inventory;
    this.source = source;
    this.javaToolOptions = javaToolOptions;
  }

  /** Commands for {@code inventory}'s app, deploying the directory {@code function} next to the script. */
  public static DeployCommands of(ResourceInventory inventory) {
    return new DeployCommands(inventory, "function", "");
  }

  /**
   * The directory {@code gcloud} uploads, relative to the script: a thin JAR whose manifest {@code Class-Path}
   * names its dependencies in {@code libs/}, or an uber JAR alone (Cloud Functions' JAR deployment).
   */
  public DeployCommands source(String directory) {
    if (directory.isBlank() || directory.contains("'") || directory.contains("\"")) {
      throw new IllegalArgumentException("source must be a plain relative directory; got '" + directory + "'");
    }
    return new DeployCommands(inventory, directory, javaToolOptions);
  }

  /**
   * JVM options every function starts with, set as its {@code JAVA_TOOL_OPTIONS}: those of a start-up archive shipped
   * in the source directory ({@link InvokerTraining.Result#jvmOptions()}). None by default. The option also carries the
   * heap size the buildpack's launcher sets only while {@code JAVA_TOOL_OPTIONS} is unset ({@code -XX:MaxRAM=<memory>m
   * -XX:MaxRAMPercentage=70}). No commas or quotes ({@code --set-env-vars} separates with commas).
   */
  public DeployCommands javaToolOptions(String options) {
    if (options.contains(",") || options.contains("\"") || options.contains("'") || options.contains("$")) {
      throw new IllegalArgumentException("javaToolOptions must not contain commas, quotes or $; got '" + options
          + "'");
    }
    return new DeployCommands(inventory, source, options.strip());
  }

  /** The deployed name of a function: {@code createUser} → {@code create-user} (Cloud Run names are lower case). */
  public static String deployName(String function) {
    StringBuilder sb = new StringBuilder();
    char[] chars = function.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      // a word starts at an upper-case letter after a lower-case one or a digit (createUser), or at the last
      // capital of an acronym (ETLJob → etl-job)
      boolean wordStart = i > 0 && Character.isUpperCase(c) && (!Character.isUpperCase(chars[i - 1])
          || i + 1 < chars.length && Character.isLowerCase(chars[i + 1]));
      if (wordStart && sb.charAt(sb.length() - 1) != '-') {
        sb.append('-');
      }
      sb.append(c == '_' ? '-' : Character.toLowerCase(c));
    }
    return sb.toString();
  }

  /** Writes the script to {@code file}, executable where the file system allows. */
  public void write(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(file, script(), StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: run it with bash
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** The bash script. */
  public String script() {
    List<String> lines = new ArrayList<>();
    lines.add("#!/usr/bin/env bash");
    lines.add("# Deploys the faas4j application " + inventory.appClass() + " to Cloud Functions (2nd gen).");
    lines.add("# Generated by dev.faas4j.gcp.DeployCommands from its registrations. Do not edit: regenerate.");
    lines.add("#");
    lines.add("# Environment: PROJECT (default: gcloud's), REGION (default us-central1), PREFIX (default faas4j; resources");
    lines.add("# and functions are named <PREFIX>-<name>), RUNTIME_SA (the functions' identity, default the compute");
    lines.add("# default service account; also the identity of push subscriptions and scheduler jobs)"
        + (inventory.configKeys().isEmpty() ? "." : ","));
    if (!inventory.configKeys().isEmpty()) {
      lines.add("# and for the first deployment the app's settings " + String.join(", ", inventory.configKeys())
          + " (kept in Secret Manager).");
    }
    lines.add("set -euo pipefail");
    lines.add("cd \"$(dirname \"$0\")\"");
    lines.add("PROJECT=\"${PROJECT:-$(gcloud config get-value project 2>/dev/null)}\"");
    lines.add("REGION=\"${REGION:-us-central1}\"");
    lines.add("PREFIX=\"${PREFIX:-faas4j}\"");
    lines.add("PROJECT_NUMBER=\"$(gcloud projects describe \"$PROJECT\" --format='value(projectNumber)')\"");
    lines.add("RUNTIME_SA=\"${RUNTIME_SA:-${PROJECT_NUMBER}-compute@developer.gserviceaccount.com}\"");
    lines.add("PUBSUB_AGENT=\"service-${PROJECT_NUMBER}@gcp-sa-pubsub.iam.gserviceaccount.com\"");
    lines.add("P=(--project=\"$PROJECT\")");
    lines.add("DEPLOY=(--gen2 \"${P[@]}\" --region=\"$REGION\" --runtime=java17 --source='" + source + "' \\");
    lines.add("  --entry-point=" + ENTRY_POINT + " --service-account=\"$RUNTIME_SA\")");
    lines.add("ENV=\"FAAS4J_APP=" + inventory.appClass() + settings() + "\"");
    lines.add("");
    resources(lines);
    lines.add("SECRETS=\"" + secrets() + "\"");
    for (String key : inventory.configKeys()) {
      String secret = "${PREFIX}-" + key.toLowerCase(Locale.ROOT).replace('_', '-');
      lines.add("# " + key + " (platform.config): a secret, created from $" + key + " on the first deployment");
      lines.add("gcloud secrets describe \"" + secret + "\" \"${P[@]}\" >/dev/null 2>&1 || printf '%s' \"${" + key
          + ":?set " + key + " for the first deployment}\" | gcloud secrets create \"" + secret
          + "\" \"${P[@]}\" --data-file=-");
      lines.add("gcloud secrets add-iam-policy-binding \"" + secret + "\" \"${P[@]}\" --member=\"serviceAccount:$RUNTIME_SA\""
          + " --role=roles/secretmanager.secretAccessor >/dev/null");
    }
    lines.add("");
    for (FunctionDefinition fn : inventory.functions()) {
      function(lines, fn);
      lines.add("");
    }
    return String.join("\n", lines).stripTrailing() + "\n";
  }

  private String settings() {
    StringBuilder sb = new StringBuilder();
    for (Resource r : inventory.resources()) {
      sb.append(',').append(r.setting()).append('=').append(physical(r.name()));
    }
    return sb.toString();
  }

  private String secrets() {
    List<String> parts = new ArrayList<>();
    for (String key : inventory.configKeys()) {
      parts.add(key + "=${PREFIX}-" + key.toLowerCase(Locale.ROOT).replace('_', '-') + ":latest");
    }
    return String.join(",", parts);
  }

  private void resources(List<String> lines) {
    for (Resource r : inventory.resources()) {
      String name = physical(r.name());
      switch (r.kind()) {
        case BUCKET -> {
          lines.add("# bucket " + r.name());
          lines.add("gcloud storage buckets describe \"gs://" + name + "\" \"${P[@]}\" >/dev/null 2>&1 \\");
          lines.add("  || gcloud storage buckets create \"gs://" + name + "\" \"${P[@]}\" --location=\"$REGION\""
              + " --uniform-bucket-level-access");
        }
        case QUEUE, TOPIC -> {
          lines.add("# " + (r.kind() == Kind.QUEUE ? "queue " : "topic ") + r.name() + ": a Pub/Sub topic");
          topic(lines, name);
        }
        case TABLE -> {
          lines.add("# table " + r.name() + ": a Firestore collection; expired entries are deleted by a TTL policy");
          lines.add("gcloud firestore databases describe --database='(default)' \"${P[@]}\" >/dev/null 2>&1 \\");
          lines.add("  || gcloud firestore databases create --location=\"$REGION\" \"${P[@]}\"");
          lines.add("gcloud firestore fields ttls update expireAt --collection-group=\"" + name
              + "\" --enable-ttl --async \"${P[@]}\" >/dev/null");
        }
      }
    }
    if (inventory.functions().stream().anyMatch(f -> f.trigger() instanceof ObjectTrigger)) {
      lines.add("# Cloud Storage publishes the events of bucket triggers through Pub/Sub");
      lines.add("gcloud projects add-iam-policy-binding \"$PROJECT\" --member=\"serviceAccount:$(gcloud storage "
          + "service-agent \"${P[@]}\")\" --role=roles/pubsub.publisher --condition=None >/dev/null");
    }
  }

  private static void topic(List<String> lines, String name) {
    lines.add("gcloud pubsub topics describe \"" + name + "\" \"${P[@]}\" >/dev/null 2>&1 \\");
    lines.add("  || gcloud pubsub topics create \"" + name + "\" \"${P[@]}\"");
  }

  private void function(List<String> lines, FunctionDefinition fn) {
    String name = "${PREFIX}-" + deployName(fn.name());
    lines.add("# " + fn.name() + ": " + fn.trigger().describe());
    int timeout = timeoutSeconds(lines, fn);
    int memory = fn.options().memoryMb().orElse(DEFAULT_MEMORY_MB);
    // Once JAVA_TOOL_OPTIONS is set, the buildpack's launcher no longer sizes the heap from the memory: size it here
    // as the launcher does (70 % of the memory)
    String common = "gcloud functions deploy \"" + name + "\" \"${DEPLOY[@]}\" \\\n  --memory="
        + memory + "Mi --timeout=" + timeout + "s --set-env-vars=\""
        + FunctionHost.FUNCTION_SETTING + "=" + fn.name() + "," + FunctionHost.TIMEOUT_SETTING + "=" + timeout
        + (javaToolOptions.isEmpty() ? "" : ",JAVA_TOOL_OPTIONS=-XX:MaxRAM=" + memory + "m -XX:MaxRAMPercentage=70 "
            + javaToolOptions) + ",$ENV\""
        + (inventory.configKeys().isEmpty() ? "" : " --set-secrets=\"$SECRETS\"") + " \\\n  ";
    if (eventDriven(fn)) {
      lines.add("# Eventarc retries a failed event for up to 24 hours: maxDeliveries " + fn.options().maxDeliveries()
          + " does not apply");
    }
    if (fn.trigger() instanceof HttpRoute) {
      lines.add(common + "--trigger-http --allow-unauthenticated");
    } else if (fn.trigger() instanceof ObjectTrigger t) {
      String bucket = physical(t.bucket());
      List<ObjectEventKind> kinds = new ArrayList<>(t.kinds());
      if (!t.prefix().isEmpty() || !t.suffix().isEmpty()) {
        lines.add("# GCS triggers cannot filter keys: every object's event reaches the function, which acknowledges"
            + " and skips those outside " + (t.prefix().isEmpty() ? "" : "prefix " + t.prefix())
            + (t.prefix().isEmpty() || t.suffix().isEmpty() ? "" : " and ")
            + (t.suffix().isEmpty() ? "" : "suffix " + t.suffix()));
      }
      if (kinds.equals(List.of(ObjectEventKind.CREATED))) {
        lines.add(common + "--trigger-bucket=\"" + bucket + "\" --retry");
      } else {
        lines.add(common + "--trigger-event-filters=type=" + storageType(kinds.get(0))
            + " --trigger-event-filters=bucket=\"" + bucket + "\" --retry");
        for (ObjectEventKind kind : kinds.subList(1, kinds.size())) {
          String trigger = name + "-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
          lines.add("gcloud eventarc triggers describe \"" + trigger + "\" --location=\"$REGION\" \"${P[@]}\" >/dev/null"
              + " 2>&1 || gcloud eventarc triggers create \"" + trigger + "\" --location=\"$REGION\" \"${P[@]}\" \\");
          lines.add("  --destination-run-service=\"" + name + "\" --destination-run-region=\"$REGION\""
              + " --service-account=\"$RUNTIME_SA\" \\");
          lines.add("  --event-filters=type=" + storageType(kind) + " --event-filters=bucket=\"" + bucket + "\"");
        }
      }
    } else if (fn.trigger() instanceof TopicTrigger t) {
      lines.add(common + "--trigger-topic=\"" + physical(t.topic()) + "\" --retry");
    } else if (fn.trigger() instanceof QueueTrigger t) {
      String topic = physical(t.queue());
      String dlq = physical(t.queue() + "-dlq");
      String subscription = physical(t.queue() + "-" + deployName(fn.name()));
      int maxDeliveries = fn.options().maxDeliveries();
      int attempts = Math.max(5, Math.min(100, maxDeliveries));
      lines.add(common + "--trigger-http --no-allow-unauthenticated");
      privateUrl(lines, name);
      lines.add("# dead letters after " + attempts + " deliveries"
          + (attempts != maxDeliveries ? " (maxDeliveries " + maxDeliveries + "; Pub/Sub takes 5 to 100)" : "")
          + ", kept by a subscription on the dead-letter topic");
      topic(lines, dlq);
      lines.add("gcloud pubsub subscriptions describe \"" + dlq + "\" \"${P[@]}\" >/dev/null 2>&1 \\");
      lines.add("  || gcloud pubsub subscriptions create \"" + dlq + "\" --topic=\"" + dlq + "\" \"${P[@]}\"");
      lines.add("# one message per push: batch size " + t.batchSize() + " does not apply to push delivery");
      int ackDeadline = Math.max(10, Math.min(600, timeout));
      if (ackDeadline != timeout) {
        lines.add("# acknowledgement deadline " + ackDeadline + " s for the timeout of " + timeout
            + " s: Pub/Sub takes 10 to 600 s");
      }
      lines.add("gcloud pubsub subscriptions describe \"" + subscription + "\" \"${P[@]}\" >/dev/null 2>&1 \\");
      lines.add("  || gcloud pubsub subscriptions create \"" + subscription + "\" --topic=\"" + topic + "\" \"${P[@]}\" \\");
      lines.add("    --push-endpoint=\"$URL\" --push-auth-service-account=\"$RUNTIME_SA\" --ack-deadline="
          + ackDeadline + " \\");
      lines.add("    --dead-letter-topic=\"" + dlq + "\" --max-delivery-attempts=" + attempts
          + (t.ordered() ? " --enable-message-ordering" : ""));
      lines.add("gcloud pubsub topics add-iam-policy-binding \"" + dlq + "\" \"${P[@]}\" --member=\"serviceAccount:"
          + "$PUBSUB_AGENT\" --role=roles/pubsub.publisher >/dev/null");
      lines.add("gcloud pubsub subscriptions add-iam-policy-binding \"" + subscription + "\" \"${P[@]}\" "
          + "--member=\"serviceAccount:$PUBSUB_AGENT\" --role=roles/pubsub.subscriber >/dev/null");
    } else if (fn.trigger() instanceof CloudEventTrigger t) {
      cloudEventTrigger(lines, common, fn.name(), t);
    } else if (fn.trigger() instanceof ScheduleTrigger t) {
      String job = name;
      lines.add(common + "--trigger-http --no-allow-unauthenticated");
      privateUrl(lines, name);
      lines.add("gcloud scheduler jobs describe \"" + job + "\" --location=\"$REGION\" \"${P[@]}\" >/dev/null 2>&1 \\");
      lines.add("  || gcloud scheduler jobs create http \"" + job + "\" --location=\"$REGION\" \"${P[@]}\" \\");
      lines.add("    --schedule=\"" + String.join(" ", t.cron().fields()) + "\" --time-zone=\"" + timeZone(fn.name(), t)
          + "\" --uri=\"$URL\" --http-method=POST --oidc-service-account-email=\"$RUNTIME_SA\"");
    }
  }

  /**
   * An Eventarc trigger for a CloudEvent function: the type, and the filters Eventarc requires for it, taken from
   * the trigger's source where one names them (a topic, a bucket, a Firestore database).
   *
   * @throws InvalidTriggerException naming the function when Eventarc needs a filter the trigger cannot give
   */
  private static void cloudEventTrigger(List<String> lines, String common, String function, CloudEventTrigger t) {
    String type = t.type();
    if (type.equals(PUBSUB_PUBLISHED)) {
      String topic = sourcePart(function, t, "//pubsub.googleapis.com/projects/", "/topics/", "a Pub/Sub topic");
      lines.add(common + "--trigger-topic=\"" + topic + "\" --retry");
      return;
    }
    if (type.startsWith("google.cloud.audit.log.")) {
      throw new InvalidTriggerException("CloudEvent function " + function + ": Eventarc needs serviceName and "
          + "methodName filters for " + type + ", which a CloudEvent trigger (type, source) cannot declare; "
          + "deploy it with 'gcloud eventarc triggers create' and those filters");
    }
    String filter;
    if (type.startsWith("google.cloud.storage.object.v1.")) {
      filter = " --trigger-event-filters=bucket=\"" + sourcePart(function, t, "//storage.googleapis.com/projects/",
          "/buckets/", "a bucket") + "\"";
    } else if (type.startsWith("google.cloud.firestore.document.v1.")) {
      lines.add("# Firestore triggers must be in the database's location: add --trigger-location if it is not $REGION");
      filter = " --trigger-event-filters=database=\"" + sourcePart(function, t, "//firestore.googleapis.com/projects/",
          "/databases/", "a Firestore database") + "\"";
    } else {
      filter = "";
      t.source().ifPresent(s -> lines.add("# Eventarc does not filter on the source: events from other sources are"
          + " acknowledged and skipped"));
    }
    lines.add(common + "--trigger-event-filters=type=" + type + filter + " --retry");
  }

  /**
   * The resource after {@code marker} in the trigger's source ({@code //pubsub.googleapis.com/projects/p/topics/t}
   * gives {@code t}), which Eventarc requires.
   */
  private static String sourcePart(String function, CloudEventTrigger t, String prefix, String marker,
      String what) {
    String source = t.source().orElse("");
    int at = source.indexOf(marker);
    String part = source.startsWith(prefix) && at > prefix.length() ? source.substring(at + marker.length()) : "";
    if (part.isEmpty() || part.contains("/") || part.contains("\"") || part.contains("$") || part.contains("`")) {
      throw new InvalidTriggerException("CloudEvent function " + function + ": Eventarc needs " + what + " for "
          + t.type() + "; declare it as the trigger's source, e.g. " + prefix + "<project>" + marker + "<name>"
          + (t.source().isPresent() ? " (got '" + t.source().get() + "')" : ""));
    }
    return part;
  }

  /** The function's timeout, capped (and said so) where Cloud Functions caps it. */
  private static int timeoutSeconds(List<String> lines, FunctionDefinition fn) {
    int timeout = fn.options().timeoutSeconds(DEFAULT_TIMEOUT_SECONDS);
    if (eventDriven(fn) && timeout > EVENT_TIMEOUT_LIMIT_SECONDS) {
      lines.add("# timeout " + timeout + " s capped to " + EVENT_TIMEOUT_LIMIT_SECONDS
          + " s: event-driven functions run at most that long");
      return EVENT_TIMEOUT_LIMIT_SECONDS;
    }
    return timeout;
  }

  /** Delivered by Eventarc: bucket, topic and CloudEvent triggers (queues and schedules are private HTTP functions). */
  private static boolean eventDriven(FunctionDefinition fn) {
    return fn.kind() == FunctionDefinition.Kind.STORAGE || fn.kind() == FunctionDefinition.Kind.TOPIC
        || fn.kind() == FunctionDefinition.Kind.CLOUD_EVENT;
  }

  /** A tz database name, as Cloud Scheduler wants: {@code UTC} for the default zone, else the region id. */
  private static String timeZone(String function, ScheduleTrigger t) {
    if (t.zone().normalized().equals(java.time.ZoneOffset.UTC)) {
      return "UTC";
    }
    if (t.zone() instanceof java.time.ZoneOffset) {
      throw new dev.faas4j.trigger.InvalidTriggerException("Schedule of " + function + ": Cloud Scheduler takes a "
          + "time zone name (Europe/Paris), not the offset " + t.zone());
    }
    return t.zone().getId();
  }

  private static void privateUrl(List<String> lines, String name) {
    lines.add("URL=\"$(gcloud functions describe \"" + name + "\" --gen2 --region=\"$REGION\" \"${P[@]}\""
        + " --format='value(serviceConfig.uri)')\"");
    lines.add("gcloud functions add-invoker-policy-binding \"" + name + "\" --region=\"$REGION\" \"${P[@]}\""
        + " --member=\"serviceAccount:$RUNTIME_SA\" >/dev/null");
  }

  private static String storageType(ObjectEventKind kind) {
    return "google.cloud.storage.object.v1." + switch (kind) {
      case CREATED -> "finalized";
      case DELETED -> "deleted";
      case ARCHIVED -> "archived";
      case METADATA_UPDATED, OTHER -> "metadataUpdated";
    };
  }

  private static String physical(String logical) {
    return "${PREFIX}-" + logical.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
