/**
 * The cloud on a laptop: {@link dev.faas4j.local.LocalRuntime} serves an application's HTTP functions and fires its
 * storage, queue, topic and schedule functions from state kept under one data directory.
 */
@NullMarked
package dev.faas4j.local;

import org.jspecify.annotations.NullMarked;
