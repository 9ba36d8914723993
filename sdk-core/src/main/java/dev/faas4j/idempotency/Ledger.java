package dev.faas4j.idempotency;

import dev.faas4j.event.HttpResponse;
import dev.faas4j.idempotency.IdempotencyRecord.Status;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The claim protocol over a {@link KeyValueStore}: every transition is a conditional write (putIfAbsent on a free
 * key, compareAndSet on the version read), so of any number of concurrent invocations exactly one holds a claim.
 */
final class Ledger {
  /** Rounds of read-then-write before a contended key is reported busy; each lost round means someone else won. */
  static final int MAX_CLAIM_ROUNDS = 8;

  private final KeyValueStore store;
  private final Duration expiry;

  Ledger(KeyValueStore store, Duration expiry) {
    this.store = store;
    this.expiry = expiry;
  }

  /** How a completion went. */
  enum Completion {
    /** The result is stored; duplicates get it. */
    STORED,
    /** The claim was lost: the lease lapsed and another invocation took the key over. Nothing was written. */
    LOST,
    /** The response is larger than the store can hold; the key was released so a duplicate runs again. */
    TOO_LARGE
  }

  /** The result of trying to claim a key. */
  sealed interface Claim permits Claimed, Replay, Mismatch, Busy {}

  /** This invocation holds the key at {@code version} and must run the function, then complete or release. */
  record Claimed(long version, String fingerprint) implements Claim {}

  /** The same payload completed before; {@code response} is its stored HTTP response, if it was a request. */
  record Replay(Optional<HttpResponse> response) implements Claim {}

  /** The key was first used for a different payload. */
  record Mismatch() implements Claim {}

  /** Another invocation holds a live claim until {@code leaseUntil}. */
  record Busy(Instant leaseUntil) implements Claim {}

  /**
   * Claims {@code key} for the payload with {@code fingerprint}: writes an in-progress record if the key is free,
   * failed, or held by a claim whose lease has lapsed.
   *
   * @param leaseUntil when this claim lapses (at the latest, the invocation's deadline)
   * @param now the current time, to judge other claims' leases
   */
  Claim claim(String key, String fingerprint, Instant now, Instant leaseUntil) {
    byte[] mine = new IdempotencyRecord(Status.IN_PROGRESS, fingerprint, leaseUntil, Optional.empty()).encode();
    for (int round = 0; round < MAX_CLAIM_ROUNDS; round++) {
      Optional<KeyValueEntry> current = store.get(key);
      OptionalLong written;
      if (current.isEmpty()) {
        written = store.putIfAbsent(key, mine, expiry);
      } else {
        IdempotencyRecord record = IdempotencyRecord.decode(current.get().value());
        if (!record.fingerprint().equals(fingerprint)) {
          return new Mismatch();
        }
        if (record.status() == Status.COMPLETED) {
          return new Replay(record.response());
        }
        if (record.status() == Status.IN_PROGRESS && now.isBefore(record.leaseUntil())) {
          return new Busy(record.leaseUntil());
        }
        // FAILED, or IN_PROGRESS whose invocation died without releasing: take it over.
        written = store.compareAndSet(key, current.get().version(), mine, expiry);
      }
      if (written.isPresent()) {
        return new Claimed(written.getAsLong(), fingerprint);
      }
    }
    return new Busy(now);
  }

  /** Marks the claimed key completed, storing {@code response} for replay. */
  Completion complete(String key, Claimed claim, Instant now, Optional<HttpResponse> response) {
    byte[] record = new IdempotencyRecord(Status.COMPLETED, claim.fingerprint(), now, response).encode();
    if (record.length > Keys.MAX_KV_VALUE_BYTES) {
      return release(key, claim, now) ? Completion.TOO_LARGE : Completion.LOST;
    }
    return write(key, claim, record) ? Completion.STORED : Completion.LOST;
  }

  /**
   * Marks the claimed key failed, so that the next delivery or retry may claim it again.
   *
   * @return false if the claim was lost
   */
  boolean release(String key, Claimed claim, Instant now) {
    return write(key, claim,
        new IdempotencyRecord(Status.FAILED, claim.fingerprint(), now, Optional.empty()).encode());
  }

  private boolean write(String key, Claimed claim, byte[] record) {
    return store.compareAndSet(key, claim.version(), record, expiry).isPresent();
  }
}
