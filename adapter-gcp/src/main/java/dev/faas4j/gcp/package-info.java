/**
 * faas4j on Google Cloud Functions / Cloud Run functions: the Functions Framework entry points
 * ({@link dev.faas4j.gcp.GcpHttpFunction} for HTTP, Pub/Sub push, Cloud Scheduler, Eventarc and legacy events;
 * {@link dev.faas4j.gcp.GcpEventFunction} for the invoker's CloudEvent signature) and the platform
 * ({@link dev.faas4j.gcp.GcpPlatform}: GCS, Pub/Sub and Firestore ports). The wire mapping, the ports' classes and
 * the Cloud Logging log format are package-private; dispatch policy lives in {@link dev.faas4j.spi.Dispatcher}.
 */
@NullMarked
package dev.faas4j.gcp;

import org.jspecify.annotations.NullMarked;
