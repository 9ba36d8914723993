package dev.faas4j.examples.orders;

import java.time.Instant;

/**
 * An order that was charged, as stored in the {@code orders} table under {@code order:<orderId>}; the daily report
 * reads {@code processedAt} to sum the day and to delete old records.
 */
public record ProcessedOrder(
    String orderId, String customerId, long amountCents, String currency, String chargeId, Instant processedAt) {}
