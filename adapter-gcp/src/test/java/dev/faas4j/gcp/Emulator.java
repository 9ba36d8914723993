package dev.faas4j.gcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Google Cloud CLI emulator (Pub/Sub, Firestore) on 127.0.0.1 and a free port, when the machine has it. Its
 * launcher script starts {@code java} as a child without {@code exec}, so stopping kills the whole process tree.
 */
final class Emulator implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private final Process process;
  private final Path log;
  final int port;

  private Emulator(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static boolean available(Path launcher) {
    return Files.isExecutable(launcher);
  }

  /** Starts {@code command} with {@code {port}} replaced by a free port, and waits until the port accepts. */
  static Emulator start(List<String> command) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> args = new ArrayList<>();
    for (String c : command) {
      args.add(c.replace("{port}", Integer.toString(port)));
    }
    Path log = Files.createTempFile("emulator-", ".log");
    Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Emulator e = new Emulator(p, log, port);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        String out = Files.readString(log);
        e.close();
        throw new IllegalStateException("The emulator exited:\n" + out);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return e;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    e.close();
    throw new IllegalStateException("The emulator did not listen within " + START_TIMEOUT);
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws IOException {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      for (ProcessHandle h : tree) {
        h.onExit().get(10, TimeUnit.SECONDS);
      }
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (Exception ex) {
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    Files.deleteIfExists(log);
  }
}
