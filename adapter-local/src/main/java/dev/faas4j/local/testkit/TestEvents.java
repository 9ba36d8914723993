package dev.faas4j.local.testkit;

import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Portable events in one line, with the defaults a platform would fill in: a fresh id (a UUID, as SQS and S3 give),
 * the CloudEvents source and type of each kind, and a fixed time, 2030-01-01T00:00:00Z, so that output is stable.
 *
 * <pre>{@code
 * TestEvents.http("POST", "/users").json(Map.of("name", "Ada"))
 * TestEvents.http("GET", "/users?page=2").header("Authorization", "Bearer t0k3n").cookie("session", "abc")
 * TestEvents.objectCreated("raw-images", "cats/tom.jpg", jpegBytes)
 * TestEvents.queueMessage("orders", new Order("o-1", 1250)).attribute("tenant", "acme").deliveryAttempt(3)
 * TestEvents.queueBatch("orders", order1, "not json", order3)
 * TestEvents.topicMessage("user-created", Map.of("id", "u-1"))
 * TestEvents.schedule("dailyReport", Instant.parse("2030-01-01T02:00:00Z")).pastDue()
 * }</pre>
 *
 * <p>Each factory returns a small builder; {@link FunctionTester} accepts it as is, and {@link EventBuilder#build()}
 * gives the event for calling a handler directly. A body given as a {@code String} is sent as UTF-8 text, a
 * {@code byte[]} as is, and any other object as JSON.
 */
public final class TestEvents {
  /** When every test event happens unless its builder's {@code time} says otherwise. */
  static final Instant DEFAULT_TIME = Instant.parse("2030-01-01T00:00:00Z");

  private TestEvents() {}

  /** Something that builds a portable event; the builders of this class. */
  public sealed interface EventBuilder<E> permits HttpRequestBuilder, ObjectEventBuilder, QueueMessageBuilder,
      TopicMessageBuilder, ScheduleEventBuilder, CloudEventBuilder {
    E build();
  }

  /** A request with no body; {@code path} may carry a query: {@code http("GET", "/users?page=2")}. */
  public static HttpRequestBuilder http(String method, String path) {
    return new HttpRequestBuilder(method, path);
  }

  /**
   * An upload of {@code content}: size and etag (the MD5 of the content, as S3 reports for simple uploads) come
   * from it, the content type from the key's extension. The event only describes the object; put the content in
   * the function's storage yourself if the function reads it.
   */
  public static ObjectEventBuilder objectCreated(String bucket, String key, byte[] content) {
    Objects.requireNonNull(content, "content");
    ObjectEventBuilder b = new ObjectEventBuilder(ObjectEventKind.CREATED, bucket, key);
    b.builder.size((long) content.length).etag(md5(content)).version("1")
        .contentType(URLConnection.guessContentTypeFromName(key));
    return b;
  }

  /** A deletion of {@code key}. */
  public static ObjectEventBuilder objectDeleted(String bucket, String key) {
    return new ObjectEventBuilder(ObjectEventKind.DELETED, bucket, key);
  }

  /** A first delivery of a message whose body is text ({@code String}), bytes, or any other object as JSON. */
  public static QueueMessageBuilder queueMessage(String queue, Object body) {
    return new QueueMessageBuilder(queue, bodyBytes(body));
  }

  /**
   * A batch as one delivery brings it, in order. Each item is a body (text, bytes or an object as JSON) or a
   * message already made with {@link #queueMessage}.
   */
  public static List<QueueMessage> queueBatch(String queue, Object... messages) {
    Objects.requireNonNull(queue, "queue");
    List<QueueMessage> batch = new ArrayList<>(messages.length);
    for (Object m : messages) {
      Objects.requireNonNull(m, "queueBatch needs non-null messages");
      QueueMessage message = m instanceof QueueMessage qm ? qm
          : m instanceof QueueMessageBuilder b ? b.build()
          : queueMessage(queue, m).build();
      if (!message.queue().equals(queue)) {
        throw new IllegalArgumentException("Message " + message.id() + " is for queue " + message.queue()
            + ", not " + queue);
      }
      batch.add(message);
    }
    return List.copyOf(batch);
  }

  /** A first delivery of a published message whose body is text, bytes, or any other object as JSON. */
  public static TopicMessageBuilder topicMessage(String topic, Object body) {
    return new TopicMessageBuilder(topic, bodyBytes(body));
  }

  /**
   * A CloudEvent of {@code type} whose data is text, bytes, or any other object as JSON, from source
   * {@code //faas4j.test}: {@code cloudEvent("google.cloud.audit.log.v1.written", auditEntry).extension("methodname", "x")}.
   */
  public static CloudEventBuilder cloudEvent(String type, Object data) {
    return new CloudEventBuilder(type, data);
  }

  /** An on-time run of {@code schedule}, started at {@code scheduledTime}. */
  public static ScheduleEventBuilder schedule(String schedule, Instant scheduledTime) {
    return new ScheduleEventBuilder(schedule, scheduledTime);
  }

  /** Builds an {@link HttpRequest}; a body method sets {@code Content-Type} too. */
  public static final class HttpRequestBuilder implements EventBuilder<HttpRequest> {
    private final HttpRequest.Builder builder;
    private final Headers.Builder headers = Headers.builder();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private HttpRequestBuilder(String method, String pathAndQuery) {
      Objects.requireNonNull(pathAndQuery, "path");
      int q = pathAndQuery.indexOf('?');
      builder = HttpRequest.builder(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
          .sourceIp("203.0.113.10"); // a documentation address (RFC 5737): realistic, and never a real caller
      if (q >= 0) {
        builder.rawQuery(pathAndQuery.substring(q + 1));
      }
    }

    /**
     * {@code value} as a JSON body. A {@code String} is taken as JSON text and sent unchanged, so that a test can
     * send malformed JSON, e.g. a truncated document.
     */
    public HttpRequestBuilder json(Object value) {
      Objects.requireNonNull(value, "value");
      byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : dev.faas4j.Json.toBytes(value);
      return body(bytes, "application/json");
    }

    /** A UTF-8 text body. */
    public HttpRequestBuilder text(String text) {
      return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** A body of {@code contentType}, replacing any earlier body and {@code Content-Type}. */
    public HttpRequestBuilder body(byte[] body, String contentType) {
      Objects.requireNonNull(contentType, "contentType");
      builder.body(Objects.requireNonNull(body, "body"));
      headers.set("Content-Type", contentType);
      return this;
    }

    /** Adds a header value; a {@code traceparent} header gives the invocation its trace, as on the platforms. */
    public HttpRequestBuilder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** The raw query string, still percent-encoded, e.g. {@code "q=a%20b&page=2"}. */
    public HttpRequestBuilder query(String rawQuery) {
      builder.rawQuery(Objects.requireNonNull(rawQuery, "rawQuery"));
      return this;
    }

    /** Adds a cookie to the {@code Cookie} header. */
    public HttpRequestBuilder cookie(String name, String value) {
      cookies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The caller's address; {@code 203.0.113.10} unless set. */
    public HttpRequestBuilder sourceIp(String sourceIp) {
      builder.sourceIp(Objects.requireNonNull(sourceIp, "sourceIp"));
      return this;
    }

    @Override
    public HttpRequest build() {
      Headers.Builder all = headers.build().toBuilder();
      if (!cookies.isEmpty()) {
        StringBuilder cookie = new StringBuilder();
        cookies.forEach((n, v) -> cookie.append(cookie.length() == 0 ? "" : "; ").append(n).append('=').append(v));
        all.add("Cookie", cookie.toString());
      }
      return builder.headers(all.build()).build();
    }
  }

  /** Builds an {@link ObjectEvent}. */
  public static final class ObjectEventBuilder implements EventBuilder<ObjectEvent> {
    private final ObjectEvent.Builder builder;

    private ObjectEventBuilder(ObjectEventKind kind, String bucket, String key) {
      builder = ObjectEvent.builder().kind(kind).bucket(Objects.requireNonNull(bucket, "bucket"))
          .key(Objects.requireNonNull(key, "key")).id(newId()).time(DEFAULT_TIME);
    }

    public ObjectEventBuilder id(String id) {
      builder.id(Objects.requireNonNull(id, "id"));
      return this;
    }

    public ObjectEventBuilder time(Instant time) {
      builder.time(Objects.requireNonNull(time, "time"));
      return this;
    }

    public ObjectEventBuilder contentType(String contentType) {
      builder.contentType(Objects.requireNonNull(contentType, "contentType"));
      return this;
    }

    @Override
    public ObjectEvent build() {
      return builder.build();
    }
  }

  /** Builds a {@link QueueMessage}. */
  public static final class QueueMessageBuilder implements EventBuilder<QueueMessage> {
    private final QueueMessage.Builder builder;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private QueueMessageBuilder(String queue, byte[] body) {
      builder = QueueMessage.builder().queue(Objects.requireNonNull(queue, "queue")).body(body).id(newId())
          .time(DEFAULT_TIME).deliveryAttempt(1);
    }

    public QueueMessageBuilder id(String id) {
      builder.id(Objects.requireNonNull(id, "id"));
      return this;
    }

    /** When the message was sent. */
    public QueueMessageBuilder time(Instant time) {
      builder.time(Objects.requireNonNull(time, "time"));
      return this;
    }

    public QueueMessageBuilder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** 1 on first delivery; more for a redelivery after failures. */
    public QueueMessageBuilder deliveryAttempt(int attempt) {
      builder.deliveryAttempt(attempt);
      return this;
    }

    /** The FIFO message group or partition key. */
    public QueueMessageBuilder groupKey(String groupKey) {
      builder.groupKey(Objects.requireNonNull(groupKey, "groupKey"));
      return this;
    }

    @Override
    public QueueMessage build() {
      return builder.attributes(attributes).build();
    }
  }

  /** Builds a {@link TopicMessage}. */
  public static final class TopicMessageBuilder implements EventBuilder<TopicMessage> {
    private final TopicMessage.Builder builder;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private TopicMessageBuilder(String topic, byte[] body) {
      builder = TopicMessage.builder().topic(Objects.requireNonNull(topic, "topic")).body(body).id(newId())
          .time(DEFAULT_TIME).deliveryAttempt(1);
    }

    public TopicMessageBuilder id(String id) {
      builder.id(Objects.requireNonNull(id, "id"));
      return this;
    }

    /** When the message was published. */
    public TopicMessageBuilder time(Instant time) {
      builder.time(Objects.requireNonNull(time, "time"));
      return this;
    }

    public TopicMessageBuilder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** 1 on first delivery; more for a redelivery after failures. */
    public TopicMessageBuilder deliveryAttempt(int attempt) {
      builder.deliveryAttempt(attempt);
      return this;
    }

    public TopicMessageBuilder groupKey(String groupKey) {
      builder.groupKey(Objects.requireNonNull(groupKey, "groupKey"));
      return this;
    }

    @Override
    public TopicMessage build() {
      return builder.attributes(attributes).build();
    }
  }

  /** Builds a {@link ScheduleEvent}; its id is {@code <schedule>@<scheduledTime>}, stable across retries of a run. */
  public static final class ScheduleEventBuilder implements EventBuilder<ScheduleEvent> {
    /** How late a {@link #pastDue()} run starts unless {@link #startedAt} says otherwise. */
    private static final Duration LATENESS = Duration.ofMinutes(5);

    private final String schedule;
    private final Instant scheduledTime;
    private @Nullable Instant startedAt;
    private boolean pastDue;

    private ScheduleEventBuilder(String schedule, Instant scheduledTime) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      this.scheduledTime = Objects.requireNonNull(scheduledTime, "scheduledTime");
    }

    /** A late run, e.g. one missed while the runtime was stopped; it starts five minutes late unless told. */
    public ScheduleEventBuilder pastDue() {
      pastDue = true;
      return this;
    }

    /** When the run actually started. */
    public ScheduleEventBuilder startedAt(Instant time) {
      startedAt = Objects.requireNonNull(time, "time");
      return this;
    }

    @Override
    public ScheduleEvent build() {
      Instant time = startedAt != null ? startedAt : pastDue ? scheduledTime.plus(LATENESS) : scheduledTime;
      return ScheduleEvent.of(schedule + "@" + scheduledTime, schedule, scheduledTime, time, pastDue);
    }
  }

  /** Builds a {@link CloudEvent}; JSON data sets {@code datacontenttype} to {@code application/json}. */
  public static final class CloudEventBuilder implements EventBuilder<CloudEvent> {
    private final CloudEvent.Builder builder;
    private final Map<String, String> extensions = new LinkedHashMap<>();

    private CloudEventBuilder(String type, Object data) {
      builder = CloudEvent.builder().type(Objects.requireNonNull(type, "type")).id(newId())
          .source("//faas4j.test").time(DEFAULT_TIME).data(bodyBytes(data))
          .dataContentType(data instanceof byte[] ? "application/octet-stream"
              : data instanceof String ? "text/plain; charset=utf-8" : "application/json");
    }

    public CloudEventBuilder id(String id) {
      builder.id(Objects.requireNonNull(id, "id"));
      return this;
    }

    public CloudEventBuilder source(String source) {
      builder.source(Objects.requireNonNull(source, "source"));
      return this;
    }

    public CloudEventBuilder subject(String subject) {
      builder.subject(Objects.requireNonNull(subject, "subject"));
      return this;
    }

    public CloudEventBuilder time(Instant time) {
      builder.time(Objects.requireNonNull(time, "time"));
      return this;
    }

    public CloudEventBuilder dataContentType(String type) {
      builder.dataContentType(Objects.requireNonNull(type, "type"));
      return this;
    }

    public CloudEventBuilder extension(String name, String value) {
      extensions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    @Override
    public CloudEvent build() {
      return builder.extensions(extensions).build();
    }
  }

  private static byte[] bodyBytes(Object body) {
    Objects.requireNonNull(body, "body");
    if (body instanceof byte[] bytes) {
      return bytes.clone();
    }
    if (body instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return dev.faas4j.Json.toBytes(body);
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JVM", e);
    }
  }
}
