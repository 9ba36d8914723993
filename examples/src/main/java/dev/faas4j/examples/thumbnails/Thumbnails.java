package dev.faas4j.examples.thumbnails;

import static dev.faas4j.trigger.Triggers.bucket;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import java.time.Duration;

/** The thumbnail pipeline: uploads to {@code raw-images} become thumbnails in {@code processed-images}. */
public final class Thumbnails implements FunctionApp {
  /** The logical bucket images are uploaded to. */
  public static final String RAW = "raw-images";
  /** The logical bucket thumbnails are written to, under {@link Thumbnailer#PREFIX}. */
  public static final String PROCESSED = "processed-images";
  /** The logical key-value table of {@link ImageMetadata}, by source key. */
  public static final String METADATA = "images";

  @Override
  public void configure(Functions functions, Platform platform) {
    // Decoding a 40 MP image needs room and time; every generated descriptor carries these two settings.
    functions.onObject("thumbnail", bucket(RAW), new Thumbnailer(platform.objectStorage(RAW),
        platform.objectStorage(PROCESSED), platform.keyValueStore(METADATA)))
        .memoryMb(1024).timeout(Duration.ofMinutes(2));
  }
}
