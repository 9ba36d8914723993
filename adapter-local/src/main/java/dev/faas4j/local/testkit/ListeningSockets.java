package dev.faas4j.local.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The local addresses the kernel has a listening TCP socket on for a port, read from {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (Linux): for tests that prove a server (an emulator, the invoker, the local runtime) is
 * bound to loopback, not to every interface.
 */
public final class ListeningSockets {
  private ListeningSockets() {}

  /** The addresses listening on {@code port}: 0.0.0.0 or :: for every interface, 127.0.0.1 for loopback only. */
  public static List<InetAddress> on(int port) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st ...; st 0A is LISTEN
        if (f.length > 3 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
          addresses.add(decode(f[1].substring(0, f[1].indexOf(':'))));
        }
      }
    }
    return addresses;
  }

  /** The kernel prints each 32-bit word of the address in host (little-endian) order. */
  private static InetAddress decode(String hex) throws IOException {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = (word * 4 + 3 - i) * 2;
        bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return InetAddress.getByAddress(bytes);
  }

  /** Whether this machine exposes its socket tables ({@code /proc/net/tcp}); tests skip the check when not. */
  public static boolean supported() {
    return Files.isReadable(Path.of("/proc/net/tcp"));
  }
}
