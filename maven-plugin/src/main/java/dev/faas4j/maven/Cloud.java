package dev.faas4j.maven;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cloud faas4j builds for: its adapter, and the client libraries each kind of port needs on it. The libraries'
 * versions and exclusions are not repeated here: they come from the adapter's own POM, which declares every one as
 * optional, so that a function ships only those its ports use.
 */
enum Cloud {
  AWS("adapter-aws", Map.of(
      "BUCKET", List.of("software.amazon.awssdk:s3"),
      "QUEUE", List.of("software.amazon.awssdk:sqs"),
      "TOPIC", List.of("software.amazon.awssdk:sns"),
      "TABLE", List.of("software.amazon.awssdk:dynamodb")),
      List.of("software.amazon.awssdk:url-connection-client"), "com.amazonaws:aws-lambda-java-core"),
  GCP("adapter-gcp", Map.of(
      "BUCKET", List.of("com.google.cloud:google-cloud-storage"),
      "QUEUE", List.of("com.google.cloud:google-cloud-pubsub"),
      "TOPIC", List.of("com.google.cloud:google-cloud-pubsub"),
      "TABLE", List.of("com.google.cloud:google-cloud-firestore")),
      List.of(), "com.google.cloud.functions:functions-framework-api"),
  AZURE("adapter-azure", Map.of(
      // large queue messages overflow into a blob container
      "BUCKET", List.of("com.azure:azure-storage-blob"),
      "QUEUE", List.of("com.azure:azure-storage-queue", "com.azure:azure-storage-blob"),
      "TOPIC", List.of("com.azure:azure-messaging-servicebus"),
      "TABLE", List.of("com.azure:azure-data-tables")),
      List.of("com.azure:azure-core-http-jdk-httpclient"), "com.microsoft.azure.functions:azure-functions-java-library");

  private final String adapter;
  private final Map<String, List<String>> clientsByKind;
  private final List<String> transport;
  private final String runtimeApi;

  Cloud(String adapter, Map<String, List<String>> clientsByKind, List<String> transport, String runtimeApi) {
    this.adapter = adapter;
    this.clientsByKind = clientsByKind;
    this.transport = transport;
    this.runtimeApi = runtimeApi;
  }

  /**
   * {@code groupId:artifactId} of the API the cloud's runtime provides (the adapter declares it {@code provided}):
   * never shipped, but the generators load the adapter's entry points, and Azure's entry class compiles against it.
   */
  String runtimeApi() {
    return runtimeApi;
  }

  /** The adapter's artifactId (group {@code dev.faas4j}). */
  String adapter() {
    return adapter;
  }

  /** The directory name under {@code target/faas4j}: {@code aws}, {@code gcp}, {@code azure}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code groupId:artifactId} of every client library the given resource kinds need, without duplicates. */
  List<String> clients(Iterable<String> kinds) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (String kind : kinds) {
      out.addAll(clientsByKind.getOrDefault(kind, List.of()));
    }
    if (!out.isEmpty()) {
      out.addAll(transport);
    }
    return List.copyOf(out);
  }

  static Cloud parse(String id) {
    for (Cloud c : values()) {
      if (c.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException("Unknown cloud '" + id + "'; known: aws, gcp, azure");
  }
}
