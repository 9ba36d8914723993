/**
 * The test kit: build realistic events in one line ({@link dev.faas4j.local.testkit.TestEvents}), call a function
 * through the same dispatcher production uses ({@link dev.faas4j.local.testkit.FunctionTester}), or call a handler
 * directly with a {@link dev.faas4j.local.testkit.TestContext}; read what it logged from
 * {@link dev.faas4j.local.testkit.CapturedLogs}, and move time with a {@link dev.faas4j.local.testkit.ManualClock}.
 *
 * <p>Nothing here needs JUnit or AssertJ: failures are plain {@link java.lang.AssertionError}s, which every test
 * framework reports.
 */
@NullMarked
package dev.faas4j.local.testkit;

import org.jspecify.annotations.NullMarked;
