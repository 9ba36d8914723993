package dev.faas4j.examples.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The figures of one UTC day, written as {@code daily/<date>.json} to the {@code reports} bucket.
 *
 * @param ordersProcessed orders charged during the day
 * @param revenueCents the sum of their amounts, whatever the currency (it is an example)
 * @param signups users registered during the day
 * @param recordsDeleted order records older than the retention period, deleted by this run
 */
public record Report(
    LocalDate date,
    long ordersProcessed,
    long revenueCents,
    long signups,
    long recordsDeleted,
    Instant generatedAt) {}
