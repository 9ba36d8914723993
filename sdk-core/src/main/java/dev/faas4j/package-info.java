/**
 * The function contract: the function types a user implements, the {@link dev.faas4j.InvocationContext}, and the {@link dev.faas4j.FunctionApp} that declares an application's functions and their triggers.
 */
@NullMarked
package dev.faas4j;

import org.jspecify.annotations.NullMarked;
