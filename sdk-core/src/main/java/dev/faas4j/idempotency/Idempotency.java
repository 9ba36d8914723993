package dev.faas4j.idempotency;

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.ObjectFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.idempotency.Ledger.Busy;
import dev.faas4j.idempotency.Ledger.Claim;
import dev.faas4j.idempotency.Ledger.Claimed;
import dev.faas4j.idempotency.Ledger.Completion;
import dev.faas4j.idempotency.Ledger.Mismatch;
import dev.faas4j.idempotency.Ledger.Replay;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Makes functions idempotent: a request or event that was handled already is not handled again, whichever instance
 * it reaches and however many times the platform delivers it. State lives only in a {@link KeyValueStore}, so it
 * works on every cloud and locally.
 *
 * <pre>{@code
 * Idempotency idem = Idempotency.builder(platform.keyValueStore("idempotency")).expiry(Duration.ofHours(24)).build();
 * f.http("createOrder", route("POST", "/orders"), idem.http(new CreateOrder(orders)));
 * f.onQueueMessage("processOrder", queue("orders"), idem.queue(new ProcessOrder(orders)));
 * }</pre>
 *
 * <p>The key is the event id for events and the {@code Idempotency-Key} header for HTTP, scoped by function name.
 * An HTTP key is also scoped by its caller: by default the SHA-256 of the request's {@code Authorization} header
 * when it has one, so another caller reusing a key (guessed, leaked or by accident) neither gets the first caller's
 * stored response nor blocks it; {@link Builder#callerHeader} and {@link Builder#callerScope} choose another
 * identity (an API-key header, a verified subject). Requests that carry no identity share one scope per function.
 * The first invocation claims it with a lease that ends at its deadline (or after {@link Builder#maxLease}), runs
 * the function and stores the outcome; the payload's SHA-256 is kept alongside, to detect a key reused for a
 * different payload. HTTP follows the IETF Idempotency-Key draft:
 *
 * <ul>
 *   <li>a completed duplicate gets the stored response with {@code Idempotent-Replayed: true};
 *   <li>a duplicate while the first is still running gets a 409 with {@code Retry-After}: the seconds left on the
 *       first one's lease, capped by {@link Builder#maxRetryAfter} (default 2 s), since the first request usually
 *       ends long before its lease would;
 *   <li>the same key with a different method, path, query or body gets a 422;
 *   <li>responses with status 500 or more are not stored, so the client's retry runs again.
 * </ul>
 *
 * <p>For events, a completed duplicate is skipped (logged at info), a concurrent one fails with
 * {@link IdempotencyInProgressException} (retryable: the platform redelivers it later), and a reused id with
 * {@link IdempotencyKeyReuseException} (permanent). When the function throws, its claim is released and the
 * exception rethrown unchanged, so a redelivery runs it again. A claim whose invocation died is taken over once its
 * lease has lapsed. Store failures ({@link dev.faas4j.port.KeyValueStoreException}) propagate; the dispatcher
 * retries the retryable ones.
 *
 * <p>Time is read from {@link InvocationContext#clock()}. Immutable and thread-safe.
 */
public final class Idempotency {
  /** The request header that carries the key (IETF draft-ietf-httpapi-idempotency-key-header). */
  public static final String HEADER = "Idempotency-Key";
  /** The response header set on replayed responses. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";
  /** The longest accepted key, in characters. */
  public static final int MAX_KEY_LENGTH = 255;

  private final Ledger ledger;
  private final String keyPrefix;
  private final Duration maxLease;
  private final boolean requireHttpKey;
  private final Function<HttpRequest, Optional<String>> callerScope;
  private final Duration maxRetryAfter;

  private Idempotency(Builder b) {
    this.ledger = new Ledger(b.store, b.expiry);
    this.keyPrefix = b.keyPrefix;
    this.maxLease = b.maxLease;
    this.requireHttpKey = b.requireHttpKey;
    this.callerScope = b.callerScope;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /** Starts a configuration storing records in {@code store}. */
  public static Builder builder(KeyValueStore store) {
    return new Builder(store);
  }

  // ---------------------------------------------------------------- HTTP

  /** {@code fn}, idempotent per {@code Idempotency-Key} header; requests without one pass through. */
  public HttpFunction http(HttpFunction fn) {
    return http(fn, Idempotency::headerKey);
  }

  /**
   * {@code fn}, idempotent per the key {@code keyExtractor} finds in a request; requests where it finds none pass
   * through (or get a 400, see {@link Builder#requireHttpKey()}).
   */
  public HttpFunction http(HttpFunction fn, Function<HttpRequest, Optional<String>> keyExtractor) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(keyExtractor, "keyExtractor");
    return (request, context) -> {
      Optional<String> key = keyExtractor.apply(request);
      if (key.isEmpty()) {
        return requireHttpKey
            ? problem(400, "Bad Request", "The " + HEADER + " header is required", context)
            : fn.handle(request, context);
      }
      String invalid = invalidKey(key.get());
      if (invalid != null) {
        return problem(400, "Bad Request", HEADER + " " + invalid, context);
      }
      String recordKey = recordKey(context, callerScope.apply(request), key.get());
      Instant now = context.clock().instant();
      Claim claim = ledger.claim(recordKey, Fingerprint.of(request), now, leaseUntil(context, now));
      if (claim instanceof Replay replay) {
        HttpResponse stored = replay.response().orElseThrow(
            () -> new IllegalStateException("Completed idempotency record holds no HTTP response"));
        return replayed(stored);
      }
      if (claim instanceof Mismatch) {
        return problem(422, "Unprocessable Content",
            "This " + HEADER + " was already used for a different request", context);
      }
      if (claim instanceof Busy busy) {
        HttpResponse conflict =
            problem(409, "Conflict", "A request with this " + HEADER + " is still being processed", context);
        return conflict.toBuilder().header("Retry-After", retryAfterSeconds(now, busy.leaseUntil(), maxRetryAfter))
            .body(conflict.body(), "application/json");
      }
      Claimed claimed = (Claimed) claim;
      HttpResponse response;
      try {
        response = fn.handle(request, context);
      } catch (Throwable t) {
        release(recordKey, claimed, context, t);
        throw t;
      }
      if (response == null || response.status() >= 500) {
        release(recordKey, claimed, context, null);
        return response;
      }
      complete(recordKey, claimed, context, Optional.of(response));
      return response;
    };
  }

  // ---------------------------------------------------------------- events

  /** {@code fn}, handling each message id once. */
  public QueueFunction queue(QueueFunction fn) {
    return queue(fn, QueueMessage::id);
  }

  /** {@code fn}, handling each key that {@code keyExtractor} derives from a message once. */
  public QueueFunction queue(QueueFunction fn, Function<QueueMessage, String> keyExtractor) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(keyExtractor, "keyExtractor");
    return (message, context) -> once(message, context, keyExtractor.apply(message), Fingerprint.of(message),
        () -> fn.handle(message, context));
  }

  /** {@code fn}, handling each topic message id once. */
  public TopicFunction topic(TopicFunction fn) {
    return topic(fn, TopicMessage::id);
  }

  /** {@code fn}, handling each key that {@code keyExtractor} derives from a message once. */
  public TopicFunction topic(TopicFunction fn, Function<TopicMessage, String> keyExtractor) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(keyExtractor, "keyExtractor");
    return (message, context) -> once(message, context, keyExtractor.apply(message), Fingerprint.of(message),
        () -> fn.handle(message, context));
  }

  /** {@code fn}, handling each storage event id once. */
  public ObjectFunction object(ObjectFunction fn) {
    return object(fn, ObjectEvent::id);
  }

  /**
   * {@code fn}, handling each key that {@code keyExtractor} derives from an event once; e.g.
   * {@code e -> e.bucket() + "/" + e.key() + "@" + e.etag().orElse("")} to process each object version once even
   * when the platform reports it under several event ids.
   */
  public ObjectFunction object(ObjectFunction fn, Function<ObjectEvent, String> keyExtractor) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(keyExtractor, "keyExtractor");
    return (event, context) -> once(event, context, keyExtractor.apply(event), Fingerprint.of(event),
        () -> fn.handle(event, context));
  }

  /** {@code fn}, handling each scheduled run (event id) once. */
  public ScheduleFunction schedule(ScheduleFunction fn) {
    return schedule(fn, ScheduleEvent::id);
  }

  /**
   * {@code fn}, handling each key that {@code keyExtractor} derives from a run once; e.g.
   * {@code e -> e.scheduledTime().orElseThrow().toString()} to run each due time once whatever id the platform gives it.
   */
  public ScheduleFunction schedule(ScheduleFunction fn, Function<ScheduleEvent, String> keyExtractor) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(keyExtractor, "keyExtractor");
    return (event, context) -> once(event, context, keyExtractor.apply(event), Fingerprint.of(event),
        () -> fn.handle(event, context));
  }

  @FunctionalInterface
  private interface Body {
    void run() throws Exception;
  }

  private void once(Event event, InvocationContext context, @Nullable String key, String fingerprint, Body body)
      throws Exception {
    if (key == null) {
      throw new InvalidEventException("Idempotency key of the event must not be null");
    }
    String invalid = invalidKey(key);
    if (invalid != null) {
      throw new InvalidEventException("Idempotency key of the event " + invalid);
    }
    String recordKey = recordKey(context, Optional.empty(), key);
    Instant now = context.clock().instant();
    Claim claim = ledger.claim(recordKey, fingerprint, now, leaseUntil(context, now));
    if (claim instanceof Replay) {
      // The key, not only the event id: with a key extractor, two messages with different ids can be one duplicate.
      context.logger().info("Duplicate delivery skipped", "idempotencyKey", key, "eventId", event.id());
      return;
    }
    if (claim instanceof Mismatch) {
      throw new IdempotencyKeyReuseException(
          "Idempotency key of event " + event.id() + " was already used for a different payload");
    }
    if (claim instanceof Busy busy) {
      throw new IdempotencyInProgressException(
          "Event " + event.id() + " is being processed by another invocation", busy.leaseUntil());
    }
    Claimed claimed = (Claimed) claim;
    try {
      body.run();
    } catch (Throwable t) {
      release(recordKey, claimed, context, t);
      throw t;
    }
    complete(recordKey, claimed, context, Optional.empty());
  }

  // ---------------------------------------------------------------- shared

  private void complete(String recordKey, Claimed claimed, InvocationContext context,
      Optional<HttpResponse> response) {
    Completion done = ledger.complete(recordKey, claimed, context.clock().instant(), response);
    if (done == Completion.LOST) {
      context.logger().warn("Idempotency claim lapsed and was taken over while the function ran; "
          + "its result was not recorded");
    } else if (done == Completion.TOO_LARGE) {
      context.logger().warn("Response is too large to store for idempotent replay; a duplicate will run again",
          "limitBytes", Keys.MAX_KV_VALUE_BYTES);
    }
  }

  /**
   * Releases a claim after a failure. A store error while releasing must not hide the function's own failure, so
   * it is attached to that failure instead (the claim then lapses with its lease).
   */
  private void release(String recordKey, Claimed claimed, InvocationContext context, @Nullable Throwable failure) {
    try {
      ledger.release(recordKey, claimed, context.clock().instant());
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  private Instant leaseUntil(InvocationContext context, Instant now) {
    Instant byLease = now.plus(maxLease);
    return context.deadline().isBefore(byLease) ? context.deadline() : byLease;
  }

  /**
   * The store key: prefix, function name, the caller's hashed identity if any, and key. Keys too long for the store
   * (long multi-byte keys) are replaced by their SHA-256, which is as unique and fits. The identity is hashed so a
   * credential never lands in the store.
   */
  private String recordKey(InvocationContext context, Optional<String> caller, String key) {
    String scope = keyPrefix + context.functionName() + ":"
        + caller.map(c -> "caller-" + Fingerprint.sha256(c) + ":").orElse("");
    String full = scope + key;
    return full.getBytes(StandardCharsets.UTF_8).length <= Keys.MAX_KV_KEY_BYTES
        ? full : scope + "sha256:" + Fingerprint.sha256(key);
  }

  /** Why {@code key} is unacceptable, or null if it is fine. Never echoes the key: it may be hostile. */
  static @Nullable String invalidKey(String key) {
    if (key.isBlank()) {
      return "must not be blank";
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return "must have at most " + MAX_KEY_LENGTH + " characters; got " + key.length();
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return "contains a control character at index " + i;
      }
    }
    return null;
  }

  /**
   * The {@code Idempotency-Key} header value. The draft makes it a structured-field string ({@code "abc"}); many
   * clients send it bare ({@code abc}). Both give the key {@code abc}.
   */
  static Optional<String> headerKey(HttpRequest request) {
    return request.header(HEADER).map(value -> {
      String v = value.strip();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      return v;
    });
  }

  private static HttpResponse replayed(HttpResponse stored) {
    HttpResponse.Builder b = stored.toBuilder().header(REPLAYED_HEADER, "true");
    return stored.body().length == 0 ? b.empty() : b.body(stored.body(), "application/octet-stream");
  }

  private static HttpResponse problem(int status, String error, String message, InvocationContext context) {
    return HttpResponse.problem(status, error, message, context.invocationId());
  }

  private static String retryAfterSeconds(Instant now, Instant leaseUntil, Duration cap) {
    long millis = Math.min(Duration.between(now, leaseUntil).toMillis(), cap.toMillis());
    return Long.toString(Math.max(1, (millis + 999) / 1000));
  }

  @Override
  public String toString() {
    return "Idempotency[keyPrefix=" + keyPrefix + ", maxLease=" + maxLease + ", requireHttpKey=" + requireHttpKey
        + ", maxRetryAfter=" + maxRetryAfter + "]";
  }

  /** Collects settings; {@link #build()} validates them. */
  public static final class Builder {
    private final KeyValueStore store;
    private Duration expiry = Duration.ofHours(1);
    private String keyPrefix = "idem:";
    private Duration maxLease = Duration.ofMinutes(15);
    private boolean requireHttpKey;
    private Function<HttpRequest, Optional<String>> callerScope = r -> r.header("Authorization");
    private Duration maxRetryAfter = Duration.ofSeconds(2);

    private Builder(KeyValueStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * How long a key is remembered after its first use: a duplicate arriving later runs again. Cover the platform's
     * redelivery window and your clients' retry window. Default one hour.
     */
    public Builder expiry(Duration expiry) {
      this.expiry = Objects.requireNonNull(expiry, "expiry");
      return this;
    }

    /** Prepended to every store key, so the records can share a table with other data. Default {@code idem:}. */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * The longest an invocation holds a key before another may take it over, for platforms whose deadline is far
     * off or unknown; the invocation's deadline ends the lease earlier. Default 15 minutes (Lambda's limit).
     */
    public Builder maxLease(Duration maxLease) {
      this.maxLease = Objects.requireNonNull(maxLease, "maxLease");
      return this;
    }

    /** Answers HTTP requests without a key with a 400 instead of passing them through. */
    public Builder requireHttpKey() {
      this.requireHttpKey = true;
      return this;
    }

    /**
     * Scopes HTTP keys by the value of {@code header} (hashed) instead of {@code Authorization}, e.g. an API-key
     * header, or the header your gateway sets to the verified caller.
     */
    public Builder callerHeader(String header) {
      Objects.requireNonNull(header, "header");
      return callerScope(r -> r.header(header));
    }

    /**
     * Scopes HTTP keys by whatever identifies the caller in a request (hashed before it is stored); requests where
     * it finds none share one scope. {@code r -> Optional.empty()} turns caller scoping off, for keys that are
     * meant to be shared between callers.
     */
    public Builder callerScope(Function<HttpRequest, Optional<String>> callerScope) {
      this.callerScope = Objects.requireNonNull(callerScope, "callerScope");
      return this;
    }

    /**
     * The longest {@code Retry-After} a 409 for a key in progress asks for; the lease's remaining time when that is
     * shorter. Default 2 s.
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException naming the first invalid setting and its value
     */
    public Idempotency build() {
      if (expiry.isNegative() || expiry.isZero()) {
        throw new IllegalArgumentException("expiry must be positive; got " + expiry);
      }
      if (maxLease.isNegative() || maxLease.isZero()) {
        throw new IllegalArgumentException("maxLease must be positive; got " + maxLease);
      }
      if (maxRetryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("maxRetryAfter must be at least 1 s; got " + maxRetryAfter);
      }
      if (maxLease.compareTo(expiry) > 0) {
        throw new IllegalArgumentException(
            "maxLease must not exceed expiry (" + expiry + "), or a claim could vanish mid-run; got " + maxLease);
      }
      for (int i = 0; i < keyPrefix.length(); i++) {
        if (Character.isISOControl(keyPrefix.charAt(i))) {
          throw new IllegalArgumentException("keyPrefix must not contain control characters; got one at index " + i);
        }
      }
      if (keyPrefix.length() > 64) {
        throw new IllegalArgumentException("keyPrefix must have at most 64 characters; got " + keyPrefix.length());
      }
      return new Idempotency(this);
    }
  }
}
