/**
 * Build-time code: the {@code gcloud} deployment of a faas4j application, derived from its registrations. Nothing
 * here runs in a function.
 */
@NullMarked
package dev.faas4j.gcp.deploy;

import org.jspecify.annotations.NullMarked;
