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
  private static final Origin NONE = new Origin("none", Map.of(), EMPTY, Headers.empty(), null);

  private final String platform;
  private final Map<String, String> attributes;
  private final byte[] payload;
  private final Headers headers;
  /** Of a lazy origin: reads the rest on first use; null for one made with everything. */
  private final @Nullable Supplier<Origin> reader;
  private volatile @Nullable Origin read;

  private Origin(String platform, Map<String, String> attributes, byte[] payload, Headers headers,
      @Nullable Supplier<Origin> reader) {
    this.platform = platform;
    this.attributes = attributes;
    this.payload = payload;
    this.headers = headers;
    this.reader = reader;
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
    return new Origin(platform, Checks.copy(attributes, "attributes"), Checks.notNull(payload, "payload"),
        Checks.notNull(headers, "headers"), null);
  }

  /**
   * An origin on {@code platform} whose attributes, payload and headers are read when first asked for, by
   * {@code reader} (called at most once, possibly on another thread): for an entry point that maps a delivery
   * without holding its bytes or reading its other facts (a streamed request), so that the many events nobody
   * inspects do not pay for them.
   */
  public static Origin lazy(String platform, Supplier<Origin> reader) {
    Checks.notBlank(platform, "platform");
    return new Origin(platform, Map.of(), EMPTY, Headers.empty(), Checks.notNull(reader, "reader"));
  }

  /** This origin, or for a lazy one the origin its reader gave. */
  private Origin full() {
    if (reader == null) {
      return this;
    }
    Origin o = read;
    if (o == null) {
      synchronized (this) {
        o = read;
        if (o == null) {
          o = Checks.notNull(reader.get(), "origin");
          read = o;
        }
      }
    }
    return o;
  }

  /**
   * Whether {@code array} is this origin's payload itself, which {@link #of} keeps on its giver's promise not to
   * change it (an event may then share it rather than copy it); never for a lazy origin, which is not read here.
   */
  boolean keeps(byte[] array) {
    return reader == null && array.length > 0 && array == payload;
  }

  /** {@code aws}, {@code gcp}, {@code azure}, {@code local}, or {@code none} for an event built by hand. */
  public String platform() {
    return platform;
  }

  /** The platform's facts that have no portable place, by stable name (see the class comment). */
  public Map<String, String> attributes() {
    return full().attributes;
  }

  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes().get(name));
  }

  /** A copy of the payload as the entry point received it; empty for an event built by hand. */
  public byte[] payload() {
    byte[] p = full().payload;
    return p.length == 0 ? EMPTY : p.clone();
  }

  public int payloadLength() {
    return full().payload.length;
  }

  /** The transport headers the payload came with; empty unless it came over HTTP. */
  public Headers headers() {
    return full().headers;
  }

  /** The platform and attribute names only: values and payload may carry personal data. */
  @Override
  public String toString() {
    Origin o = reader == null ? this : read;
    return o == null ? "Origin[" + platform + ", unread]"
        : "Origin[" + platform + ", " + o.attributes.keySet() + ", payload=" + o.payload.length + " bytes]";
  }
}
