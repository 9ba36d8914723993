package dev.faas4j.local.store;

import static dev.faas4j.local.store.LocalDatabase.fromNanos;
import static dev.faas4j.local.store.LocalDatabase.toNanos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DurableQueue} in the {@link LocalDatabase}: {@link #send} returns once the message is committed with
 * {@code synchronous=FULL}, so it survives a kill -9 of the runtime.
 *
 * <p>A leased message stays in the table with a lease token and a {@code visible_at} at the end of its lease; when
 * the lease runs out it is simply visible again, so a consumer that dies loses nothing. {@link #ack},
 * {@link #retryLater} and {@link #deadLetter} act only while the delivery's lease token is still the message's
 * current one, so a consumer whose lease expired (and whose message went to someone else) cannot touch it.
 *
 * <p>FIFO: a message with a group key is leased only when no earlier message of its group remains (in flight,
 * delayed or waiting), so each group is consumed strictly one message at a time, in send order, across retries,
 * while different groups proceed in parallel. Messages without a group key are unordered by this rule but still
 * come oldest first. Any queue name works, dots included ({@code topic.orders.audit}).
 */
public final class SqliteDurableQueue implements DurableQueue {
  private static final LocalDatabase.Failure FAILURE = MessageQueueException::new;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
  private static final String NO_EARLIER_IN_GROUP = """
      (m.group_key IS NULL OR NOT EXISTS (SELECT 1 FROM queue_message e
        WHERE e.queue = m.queue AND e.group_key = m.group_key AND e.seq < m.seq))""";
  /** The most messages one {@link #receive} may lease. */
  public static final int MAX_RECEIVE = 1000;

  private final LocalDatabase db;
  private final String queue;
  private final Clock clock;

  public SqliteDurableQueue(LocalDatabase db, String queue, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (queue.isEmpty() || queue.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("queue must be non-empty, without control characters");
    }
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public String send(OutgoingMessage message) {
    Objects.requireNonNull(message, "message");
    Instant now = clock.instant();
    return db.write(FAILURE, c -> insert(c, message, now));
  }

  /** Sends all messages in one transaction: either every one is durable or none is. */
  @Override
  public List<String> sendBatch(List<OutgoingMessage> messages) {
    List<OutgoingMessage> copy = List.copyOf(messages);
    if (copy.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    try {
      return db.write(FAILURE, c -> {
        List<String> ids = new ArrayList<>(copy.size());
        for (OutgoingMessage m : copy) {
          ids.add(insert(c, m, now));
        }
        return List.copyOf(ids);
      });
    } catch (MessageQueueException e) {
      throw MessageQueueException.partial(e.reason(), IntStream.range(0, copy.size()).boxed().toList(),
          copy.size(), e);
    }
  }

  @Override
  public List<Delivery> receive(int max, Duration visibilityTimeout) {
    if (max < 1 || max > MAX_RECEIVE) {
      throw new MessageQueueException(Reason.INVALID_ARGUMENT, "max must be 1 to " + MAX_RECEIVE + "; got " + max);
    }
    if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
      throw new MessageQueueException(Reason.INVALID_ARGUMENT,
          "Visibility timeout must be positive; got " + visibilityTimeout);
    }
    Instant now = clock.instant();
    long leaseEnd = toNanos(now.plus(visibilityTimeout));
    return db.write(FAILURE, c -> {
      List<Delivery> leased = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT m.seq, m.id, m.body, m.attributes, m.group_key, m.sent_at, m.delivery_count FROM queue_message m"
              + " WHERE m.queue = ? AND m.visible_at <= ? AND " + NO_EARLIER_IN_GROUP + " ORDER BY m.seq LIMIT ?");
          PreparedStatement lease = c.prepareStatement("""
              UPDATE queue_message SET lease_token = ?, visible_at = ?, delivery_count = delivery_count + 1
              WHERE seq = ?""")) {
        q.setString(1, queue);
        q.setLong(2, toNanos(now));
        q.setInt(3, max);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            String token = UUID.randomUUID().toString();
            lease.setString(1, token);
            lease.setLong(2, leaseEnd);
            lease.setLong(3, rs.getLong(1));
            lease.executeUpdate();
            leased.add(new Delivery(rs.getString(2), queue, bytes(rs, 3), attributes(rs.getString(4)),
                rs.getInt(7) + 1, Optional.ofNullable(rs.getString(5)), fromNanos(rs.getLong(6)), token));
          }
        }
      }
      return List.copyOf(leased);
    });
  }

  @Override
  public void ack(Delivery delivery) {
    checkOwn(delivery);
    db.write(FAILURE, c -> {
      try (PreparedStatement d = c.prepareStatement(
          "DELETE FROM queue_message WHERE queue = ? AND id = ? AND lease_token = ?")) {
        d.setString(1, queue);
        d.setString(2, delivery.id());
        d.setString(3, delivery.leaseToken());
        return d.executeUpdate();
      }
    });
  }

  @Override
  public void retryLater(Delivery delivery, Duration delay) {
    checkOwn(delivery);
    if (delay.isNegative()) {
      throw new MessageQueueException(Reason.INVALID_ARGUMENT, "Delay must not be negative; got " + delay);
    }
    long visibleAt = toNanos(clock.instant().plus(delay));
    db.write(FAILURE, c -> {
      try (PreparedStatement u = c.prepareStatement("""
          UPDATE queue_message SET visible_at = ?, lease_token = NULL
          WHERE queue = ? AND id = ? AND lease_token = ?""")) {
        u.setLong(1, visibleAt);
        u.setString(2, queue);
        u.setString(3, delivery.id());
        u.setString(4, delivery.leaseToken());
        return u.executeUpdate();
      }
    });
  }

  @Override
  public void deadLetter(Delivery delivery, String reason) {
    checkOwn(delivery);
    Objects.requireNonNull(reason, "reason");
    long now = toNanos(clock.instant());
    db.write(FAILURE, c -> {
      int moved;
      try (PreparedStatement i = c.prepareStatement("""
          INSERT INTO queue_dead_letter
            (queue, id, body, attributes, group_key, sent_at, delivery_count, reason, dead_lettered_at)
          SELECT queue, id, body, attributes, group_key, sent_at, delivery_count, ?, ?
          FROM queue_message WHERE queue = ? AND id = ? AND lease_token = ?""")) {
        i.setString(1, reason);
        i.setLong(2, now);
        i.setString(3, queue);
        i.setString(4, delivery.id());
        i.setString(5, delivery.leaseToken());
        moved = i.executeUpdate();
      }
      if (moved > 0) {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM queue_message WHERE queue = ? AND id = ?")) {
          d.setString(1, queue);
          d.setString(2, delivery.id());
          d.executeUpdate();
        }
      }
      return moved;
    });
  }

  /** Dead letters carry an empty lease token: they cannot be acknowledged, only inspected. */
  @Override
  public List<Delivery> deadLetters() {
    return db.read(FAILURE, c -> {
      try (PreparedStatement q = c.prepareStatement("""
          SELECT id, body, attributes, group_key, sent_at, delivery_count FROM queue_dead_letter
          WHERE queue = ? ORDER BY seq""")) {
        q.setString(1, queue);
        List<Delivery> letters = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            letters.add(new Delivery(rs.getString(1), queue, bytes(rs, 2), attributes(rs.getString(3)),
                rs.getInt(6), Optional.ofNullable(rs.getString(4)), fromNanos(rs.getLong(5)), ""));
          }
        }
        return List.copyOf(letters);
      }
    });
  }

  /** Why a message was dead-lettered; empty if {@code id} is not a dead letter of this queue. */
  @Override
  public Optional<String> deadLetterReason(String id) {
    return db.read(FAILURE, c -> {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT reason FROM queue_dead_letter WHERE queue = ? AND id = ? ORDER BY seq DESC LIMIT 1")) {
        q.setString(1, queue);
        q.setString(2, id);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public int redriveDeadLetters(@Nullable String id) {
    long now = toNanos(clock.instant());
    return db.write(FAILURE, c -> {
      // One row per id (the latest), skipping an id already back on the queue: ids are unique there.
      try (PreparedStatement i = c.prepareStatement("""
          INSERT OR IGNORE INTO queue_message (queue, id, body, attributes, group_key, sent_at, visible_at)
          SELECT queue, id, body, attributes, group_key, sent_at, ? FROM queue_dead_letter d
          WHERE queue = ? AND (? IS NULL OR id = ?)
            AND seq = (SELECT max(seq) FROM queue_dead_letter e WHERE e.queue = d.queue AND e.id = d.id)
          ORDER BY seq""");
          PreparedStatement d = c.prepareStatement(
              "DELETE FROM queue_dead_letter WHERE queue = ? AND (? IS NULL OR id = ?)")) {
        i.setLong(1, now);
        i.setString(2, queue);
        i.setString(3, id);
        i.setString(4, id);
        int moved = i.executeUpdate();
        d.setString(1, queue);
        d.setString(2, id);
        d.setString(3, id);
        d.executeUpdate();
        return moved;
      }
    });
  }

  @Override
  public int purgeDeadLetters(@Nullable String id) {
    return db.write(FAILURE, c -> {
      try (PreparedStatement d = c.prepareStatement(
          "DELETE FROM queue_dead_letter WHERE queue = ? AND (? IS NULL OR id = ?)")) {
        d.setString(1, queue);
        d.setString(2, id);
        d.setString(3, id);
        return d.executeUpdate();
      }
    });
  }

  @Override
  public int inFlight() {
    return db.read(FAILURE, c -> {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT count(*) FROM queue_message WHERE queue = ? AND lease_token IS NOT NULL AND visible_at > ?")) {
        q.setString(1, queue);
        q.setLong(2, toNanos(clock.instant()));
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  @Override
  public int depth() {
    return db.read(FAILURE, c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM queue_message WHERE queue = ?")) {
        q.setString(1, queue);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  /**
   * The earliest instant at which a receive can lease something: the end of a delay or a lease, or an instant not
   * after now when a message is visible already. Messages held back by an earlier one of their group don't count:
   * they wait for that one, not for time.
   */
  @Override
  public Optional<Instant> nextVisibleAt() {
    return db.read(FAILURE, c -> {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT min(m.visible_at) FROM queue_message m WHERE m.queue = ? AND " + NO_EARLIER_IN_GROUP)) {
        q.setString(1, queue);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          long min = rs.getLong(1);
          return rs.wasNull() ? Optional.empty() : Optional.of(fromNanos(min));
        }
      }
    });
  }

  private String insert(Connection c, OutgoingMessage m, Instant now) throws SQLException {
    String id = UUID.randomUUID().toString();
    try (PreparedStatement i = c.prepareStatement("""
        INSERT INTO queue_message (queue, id, body, attributes, group_key, sent_at, visible_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
      i.setString(1, queue);
      i.setString(2, id);
      i.setBytes(3, m.body());
      i.setString(4, json(m.attributes()));
      i.setString(5, m.groupKey().orElse(null));
      i.setLong(6, toNanos(now));
      i.setLong(7, toNanos(now.plus(m.delay())));
      i.executeUpdate();
    }
    return id;
  }

  private void checkOwn(Delivery delivery) {
    if (!queue.equals(delivery.queue())) {
      throw new MessageQueueException(Reason.INVALID_ARGUMENT,
          "Delivery " + delivery.id() + " is from queue '" + delivery.queue() + "', not '" + queue + "'");
    }
  }

  private static byte[] bytes(ResultSet rs, int column) throws SQLException {
    byte[] b = rs.getBytes(column);
    return b == null ? new byte[0] : b;
  }

  private static String json(Map<String, String> attributes) {
    try {
      return JSON.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new MessageQueueException(Reason.UNKNOWN, "Cannot encode message attributes", e);
    }
  }

  private static Map<String, String> attributes(String json) {
    try {
      return Map.copyOf(JSON.readValue(json, ATTRIBUTES));
    } catch (JsonProcessingException e) {
      throw new MessageQueueException(Reason.UNKNOWN, "Stored message attributes are corrupt", e);
    }
  }
}
