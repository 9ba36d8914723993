package dev.faas4j.aws.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.aws.DynamoDbKeyValueStore;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.ResourceInventory;
import dev.faas4j.spi.ResourceInventory.Resource;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.CronExpression;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.CloudEventTrigger;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An AWS SAM template (JSON, which SAM and CloudFormation accept as well as YAML) for a faas4j application,
 * derived from its registrations through {@link ResourceInventory}, so that nothing is declared twice:
 *
 * <ul>
 *   <li>one {@code AWS::Serverless::Function} per registered function, all with the handler
 *       {@code dev.faas4j.aws.LambdaHandler::handleRequest}, runtime {@code java17}, the same code artifact, and
 *       {@code FAAS4J_APP} / {@code FAAS4J_FUNCTION} in their environment; {@code MemorySize} and {@code Timeout}
 *       are the function's own ({@link dev.faas4j.Registration#memoryMb}, {@link dev.faas4j.Registration#timeout}),
 *       else the template's defaults; object, topic and schedule functions get {@code EventInvokeConfig}
 *       {@code MaximumRetryAttempts} from their {@code maxDeliveries} (at most 2 retries, which Lambda allows: a
 *       larger value is capped and the function's description says so);
 *   <li>its event: HTTP routes as {@code HttpApi} events (one per method, {@code GET} also {@code HEAD}, paths as
 *       they are, {@code {path+}} included), buckets as {@code S3} events with prefix/suffix filter rules, queues as
 *       {@code SQS} events reporting batch item failures, topics as {@code SNS} events, cron schedules as
 *       {@code Schedule} events with {@code cron(...)} ({@code ScheduleV2} with a time zone when not UTC),
 *       CloudEvent triggers as {@code EventBridgeRule} events matching {@code detail-type} (and {@code source});
 *   <li>the resources: S3 buckets, SQS queues (a dead-letter queue and a redrive policy with
 *       {@code maxReceiveCount} = the consuming function's {@code maxDeliveries}, a visibility timeout six times
 *       its timeout, {@code .fifo} for ordered queues), SNS topics
 *       and DynamoDB tables laid out as {@link DynamoDbKeyValueStore} expects (partition key {@code pk}, TTL on
 *       {@code ttl}); each function gets every {@code FAAS4J_<KIND>_<NAME>} setting pointing at them and the
 *       matching SAM policy templates;
 *   <li>a {@code NoEcho} parameter for each setting the app reads through {@code platform.config(...)}.
 * </ul>
 *
 * <p>Buckets get explicit names ({@code <ResourcePrefix>-<account id>-<logical name>}): a bucket that notifies a
 * function it also names in that function's environment would otherwise be a circular dependency. The application
 * does not say which function uses which port, so every function gets every resource's setting and policy.
 */
public final class SamTemplate {
  /** The handler every function uses. */
  public static final String HANDLER = "dev.faas4j.aws.LambdaHandler::handleRequest";
  /** The Lambda runtime every function names; a start-up archive must come from its JDK build. */
  public static final String RUNTIME = "java17";
  /** The name of the parameter that prefixes bucket names. */
  public static final String PREFIX_PARAMETER = "ResourcePrefix";
  private static final int MAX_PREFIX = 20;
  /** An asynchronous invocation and Lambda's at most two retries. */
  private static final int MAX_ASYNC_DELIVERIES = 3;
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ResourceInventory inventory;
  private final String codeUri;
  private final int memorySize;
  private final int timeoutSeconds;
  private final String javaToolOptions;
  private final boolean snapStart;
  private final String execWrapper;

  private SamTemplate(ResourceInventory inventory, String codeUri, int memorySize, int timeoutSeconds,
      String javaToolOptions, boolean snapStart, String execWrapper) {
    this.inventory = inventory;
    this.codeUri = codeUri;
    this.memorySize = memorySize;
    this.timeoutSeconds = timeoutSeconds;
    this.javaToolOptions = javaToolOptions;
    this.snapStart = snapStart;
    this.execWrapper = execWrapper;
  }

  /**
   * A template for {@code inventory}'s app: code in {@code lambda.zip}; functions that declare no memory or timeout
   * get 512 MB and 30 seconds.
   */
  public static SamTemplate of(ResourceInventory inventory) {
    return new SamTemplate(inventory, "lambda.zip", 512, 30, "", false, "");
  }

  /** Where the Lambda zip is, relative to the template (SAM uploads it on deploy). */
  public SamTemplate codeUri(String uri) {
    if (uri.isBlank()) {
      throw new IllegalArgumentException("codeUri must not be blank");
    }
    return new SamTemplate(inventory, uri, memorySize, timeoutSeconds, javaToolOptions, snapStart, execWrapper);
  }

  /** Memory of the functions that declare none, 128 to 10240 MB. */
  public SamTemplate memorySize(int megabytes) {
    if (megabytes < 128 || megabytes > 10_240) {
      throw new IllegalArgumentException("memorySize must be 128 to 10240 MB; got " + megabytes);
    }
    return new SamTemplate(inventory, codeUri, megabytes, timeoutSeconds, javaToolOptions, snapStart, execWrapper);
  }

  /**
   * Timeout of the functions that declare none, 1 to 900 seconds; a queue's visibility timeout is six times its
   * consumer's timeout.
   */
  public SamTemplate timeoutSeconds(int seconds) {
    if (seconds < 1 || seconds > 900) {
      throw new IllegalArgumentException("timeoutSeconds must be 1 to 900; got " + seconds);
    }
    return new SamTemplate(inventory, codeUri, memorySize, seconds, javaToolOptions, snapStart, execWrapper);
  }

  /**
   * JVM options every function starts with, as its {@code JAVA_TOOL_OPTIONS}. None by default.
   */
  public SamTemplate javaToolOptions(String options) {
    return new SamTemplate(inventory, codeUri, memorySize, timeoutSeconds, options.strip(), snapStart, execWrapper);
  }

  /**
   * Lambda SnapStart on published versions ({@code AutoPublishAlias: live}, which the triggers then invoke): the
   * adapter primes the snapshot when {@code org.crac} is in the code. Off by default.
   */
  public SamTemplate snapStart(boolean on) {
    return new SamTemplate(inventory, codeUri, memorySize, timeoutSeconds, javaToolOptions, on, execWrapper);
  }

  /**
   * The script Lambda starts the runtime with ({@code AWS_LAMBDA_EXEC_WRAPPER}), a path in the code, e.g. the
   * launcher of a trained deployment ({@code /var/task/} + {@link LambdaTraining#LAUNCHER}). None by default.
   */
  public SamTemplate execWrapper(String path) {
    if (!path.isEmpty() && (!path.startsWith("/var/task/") || path.contains(".."))) {
      throw new IllegalArgumentException("execWrapper must be a path under /var/task/; got " + path);
    }
    return new SamTemplate(inventory, codeUri, memorySize, timeoutSeconds, javaToolOptions, snapStart, path);
  }

  /** The template as indented JSON. */
  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree()) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("A template tree always serialises", e);
    }
  }

  /** Writes {@link #toJson()} to {@code file}, creating its directory. */
  public void write(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** The template as a JSON tree. */
  public ObjectNode tree() {
    ObjectNode root = NODES.objectNode();
    root.put("AWSTemplateFormatVersion", "2010-09-09");
    root.put("Transform", "AWS::Serverless-2016-10-31");
    root.put("Description", "faas4j application " + inventory.appClass()
        + ", generated by dev.faas4j.aws.deploy.SamTemplate from its registrations. Do not edit. MemorySize, Timeout "
        + "and maxReceiveCount are per function (Registration.memoryMb, timeout, maxDeliveries); functions that "
        + "declare none get the generator's defaults.");
    ObjectNode parameters = root.putObject("Parameters");
    parameters.putObject(PREFIX_PARAMETER).put("Type", "String").put("Default", "faas4j")
        .put("AllowedPattern", "[a-z0-9][a-z0-9-]{0," + (MAX_PREFIX - 1) + "}")
        .put("Description", "Lower-case prefix of the bucket names: <prefix>-<account id>-<logical name>");
    for (String key : inventory.configKeys()) {
      parameters.putObject(logicalId(key, "")).put("Type", "String").put("NoEcho", true)
          .put("Description", "The application setting " + key + " (platform.config)");
    }
    ObjectNode resources = root.putObject("Resources");
    Set<String> ids = new HashSet<>();
    for (FunctionDefinition fn : inventory.functions()) {
      resources.set(unique(logicalId(fn.name(), "Function"), ids), function(fn));
    }
    for (Resource r : inventory.resources()) {
      switch (r.kind()) {
        case BUCKET -> resources.set(id(r), bucket(r.name()));
        case QUEUE -> queue(resources, r);
        case TOPIC -> resources.set(id(r), NODES.objectNode().put("Type", "AWS::SNS::Topic"));
        case TABLE -> resources.set(id(r), table());
      }
    }
    ObjectNode outputs = root.putObject("Outputs");
    if (inventory.functions().stream().anyMatch(f -> f.kind() == FunctionDefinition.Kind.HTTP)) {
      outputs.putObject("HttpApiUrl").put("Description", "Base URL of the HTTP functions")
          .set("Value", sub("https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"));
    }
    for (String bucket : inventory.names(Kind.BUCKET)) {
      outputs.putObject(logicalId(bucket, "BucketName")).set("Value", bucketName(bucket));
    }
    return root;
  }

  private ObjectNode function(FunctionDefinition fn) {
    ObjectNode function = NODES.objectNode().put("Type", "AWS::Serverless::Function");
    ObjectNode p = function.putObject("Properties");
    p.put("Description", fn.describe().replaceAll("\\s+", " "));
    p.put("Handler", HANDLER).put("Runtime", RUNTIME).put("CodeUri", codeUri)
        .put("MemorySize", memoryMb(fn)).put("Timeout", timeoutSeconds(fn));
    if (snapStart) {
      p.put("AutoPublishAlias", "live");
      p.putObject("SnapStart").put("ApplyOn", "PublishedVersions");
    }
    ObjectNode env = p.putObject("Environment").putObject("Variables");
    env.put("FAAS4J_APP", inventory.appClass());
    if (!javaToolOptions.isEmpty()) {
      env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
    }
    if (!execWrapper.isEmpty()) {
      env.put("AWS_LAMBDA_EXEC_WRAPPER", execWrapper);
    }
    env.put(FunctionHost.FUNCTION_SETTING, fn.name());
    ArrayNode policies = p.putArray("Policies");
    for (Resource r : inventory.resources()) {
      switch (r.kind()) {
        case BUCKET -> {
          env.set(r.setting(), bucketName(r.name()));
          policies.addObject().putObject("S3CrudPolicy").set("BucketName", bucketName(r.name()));
        }
        case QUEUE -> {
          env.set(r.setting(), ref(id(r))); // the queue URL
          policies.addObject().putObject("SQSSendMessagePolicy").set("QueueName", getAtt(id(r), "QueueName"));
        }
        case TOPIC -> {
          env.set(r.setting(), ref(id(r))); // the topic ARN
          policies.addObject().putObject("SNSPublishMessagePolicy").set("TopicName", getAtt(id(r), "TopicName"));
        }
        case TABLE -> {
          env.set(r.setting(), ref(id(r)));
          policies.addObject().putObject("DynamoDBCrudPolicy").set("TableName", ref(id(r)));
        }
      }
    }
    for (String key : inventory.configKeys()) {
      env.set(key, ref(logicalId(key, "")));
    }
    events(p.putObject("Events"), fn);
    if (fn.kind() == FunctionDefinition.Kind.STORAGE || fn.kind() == FunctionDefinition.Kind.TOPIC
        || fn.kind() == FunctionDefinition.Kind.SCHEDULE || fn.kind() == FunctionDefinition.Kind.CLOUD_EVENT) {
      // S3, SNS and EventBridge invoke asynchronously: Lambda delivers such an event at most three times.
      int deliveries = fn.options().maxDeliveries();
      p.putObject("EventInvokeConfig").put("MaximumRetryAttempts", Math.min(MAX_ASYNC_DELIVERIES, deliveries) - 1);
      if (deliveries > MAX_ASYNC_DELIVERIES) {
        p.put("Description", p.get("Description").asText() + " (maxDeliveries " + deliveries + " capped at "
            + MAX_ASYNC_DELIVERIES + ", the most Lambda delivers an asynchronous event)");
      }
    }
    return function;
  }

  /** The function's own memory, else the template's; Lambda takes 128 to 10240 MB (options allow more). */
  private int memoryMb(FunctionDefinition fn) {
    int mb = fn.options().memoryMb().orElse(memorySize);
    if (mb > 10_240) {
      throw new InvalidTriggerException("Function '" + fn.name() + "': Lambda allows at most 10240 MB of memory; "
          + "got " + mb);
    }
    return mb;
  }

  /** The function's own timeout, else the template's; Lambda stops functions after 900 seconds at most. */
  private int timeoutSeconds(FunctionDefinition fn) {
    int seconds = fn.options().timeoutSeconds(timeoutSeconds);
    if (seconds > 900) {
      throw new InvalidTriggerException("Function '" + fn.name() + "': Lambda allows a timeout of at most 900 s "
          + "(15 min); got " + seconds + " s");
    }
    return seconds;
  }

  private void events(ObjectNode events, FunctionDefinition fn) {
    if (fn.trigger() instanceof HttpRoute route) {
      Set<String> methods = new LinkedHashSet<>(route.methods());
      if (methods.contains("GET")) {
        methods.add("HEAD");
      }
      if (methods.isEmpty()) {
        methods.add("ANY");
      }
      for (String method : methods) {
        events.putObject(logicalId(method.toLowerCase(Locale.ROOT), "")).put("Type", "HttpApi")
            .putObject("Properties").put("Path", route.path()).put("Method", method);
      }
    } else if (fn.trigger() instanceof ObjectTrigger t) {
      ObjectNode p = events.putObject("Upload").put("Type", "S3").putObject("Properties");
      p.set("Bucket", ref(id(new Resource(Kind.BUCKET, t.bucket()))));
      ArrayNode kinds = p.putArray("Events");
      for (ObjectEventKind kind : t.kinds()) {
        for (String event : s3Events(kind)) {
          kinds.add(event);
        }
      }
      if (!t.prefix().isEmpty() || !t.suffix().isEmpty()) {
        ArrayNode rules = p.putObject("Filter").putObject("S3Key").putArray("Rules");
        if (!t.prefix().isEmpty()) {
          rules.addObject().put("Name", "prefix").put("Value", t.prefix());
        }
        if (!t.suffix().isEmpty()) {
          rules.addObject().put("Name", "suffix").put("Value", t.suffix());
        }
      }
    } else if (fn.trigger() instanceof QueueTrigger t) {
      ObjectNode p = events.putObject("Messages").put("Type", "SQS").putObject("Properties");
      p.set("Queue", getAtt(id(new Resource(Kind.QUEUE, t.queue())), "Arn"));
      int batch = t.ordered() ? Math.min(10, t.batchSize()) : t.batchSize(); // FIFO sources take at most 10
      p.put("BatchSize", batch);
      if (batch > 10) {
        p.put("MaximumBatchingWindowInSeconds", 1); // required by SQS for batches over 10
      }
      p.putArray("FunctionResponseTypes").add("ReportBatchItemFailures");
    } else if (fn.trigger() instanceof TopicTrigger t) {
      events.putObject("Notification").put("Type", "SNS").putObject("Properties")
          .set("Topic", ref(id(new Resource(Kind.TOPIC, t.topic()))));
    } else if (fn.trigger() instanceof ScheduleTrigger t) {
      if (t.zone().normalized().equals(ZoneOffset.UTC)) {
        events.putObject("Schedule").put("Type", "Schedule").putObject("Properties")
            .put("Schedule", awsCron(t.cron()));
      } else if (t.zone() instanceof ZoneOffset) {
        throw new InvalidTriggerException("Schedule of " + fn.name() + ": EventBridge Scheduler takes a time zone "
            + "name (Europe/Paris), not the offset " + t.zone());
      } else {
        events.putObject("Schedule").put("Type", "ScheduleV2").putObject("Properties")
            .put("ScheduleExpression", awsCron(t.cron())).put("ScheduleExpressionTimezone", t.zone().getId());
      }
    } else if (fn.trigger() instanceof CloudEventTrigger t) {
      // On AWS a CloudEvent is an EventBridge event: type = detail-type, source = source (the adapter's mapping).
      ObjectNode pattern = events.putObject("Events").put("Type", "EventBridgeRule").putObject("Properties")
          .putObject("Pattern");
      t.source().ifPresent(source -> pattern.putArray("source").add(source));
      pattern.putArray("detail-type").add(t.type());
    } else {
      throw new InvalidTriggerException("Function '" + fn.name() + "': " + fn.trigger().describe()
          + " has no Lambda event source in the SAM template");
    }
  }

  private static List<String> s3Events(ObjectEventKind kind) {
    return switch (kind) {
      case CREATED -> List.of("s3:ObjectCreated:*");
      case DELETED -> List.of("s3:ObjectRemoved:*");
      case ARCHIVED -> List.of("s3:LifecycleTransition");
      case METADATA_UPDATED -> List.of("s3:ObjectTagging:*", "s3:ObjectAcl:Put");
      case OTHER -> List.of("s3:ObjectRestore:*", "s3:LifecycleExpiration:*", "s3:Replication:*");
    };
  }

  private void queue(ObjectNode resources, Resource r) {
    ObjectNode queue = resources.putObject(id(r)).put("Type", "AWS::SQS::Queue");
    ObjectNode p = queue.putObject("Properties");
    FunctionDefinition consumer = inventory.queueConsumer(r.name()).orElse(null);
    // Lambda requires the visibility timeout to cover the consumer's timeout; AWS advises six times.
    p.put("VisibilityTimeout", Math.min(43_200, 6 * (consumer == null ? timeoutSeconds : timeoutSeconds(consumer))));
    if (consumer != null) {
      QueueTrigger trigger = (QueueTrigger) consumer.trigger();
      if (trigger.ordered()) {
        fifo(p, r.name());
      }
      String dlq = logicalId(r.name(), "DeadLetterQueue");
      ObjectNode deadLetters = resources.putObject(dlq).put("Type", "AWS::SQS::Queue").putObject("Properties");
      deadLetters.put("MessageRetentionPeriod", 1_209_600); // 14 days, the most SQS keeps
      if (trigger.ordered()) {
        fifo(deadLetters, r.name() + "-dlq");
      }
      ObjectNode redrive = p.putObject("RedrivePolicy");
      redrive.set("deadLetterTargetArn", getAtt(dlq, "Arn"));
      redrive.put("maxReceiveCount", consumer.options().maxDeliveries());
    }
  }

  private static void fifo(ObjectNode properties, String name) {
    properties.put("FifoQueue", true).put("ContentBasedDeduplication", true);
    properties.set("QueueName", sub("${AWS::StackName}-" + name + ".fifo"));
  }

  private static ObjectNode bucket(String name) {
    ObjectNode bucket = NODES.objectNode().put("Type", "AWS::S3::Bucket");
    bucket.putObject("Properties").set("BucketName", bucketName(name));
    return bucket;
  }

  private static ObjectNode table() {
    ObjectNode table = NODES.objectNode().put("Type", "AWS::DynamoDB::Table");
    ObjectNode p = table.putObject("Properties");
    p.put("BillingMode", "PAY_PER_REQUEST");
    p.putArray("AttributeDefinitions").addObject().put("AttributeName", DynamoDbKeyValueStore.KEY)
        .put("AttributeType", "S");
    p.putArray("KeySchema").addObject().put("AttributeName", DynamoDbKeyValueStore.KEY).put("KeyType", "HASH");
    p.putObject("TimeToLiveSpecification").put("AttributeName", DynamoDbKeyValueStore.EXPIRES).put("Enabled", true);
    return table;
  }

  /** {@code <prefix>-<account>-<name>}: lower case, at most 63 characters, as S3 wants. */
  private static ObjectNode bucketName(String logical) {
    String name = logical.toLowerCase(Locale.ROOT).replace('_', '-');
    if (MAX_PREFIX + 1 + 12 + 1 + name.length() > 63) {
      throw new InvalidTriggerException("Bucket name '" + logical + "' is too long for a generated S3 bucket name "
          + "(<prefix>-<account id>-<name> must fit 63 characters): use at most 29 characters");
    }
    return sub("${" + PREFIX_PARAMETER + "}-${AWS::AccountId}-" + name);
  }

  private static String id(Resource r) {
    return logicalId(r.name(), switch (r.kind()) {
      case BUCKET -> "Bucket";
      case QUEUE -> "Queue";
      case TOPIC -> "Topic";
      case TABLE -> "Table";
    });
  }

  /** {@code raw-images} + {@code Bucket} → {@code RawImagesBucket}: CloudFormation ids are alphanumeric. */
  static String logicalId(String name, String suffix) {
    StringBuilder sb = new StringBuilder();
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        sb.append(upper ? Character.toUpperCase(c) : name.equals(name.toUpperCase(Locale.ROOT))
            ? Character.toLowerCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return sb + suffix;
  }

  private static String unique(String id, Set<String> taken) {
    String candidate = id;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = id + i;
    }
    return candidate;
  }

  private static ObjectNode ref(String id) {
    return NODES.objectNode().put("Ref", id);
  }

  private static ObjectNode getAtt(String id, String attribute) {
    ObjectNode node = NODES.objectNode();
    node.putArray("Fn::GetAtt").add(id).add(attribute);
    return node;
  }

  private static ObjectNode sub(String template) {
    return NODES.objectNode().put("Fn::Sub", template);
  }

  /**
   * The EventBridge {@code cron(minutes hours day-of-month month day-of-week year)} for a five-field cron. One
   * day field must be {@code ?}: the one that is {@code *}. Days of week become names ({@code SUN}..{@code SAT},
   * since EventBridge counts 1 = Sunday); {@code *}/n steps start at the field's first value; stepped ranges are
   * written out as lists.
   *
   * @throws InvalidTriggerException if both day fields restrict the day: EventBridge cannot express "either"
   */
  static String awsCron(CronExpression cron) {
    List<String> f = cron.fields();
    String dom = f.get(2);
    String dow = f.get(4);
    String awsDom;
    String awsDow;
    if (dow.equals("*") || dow.equals("?")) {
      awsDom = dom.equals("?") ? "*" : steps(dom, 1, List.of());
      awsDow = "?";
    } else if (dom.equals("*") || dom.equals("?")) {
      awsDom = "?";
      awsDow = daysOfWeek(dow);
    } else {
      throw new InvalidTriggerException("Cron '" + cron.expression() + "' restricts both day-of-month and "
          + "day-of-week; EventBridge cron takes only one of them: split it into two schedules");
    }
    return "cron(" + steps(f.get(0), 0, List.of()) + " " + steps(f.get(1), 0, List.of()) + " " + awsDom + " "
        + steps(f.get(3), 1, MONTHS) + " " + awsDow + " *)";
  }

  /** {@code * /n} → {@code first/n}; {@code a-b/n} → the list of values; everything else as written. */
  private static String steps(String field, int first, List<String> names) {
    List<String> parts = new ArrayList<>();
    for (String part : field.split(",")) {
      int slash = part.indexOf('/');
      if (slash < 0) {
        parts.add(part);
        continue;
      }
      String range = part.substring(0, slash);
      int step = Integer.parseInt(part.substring(slash + 1));
      int dash = range.indexOf('-');
      if (range.equals("*")) {
        parts.add(first + "/" + step);
      } else if (dash > 0) {
        int from = value(range.substring(0, dash), names, first);
        int to = value(range.substring(dash + 1), names, first);
        for (int v = from; v <= to; v += step) {
          parts.add(String.valueOf(v));
        }
      } else {
        parts.add(value(range, names, first) + "/" + step);
      }
    }
    return String.join(",", parts);
  }

  private static int value(String text, List<String> names, int first) {
    int named = names.indexOf(text.toUpperCase(Locale.ROOT));
    return named >= 0 ? named + first : Integer.parseInt(text);
  }

  /** A day-of-week field as the set of days it matches, written as names in week order. */
  private static String daysOfWeek(String field) {
    Set<Integer> days = new TreeSet<>();
    for (String part : field.split(",")) {
      int slash = part.indexOf('/');
      int step = slash < 0 ? 1 : Integer.parseInt(part.substring(slash + 1));
      String range = slash < 0 ? part : part.substring(0, slash);
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = 0;
        to = 7;
      } else {
        int dash = range.indexOf('-');
        from = value(dash < 0 ? range : range.substring(0, dash), DAYS, 0);
        to = dash < 0 ? (slash < 0 ? from : 7) : value(range.substring(dash + 1), DAYS, 0);
      }
      for (int v = from; v <= to; v += step) {
        days.add(v % 7);
      }
    }
    if (days.size() == 7) {
      return "*";
    }
    return String.join(",", days.stream().map(DAYS::get).toList());
  }
}
