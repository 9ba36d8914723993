/**
 * The service-provider interface for adapter authors: load an application, dispatch an invocation to the right function, and get a neutral outcome to translate into the platform's wire response.
 */
@NullMarked
package dev.faas4j.spi;

import org.jspecify.annotations.NullMarked;
