/** The Users API: {@code POST /users} saves a user in a key-value table, {@code GET /users/{id}} reads it back. */
@NullMarked
package dev.faas4j.examples.users;

import org.jspecify.annotations.NullMarked;
