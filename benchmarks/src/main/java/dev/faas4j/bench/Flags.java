package dev.faas4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} and {@code --flag} command-line parsing for the harness mains. */
public final class Flags {
  private Flags() {}

  public static Map<String, String> parse(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument " + a);
      }
      String name = a.substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        flags.put(name, args[++i]);
      } else {
        flags.put(name, "true");
      }
    }
    return flags;
  }
}
