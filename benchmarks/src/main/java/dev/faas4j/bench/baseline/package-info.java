/**
 * The hand-written handlers every faas4j figure is compared with: platform API plus Jackson, doing the same
 * parsing and writing as the adapter and the trivial function.
 */
@NullMarked
package dev.faas4j.bench.baseline;

import org.jspecify.annotations.NullMarked;
