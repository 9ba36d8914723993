/**
 * Portable events: HTTP requests and responses, storage-object, queue, topic and schedule events, each carrying the CloudEvents core attributes plus typed content.
 */
@NullMarked
package dev.faas4j.event;

import org.jspecify.annotations.NullMarked;
