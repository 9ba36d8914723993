/**
 * What the cloud adapters' build-time training runs share (their command line, the training JVM's identity record,
 * the app's own sample events, the training JVM's log and work files), kept here once because every training run has
 * adapter-local on its class path and no function ships it.
 */
@NullMarked
package dev.faas4j.local.training;

import org.jspecify.annotations.NullMarked;
