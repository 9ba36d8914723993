/**
 * A signed webhook in the style of payment providers: an HMAC-SHA256 signature over the timestamp and the raw
 * body, checked in constant time within a tolerance, and events handled once per event id.
 */
@NullMarked
package dev.faas4j.examples.webhook;

import org.jspecify.annotations.NullMarked;
