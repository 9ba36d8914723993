/**
 * Ports: object storage, message queues, topic publishers and key-value stores. Each cloud adapter implements them with that cloud's SDK; each port has one unchecked exception family that says whether a retry can help.
 */
@NullMarked
package dev.faas4j.port;

import org.jspecify.annotations.NullMarked;
