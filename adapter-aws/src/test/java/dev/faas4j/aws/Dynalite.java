package dev.faas4j.aws;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** One dynalite process per test class, with a fresh table per test. */
final class Dynalite {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private final Process process;
  final DynamoDbClient client;

  Dynalite() throws IOException {
    int[] port = new int[1];
    this.process = Emulators.startDynalite(port);
    this.client = Emulators.dynamoDb(port[0]);
  }

  /** A new table in the layout {@link DynamoDbKeyValueStore} expects. */
  String newTable(String prefix) {
    String name = prefix + "-" + TABLES.incrementAndGet();
    client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoDbKeyValueStore.KEY)
            .attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName(DynamoDbKeyValueStore.KEY).keyType(KeyType.HASH).build()));
    awaitActive(name);
    return name;
  }

  /**
   * dynalite creates tables on a timer even with createTableMs 0, so on a loaded machine the first write can race
   * the creation. Poll briefly instead of the SDK waiter, whose first back-off is 20 s.
   */
  private void awaitActive(String name) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      try {
        if (client.describeTable(b -> b.tableName(name)).table().tableStatus() == TableStatus.ACTIVE) {
          return;
        }
      } catch (ResourceNotFoundException e) {
        // not there yet
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for table " + name, e);
      }
    }
    throw new IllegalStateException("dynalite table " + name + " did not become ACTIVE within 15 s");
  }

  void close() throws InterruptedException {
    client.close();
    Emulators.stop(process);
  }
}
