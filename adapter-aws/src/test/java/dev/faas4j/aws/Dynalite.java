package dev.faas4j.aws;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

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
    return name;
  }

  void close() throws InterruptedException {
    client.close();
    Emulators.stop(process);
  }
}
