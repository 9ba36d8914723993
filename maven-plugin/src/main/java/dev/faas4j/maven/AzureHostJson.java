package dev.faas4j.maven;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The function app's default host.json: the extension bundle (without one the host wants Core Tools to install the
 * trigger extensions), and the per-function options Azure only takes app-wide: {@code functionTimeout} is the
 * longest declared timeout, {@code maxDequeueCount} the largest {@code maxDeliveries} of a queue function (the
 * generated entry class says the same in its comment).
 */
final class AzureHostJson {
  private AzureHostJson() {}

  static String of(Object inventory) throws MojoExecutionException {
    long timeout = -1;
    int dequeue = -1;
    for (Object fn : (List<?>) IsolatedApp.call(inventory.getClass(), inventory, "functions")) {
      Object options = IsolatedApp.call(fn.getClass(), fn, "options");
      Optional<?> t = (Optional<?>) IsolatedApp.call(options.getClass(), options, "timeout");
      if (t.isPresent()) {
        timeout = Math.max(timeout, ((Duration) t.get()).toSeconds());
      }
      if (((Enum<?>) IsolatedApp.call(fn.getClass(), fn, "kind")).name().equals("QUEUE")) {
        dequeue = Math.max(dequeue, (Integer) IsolatedApp.call(options.getClass(), options, "maxDeliveries"));
      }
    }
    List<String> fields = new ArrayList<>();
    fields.add("  \"version\": \"2.0\"");
    if (timeout > 0) {
      fields.add(String.format(Locale.ROOT, "  \"functionTimeout\": \"%02d:%02d:%02d\"", timeout / 3600,
          timeout / 60 % 60, timeout % 60));
    }
    if (dequeue > 0) {
      fields.add("  \"extensions\": {\n    \"queues\": {\n      \"maxDequeueCount\": " + dequeue + "\n    }\n  }");
    }
    fields.add("  \"extensionBundle\": {\n    \"id\": \"Microsoft.Azure.Functions.ExtensionBundle\",\n"
        + "    \"version\": \"[4.*, 5.0.0)\"\n  }");
    return "{\n" + String.join(",\n", fields) + "\n}\n";
  }
}
