/**
 * Thumbnails: an image uploaded to {@code raw-images} fires a function that writes a JPEG that fits within 200×200
 * to {@code thumbnails/<key>} in {@code processed-images} and records the image's metadata.
 */
@NullMarked
package dev.faas4j.examples.thumbnails;

import org.jspecify.annotations.NullMarked;
