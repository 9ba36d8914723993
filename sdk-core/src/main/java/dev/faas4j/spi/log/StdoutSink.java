package dev.faas4j.spi.log;

import dev.faas4j.log.LogLevel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Writes lines to standard output; one synchronized println per line keeps lines whole across threads. */
final class StdoutSink implements LogSink {
  static final StdoutSink INSTANCE = new StdoutSink();

  // Our own stream over fd 1: a function that replaces System.out must not redirect or break our logs.
  private final PrintStream out =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  @Override
  public void write(LogLevel level, String line) {
    out.println(line);
  }
}
