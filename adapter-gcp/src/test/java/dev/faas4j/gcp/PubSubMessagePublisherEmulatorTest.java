package dev.faas4j.gcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.TopicName;
import dev.faas4j.local.testkit.contract.MessagePublisherContract;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The publisher contract against the Pub/Sub emulator of the Google Cloud CLI; skipped where it is absent. */
class PubSubMessagePublisherEmulatorTest extends MessagePublisherContract<PubSubMessagePublisher> {
  static final Path LAUNCHER = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");
  private static Emulator emulator;
  private static ManagedChannel channel;
  private static TransportChannelProvider channels;
  private static TopicAdminClient admin;
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private final List<PubSubMessagePublisher> open = new ArrayList<>();

  @BeforeAll
  static void startEmulator() throws Exception {
    assumeTrue(Emulator.available(LAUNCHER), "the Pub/Sub emulator is not installed here");
    emulator = Emulator.start(List.of(LAUNCHER.toString(), "--host=127.0.0.1", "--port={port}"));
    channel = ManagedChannelBuilder.forTarget(emulator.hostPort()).usePlaintext().build();
    channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    admin = TopicAdminClient.create(TopicAdminSettings.newBuilder().setTransportChannelProvider(channels)
        .setCredentialsProvider(NoCredentialsProvider.create()).build());
  }

  @AfterAll
  static void stopEmulator() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @AfterEach
  void closePublishers() {
    open.forEach(PubSubMessagePublisher::close);
  }

  @Override
  protected PubSubMessagePublisher newSubject() {
    TopicName topic = TopicName.of("faas4j-test", "topic-" + TOPICS.incrementAndGet());
    admin.createTopic(topic);
    try {
      PubSubMessagePublisher p = new PubSubMessagePublisher(Publisher.newBuilder(topic).setChannelProvider(channels)
          .setCredentialsProvider(NoCredentialsProvider.create()).setEnableMessageOrdering(true).build());
      open.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
