/**
 * Stand-ins for what each platform's host hands a handler (Lambda's {@code Context}, the Azure worker's request and
 * response objects, a decoded CloudEvent), and the benchmark inputs. Shared by the faas4j side and the baseline, so
 * neither pays for anything the other does not.
 */
@NullMarked
package dev.faas4j.bench.support;

import org.jspecify.annotations.NullMarked;
