package dev.faas4j.azure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Azurite (npm, installed by the build into target/emulators) on 127.0.0.1 with free ports, in memory. One per test
 * class; {@link #close()} stops the node process by its own handle.
 */
final class Azurite implements AutoCloseable {
  static final String ACCOUNT = "devstoreaccount1";
  static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final Process process;
  final int blobPort;
  final int queuePort;
  final int tablePort;

  private Azurite(Process process, int blobPort, int queuePort, int tablePort) {
    this.process = process;
    this.blobPort = blobPort;
    this.queuePort = queuePort;
    this.tablePort = tablePort;
  }

  static Azurite start() throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("faas4j.azurite.dir", "target/emulators/node_modules/azurite"));
    Path script = dir.resolve("dist/src/azurite.js");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("Azurite is not installed at " + dir + "; run the Maven build (npm ci in "
          + "target/emulators)");
    }
    int blob = freePort();
    int queue = freePort();
    int table = freePort();
    Path workspace = Files.createTempDirectory("azurite");
    Process p = new ProcessBuilder(List.of("node", script.toString(), "--silent", "--inMemoryPersistence",
        "--skipApiVersionCheck", "--disableProductStyleUrl",
        "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(blob),
        "--queueHost", "127.0.0.1", "--queuePort", String.valueOf(queue),
        "--tableHost", "127.0.0.1", "--tablePort", String.valueOf(table)))
        .directory(workspace.toFile()).redirectErrorStream(true).redirectOutput(workspace.resolve("azurite.log").toFile()).start();
    Azurite azurite = new Azurite(p, blob, queue, table);
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      for (int port : new int[] {blob, queue, table}) {
        while (!listening(port)) {
          if (!p.isAlive()) {
            throw new IllegalStateException("Azurite exited: " + Files.readString(workspace.resolve("azurite.log")));
          }
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("Azurite did not listen within 60 s");
          }
          Thread.sleep(50);
        }
      }
      return azurite;
    } catch (RuntimeException | InterruptedException e) {
      azurite.close();
      throw e;
    }
  }

  String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
        + ";BlobEndpoint=http://127.0.0.1:" + blobPort + "/" + ACCOUNT
        + ";QueueEndpoint=http://127.0.0.1:" + queuePort + "/" + ACCOUNT
        + ";TableEndpoint=http://127.0.0.1:" + tablePort + "/" + ACCOUNT + ";";
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return s.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
