/**
 * The local runtime's HTTP server: the JDK's built-in server in front of the dispatcher.
 */
@NullMarked
package dev.faas4j.local.http;

import org.jspecify.annotations.NullMarked;
