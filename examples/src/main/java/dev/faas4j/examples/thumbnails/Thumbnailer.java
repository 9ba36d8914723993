package dev.faas4j.examples.thumbnails;

import dev.faas4j.InvocationContext;
import dev.faas4j.Json;
import dev.faas4j.ObjectFunction;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fired by an upload to {@code raw-images}: writes a JPEG thumbnail to {@code thumbnails/<key>} in the processed
 * bucket and records {@link ImageMetadata} in the {@code images} table.
 *
 * <ul>
 *   <li><b>Fit, not crop:</b> the thumbnail keeps the whole picture and its aspect ratio, scaled to fit within
 *       {@value #MAX_SIDE}×{@value #MAX_SIDE} (an 800×400 image gives 200×100); smaller images are not enlarged.
 *   <li><b>No loop:</b> keys under {@code thumbnails/} are skipped, so pointing the processed bucket at the raw one
 *       (or a platform without prefix filters on triggers) cannot make thumbnails of thumbnails forever.
 *   <li><b>Not an image:</b> PNG, JPEG and GIF (first frame) are accepted; anything else, a corrupt file or a
 *       decompression bomb is an {@link InvalidEventException}, which the platform dead-letters at once instead of
 *       retrying.
 *   <li><b>Idempotent:</b> a redelivery rewrites the same thumbnail and metadata.
 * </ul>
 */
public final class Thumbnailer implements ObjectFunction {
  /** The longest side of a thumbnail, in pixels. */
  public static final int MAX_SIDE = 200;
  /** Where thumbnails go in the processed bucket; keys under it are never processed. */
  public static final String PREFIX = "thumbnails/";
  /** Larger uploads are refused unread. */
  static final long MAX_SOURCE_BYTES = 20L * 1024 * 1024;

  private final ObjectStorage raw;
  private final ObjectStorage processed;
  private final KeyValueStore images;

  public Thumbnailer(ObjectStorage raw, ObjectStorage processed, KeyValueStore images) {
    this.raw = raw;
    this.processed = processed;
    this.images = images;
  }

  @Override
  public void handle(ObjectEvent event, InvocationContext context) {
    String key = event.key();
    if (key.startsWith(PREFIX)) {
      context.logger().debug("Skipped: already a thumbnail", "key", key);
      return;
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > Keys.MAX_KV_KEY_BYTES) {
      // The metadata is recorded under the object key, and table keys are shorter than object keys.
      throw new InvalidEventException("Object key is too long to record; the limit is " + Keys.MAX_KV_KEY_BYTES
          + " UTF-8 bytes");
    }
    if (event.size().orElse(0) > MAX_SOURCE_BYTES) {
      throw new InvalidEventException("Image is larger than " + MAX_SOURCE_BYTES + " bytes");
    }
    Optional<StoredObject> source = raw.get(key);
    if (source.isEmpty()) {
      context.logger().info("Image is gone; nothing to do", "key", key);
      return;
    }
    byte[] bytes = source.get().content();
    Images.Decoded decoded;
    try {
      decoded = Images.decode(bytes);
    } catch (InvalidEventException e) {
      context.logger().warn("Not a usable image; it will be dead-lettered", "key", key, "reason", e.getMessage());
      throw e;
    }
    BufferedImage image = decoded.image();
    int[] size = Images.fit(image.getWidth(), image.getHeight(), MAX_SIDE);
    byte[] jpeg = Images.jpeg(Images.scale(image, size[0], size[1]));
    String thumbnailKey = PREFIX + key;
    processed.put(thumbnailKey, jpeg, PutOptions.contentType("image/jpeg")
        .metadata("source_format", decoded.format())
        .metadata("source_size", image.getWidth() + "x" + image.getHeight()));
    ImageMetadata metadata = new ImageMetadata(key, decoded.format(), image.getWidth(), image.getHeight(),
        bytes.length, thumbnailKey, size[0], size[1], context.clock().instant());
    images.put(key, Json.toBytes(metadata));
    context.logger().info("Thumbnail written", "key", key, "thumbnailKey", thumbnailKey,
        "width", size[0], "height", size[1]);
  }
}
