package dev.faas4j.examples.thumbnails;

import java.time.Instant;

/**
 * What is recorded in the {@code images} table, under the source object's key, for each processed image.
 *
 * @param format the decoded format: {@code png}, {@code jpeg} or {@code gif}
 * @param bytes the size of the source object
 */
public record ImageMetadata(
    String key,
    String format,
    int width,
    int height,
    long bytes,
    String thumbnailKey,
    int thumbnailWidth,
    int thumbnailHeight,
    Instant processedAt) {}
