/**
 * The local trigger engine and platform shared by {@code dev.faas4j.local.LocalRuntime} and
 * {@code dev.faas4j.local.testkit.AppHarness}. Public only so that both packages can use it; not an API, and
 * excluded from the javadoc.
 */
@NullMarked
package dev.faas4j.local.internal;

import org.jspecify.annotations.NullMarked;
