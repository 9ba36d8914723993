package dev.faas4j.bench.baseline;

import static dev.faas4j.bench.baseline.BaselineJson.MAPPER;

import com.google.cloud.functions.CloudEventsFunction;
import dev.faas4j.bench.Seen;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import org.jspecify.annotations.Nullable;

/**
 * The hand-written Functions Framework handler for a Cloud Storage CloudEvent, using Jackson directly: reads the
 * CloudEvent attributes the invoker decoded, binds the storage object in its data, and reads bucket, name and size.
 */
public final class GcsCloudEventBaseline implements CloudEventsFunction {
  /** The storage object (the CloudEvent's data); GCS sends size and generation as strings. */
  public record StorageObject(@Nullable String bucket, @Nullable String name, @Nullable String size,
      @Nullable String generation, @Nullable String contentType, @Nullable String etag,
      @Nullable String timeCreated) {}

  @Override
  public void accept(CloudEvent event) throws Exception {
    if (!event.getType().equals("google.cloud.storage.object.v1.finalized")) {
      throw new IllegalArgumentException("Unexpected event type " + event.getType());
    }
    CloudEventData data = event.getData();
    if (data == null) {
      throw new IllegalArgumentException("No data");
    }
    StorageObject object = MAPPER.readValue(data.toBytes(), StorageObject.class);
    if (object.bucket() == null || object.name() == null) {
      throw new IllegalArgumentException("Missing bucket or name");
    }
    Seen.object(object.bucket(), object.name(), object.size() == null ? -1 : Long.parseLong(object.size()));
  }
}
