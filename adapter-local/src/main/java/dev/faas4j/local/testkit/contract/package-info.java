/**
 * Abstract contract tests for the ports: every implementation, in every adapter, in-memory ones included, extends
 * the one for its port so that all backends behave alike. Subclass, implement {@code newSubject()} (and the hooks a
 * contract names), and run it as an ordinary JUnit 5 test.
 *
 * <p>The hooks that touch time default to really waiting, so cloud backends can run the contracts unchanged (the
 * waits are kept to a second or two); implementations with an injectable clock override them to move a manual
 * clock instead.
 */
@NullMarked
package dev.faas4j.local.testkit.contract;

import org.jspecify.annotations.NullMarked;
