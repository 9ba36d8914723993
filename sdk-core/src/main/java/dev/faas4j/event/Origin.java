package dev.faas4j.event;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where an event or request came from, for what the portable model does not cover: the platform, its own facts
 * under stable names, and the payload exactly as the function's entry point received it.
 *
 * <p>Attribute names are {@code <cloud>.<service>.<field>}, the field named as the platform documents it in
 * lower camel case, e.g. {@code aws.sqs.sequenceNumber}, {@code gcp.pubsub.subscription},
 * {@code azure.servicebus.correlationId}. Values are text: times as ISO-8601 instants, numbers in decimal,
 * booleans as {@code true}/{@code false}. A name is present only when the platform delivered that fact; each
 * adapter's README lists the names it writes.
 *
 * <p>The payload is the whole delivery (for a batch, every event of the batch shares the batch's payload) and is
 * not part of an event's equality. Events built by hand, in tests or by the local runtime's builders, have
 * {@link #none()}.
 */
public final class Origin {
  private static final byte[] EMPTY = new byte[0];
  private static final Origin NONE = new Origin("none", Map.of(), EMPTY, null, Headers.empty());

  private final String platform;
  private final Map<String, String> attributes;
  private volatile byte @Nullable [] payload;
  /** Reads the payload on first use, then is dropped; null once read or when given up front. */
  private volatile @Nullable Supplier<byte[]> reader;
  private final Headers headers;

  private Origin(String platform, Map<String, String> attributes, byte @Nullable [] payload,
      @Nullable Supplier<byte[]> reader, Headers headers) {
    this.platform = platform;
    this.attributes = attributes;
    this.payload = payload;
    this.reader = reader;
    this.headers = headers;
  }

  /** No platform: an event built by hand. */
  public static Origin none() {
    return NONE;
  }

  /**
   * An origin on {@code platform} ({@code aws}, {@code gcp}, {@code azure}, {@code local}).
   *
   * @param payload the delivery as received; kept as given, not copied (a batch's events share one array), so the
   *     caller must not change it afterwards
   * @param headers the transport headers of an HTTP-delivered event (Pub/Sub push, Event Grid, CloudEvents in
   *     binary mode, an HTTP request); empty otherwise
   */
  public static Origin of(String platform, Map<String, String> attributes, byte[] payload, Headers headers) {
    Checks.notBlank(platform, "platform");
    return new Origin(platform, Checks.copy(attributes, "attributes"), Checks.notNull(payload, "payload"), null,
        Checks.notNull(headers, "headers"));
  }

  /**
   * Like {@link #of}, with a payload read only when first asked for: for an entry point that maps the delivery
   * without holding its bytes (a streamed request), so that events whose payload nobody reads do not pay for a
   * copy. {@code payload} is called at most once, possibly from another thread, and must return the delivery as
   * received.
   */
  public static Origin lazy(String platform, Map<String, String> attributes, Supplier<byte[]> payload,
      Headers headers) {
    Checks.notBlank(platform, "platform");
    return new Origin(platform, Checks.copy(attributes, "attributes"), null, Checks.notNull(payload, "payload"),
        Checks.notNull(headers, "headers"));
  }

  private byte[] bytes() {
    byte[] p = payload;
    if (p == null) {
      synchronized (this) {
        p = payload;
        if (p == null) {
          p = Checks.notNull(reader.get(), "payload");
          payload = p;
          reader = null;
        }
      }
    }
    return p;
  }

  /** {@code aws}, {@code gcp}, {@code azure}, {@code local}, or {@code none} for an event built by hand. */
  public String platform() {
    return platform;
  }

  /** The platform's facts that have no portable place, by stable name (see the class comment). */
  public Map<String, String> attributes() {
    return attributes;
  }

  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** A copy of the payload as the entry point received it; empty for an event built by hand. */
  public byte[] payload() {
    byte[] p = bytes();
    return p.length == 0 ? EMPTY : p.clone();
  }

  public int payloadLength() {
    return bytes().length;
  }

  /** The transport headers the payload came with; empty unless it came over HTTP. */
  public Headers headers() {
    return headers;
  }

  /** The platform and attribute names only: values and payload may carry personal data. */
  @Override
  public String toString() {
    byte[] p = payload;
    return "Origin[" + platform + ", " + attributes.keySet() + ", payload=" + (p == null ? "unread" : p.length + " bytes")
        + "]";
  }
}
