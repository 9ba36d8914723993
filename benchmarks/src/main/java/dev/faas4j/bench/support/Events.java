package dev.faas4j.bench.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The benchmark inputs, from {@code src/main/resources/events}. */
public final class Events {
  private Events() {}

  public static byte[] apiGatewayV2() {
    return read("apigw-v2-http.json");
  }

  public static byte[] sqsBatch10() {
    return read("sqs-batch-10.json");
  }

  /** An SQS event holding one record: the first record of {@link #sqsBatch10()}. */
  public static byte[] sqsOne() {
    return read("sqs-1.json");
  }

  public static byte[] gcsObject() {
    return read("gcs-object-finalized.json");
  }

  private static byte[] read(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource events/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
