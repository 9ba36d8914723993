package dev.faas4j.local;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;

import dev.faas4j.FunctionApp;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.OutgoingMessage;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * A local runtime that the kill -9 test kills: it writes objects under a new key each time and sends queue
 * messages, and reports each on stdout only after the call returned. Its functions record what they ran in the
 * {@code ran} table, which the test reads after a restart. Stdout is the protocol to the parent, not logging.
 */
final class RuntimeCrashChild {
  static final String BUCKET = "uploads";
  static final String QUEUE = "jobs";
  /** Short, so a message leased at the kill is redelivered soon after the restart (the lease is twice this). */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private RuntimeCrashChild() {}

  /** Records every object key and message id its functions ran, and hands out its ports. */
  static final class App implements FunctionApp {
    volatile ObjectStorage uploads;
    volatile MessageQueue jobs;
    volatile KeyValueStore ran;

    @Override
    public void configure(dev.faas4j.Functions f, dev.faas4j.Platform platform) {
      uploads = platform.objectStorage(BUCKET);
      jobs = platform.messageQueue(QUEUE);
      ran = platform.keyValueStore("ran");
      f.onObject("recordObject", bucket(BUCKET), (event, context) -> ran.put("object:" + event.key(), new byte[] {1}));
      f.onQueueMessage("recordMessage", queue(QUEUE),
          (message, context) -> ran.put("message:" + message.text(), new byte[] {1}));
    }
  }

  static LocalRuntime start(App app, Path dataDir) {
    return LocalRuntime.builder(app).port(0).dataDir(dataDir).timeout(TIMEOUT).shutdownGrace(Duration.ZERO)
        .logSink((level, line) -> { }).start();
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    App app = new App();
    start(app, Path.of(args[0]));
    out.println("started");
    byte[] content = new byte[64 * 1024];
    for (long i = 0; ; i++) {
      String key = "k/" + UUID.randomUUID();
      app.uploads.put(key, content);
      out.println("put " + key);
      if (i % 2 == 0) {
        String text = UUID.randomUUID().toString();
        app.jobs.send(OutgoingMessage.text(text));
        out.println("sent " + text);
      }
    }
  }
}
