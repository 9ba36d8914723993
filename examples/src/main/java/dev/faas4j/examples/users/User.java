package dev.faas4j.examples.users;

/** A stored user. */
public record User(String id, String name) {}
