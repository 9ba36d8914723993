/**
 * Orders: messages on the {@code orders} queue, in batches of up to 10, charged exactly once each through a
 * {@link dev.faas4j.examples.orders.PaymentGateway}; a bad message fails alone in its batch.
 */
@NullMarked
package dev.faas4j.examples.orders;

import org.jspecify.annotations.NullMarked;
