/** Build-time code: the generator of the Azure entry class from an application's registrations. */
@NullMarked
package dev.faas4j.azure.deploy;

import org.jspecify.annotations.NullMarked;
