package dev.faas4j.examples;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.examples.fanout.FanOut;
import dev.faas4j.examples.orders.Orders;
import dev.faas4j.examples.orders.PaymentGateway;
import dev.faas4j.examples.orders.RecordingPaymentGateway;
import dev.faas4j.examples.report.Reports;
import dev.faas4j.examples.thumbnails.Thumbnails;
import dev.faas4j.examples.users.Users;
import dev.faas4j.examples.webhook.Webhooks;

/**
 * Every example as one application, the one {@code META-INF/services/dev.faas4j.FunctionApp} names:
 *
 * <pre>
 * createUser      POST /users                     users table, publishes user-created
 * getUser         GET /users/{id}
 * welcomeEmail    topic user-created              outbox bucket
 * countSignups    topic user-created              analytics table (idempotent by user id)
 * thumbnail       bucket raw-images               processed-images bucket, images table
 * placeOrders     POST /orders                    feeds the orders queue
 * processOrders   queue orders, batches of 10     payment gateway, orders table (idempotent by order id)
 * dailyReport     cron 0 2 * * * (UTC)            reports bucket, deletes orders older than 30 days
 * paymentWebhook  POST /webhooks/payments         signed with WEBHOOK_SECRET, idempotent by event id
 * </pre>
 *
 * <p>Every resource is a logical name given to the {@link Platform}; nothing here knows which cloud, if any, it runs
 * on. Each pattern is also a small {@link FunctionApp} of its own, to test or deploy alone.
 */
public final class ExamplesApp implements FunctionApp {
  private final PaymentGateway payments;

  /** The app with a {@link RecordingPaymentGateway}: orders are recorded, nobody is charged. */
  public ExamplesApp() {
    this(new RecordingPaymentGateway());
  }

  public ExamplesApp(PaymentGateway payments) {
    this.payments = payments;
  }

  @Override
  public void configure(Functions functions, Platform platform) {
    new Users().configure(functions, platform);
    new FanOut().configure(functions, platform);
    new Thumbnails().configure(functions, platform);
    new Orders(payments).configure(functions, platform);
    new Reports().configure(functions, platform);
    new Webhooks().configure(functions, platform);
  }
}
