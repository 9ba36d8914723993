/**
 * The local runtime's durable ports: {@link dev.faas4j.local.store.SqliteDurableQueue},
 * {@link dev.faas4j.local.store.SqliteKeyValueStore} and {@link dev.faas4j.local.store.FileSystemObjectStorage},
 * all sharing one {@link dev.faas4j.local.store.LocalDatabase} per data directory, so a restart (or a kill -9)
 * loses nothing that a port call reported as done.
 */
@NullMarked
package dev.faas4j.local.store;

import org.jspecify.annotations.NullMarked;
