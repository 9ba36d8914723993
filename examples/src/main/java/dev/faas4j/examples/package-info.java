/**
 * Real serverless patterns written once against {@code dev.faas4j}: they run locally, in tests, and on every cloud.
 */
@NullMarked
package dev.faas4j.examples;

import org.jspecify.annotations.NullMarked;
