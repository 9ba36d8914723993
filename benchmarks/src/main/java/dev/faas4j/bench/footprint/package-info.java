/** Deployable artifact size and jar count of Lambda functions built on faas4j, and the faas4j part of it. */
@NullMarked
package dev.faas4j.bench.footprint;

import org.jspecify.annotations.NullMarked;
