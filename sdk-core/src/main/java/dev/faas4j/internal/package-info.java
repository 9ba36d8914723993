/**
 * Implementation details of sdk-core; not an API, may change in any release.
 */
@NullMarked
package dev.faas4j.internal;

import org.jspecify.annotations.NullMarked;
