/**
 * faas4j on Google Cloud Functions / Cloud Run functions: the Functions Framework entry points
 * ({@link dev.faas4j.gcp.GcpHttpFunction} for HTTP, Pub/Sub push, Cloud Scheduler, Eventarc and legacy events;
 * {@link dev.faas4j.gcp.GcpEventFunction} for the invoker's CloudEvent signature), the Cloud Logging log format,
 * and the GCS, Pub/Sub and Firestore ports. Wire mapping is package-private.
 */
@NullMarked
package dev.faas4j.gcp;

import org.jspecify.annotations.NullMarked;
