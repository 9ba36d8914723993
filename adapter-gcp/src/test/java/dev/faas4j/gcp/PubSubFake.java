package dev.faas4j.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Pub/Sub Publisher gRPC service served in-process: the real client library (batching, retries, ordering
 * keys, the wire protocol) talks to it over gRPC. It records what it received and answers with fresh ids; a topic
 * named {@code missing} answers NOT_FOUND as Pub/Sub does for a topic that does not exist.
 */
final class PubSubFake implements AutoCloseable {
  record Published(String id, PubsubMessage message) {}

  final Map<String, List<Published>> byTopic = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final Server server;
  private final ManagedChannel channel;

  PubSubFake() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(new PublisherGrpc.PublisherImplBase() {
      @Override
      public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
        if (request.getTopic().endsWith("/missing")) {
          response.onError(Status.NOT_FOUND.withDescription("Resource not found").asRuntimeException());
          return;
        }
        PublishResponse.Builder out = PublishResponse.newBuilder();
        for (PubsubMessage m : request.getMessagesList()) {
          String id = Long.toString(ids.incrementAndGet());
          byTopic.computeIfAbsent(request.getTopic(), t -> new CopyOnWriteArrayList<>()).add(new Published(id, m));
          out.addMessageIds(id);
        }
        response.onNext(out.build());
        response.onCompleted();
      }
    }).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  Publisher publisher(String topic) throws IOException {
    return Publisher.newBuilder(TopicName.of("test-project", topic))
        .setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
        .setCredentialsProvider(NoCredentialsProvider.create())
        .setEnableMessageOrdering(true)
        .build();
  }

  List<Published> published(String topic) {
    return byTopic.getOrDefault(TopicName.of("test-project", topic).toString(), List.of());
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
