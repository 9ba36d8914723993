package dev.faas4j.spi;

import dev.faas4j.event.InvalidEventException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a message a cloud dead-lettered, in the JSON that cloud hands it over in (an SQS dead-letter message or a
 * Lambda SQS event, a Pub/Sub push body or dead-letter message, an Azure poison-queue message), into a
 * {@link Delivery} through that adapter's own event mapping: the code that runs in the cloud, so a poison message
 * replayed on a laptop or in a test reaches the function as the same portable event and fails the same way.
 *
 * <p>Each adapter registers one in {@code META-INF/services/dev.faas4j.spi.WireReplayer}. They are looked up with
 * {@link ServiceLoader} by {@link #find} only when a replay is asked for, never on an invocation's path.
 */
public interface WireReplayer {

  /** The cloud, as a replay names it: {@code aws}, {@code gcp} or {@code azure}. */
  String cloud();

  /** Whether {@code payload}, JSON, has one of the shapes this cloud hands dead letters over in. */
  boolean recognizes(byte[] payload);

  /**
   * The delivery of {@code payload}, one item per message it holds, mapped as this cloud's entry point maps them.
   *
   * @throws InvalidEventException if the payload is not one of this cloud's shapes, or names no queue and the
   *     target gives none
   */
  Delivery map(byte[] payload, Target target);

  /**
   * Where a replay runs.
   *
   * @param host the application's dispatcher and the function the replay is for, if named
   * @param config the settings that map physical resource names to logical ones, as in the cloud
   * @param queue the logical queue for formats that do not name theirs (an SQS or Azure dead-letter message)
   */
  record Target(FunctionHost host, Function<String, String> config, Clock clock, Invocation invocation,
      Optional<String> queue) {

    /** An empty delivery for this invocation and the host's function, as the cloud's entry point starts one. */
    public Delivery.Builder delivery() {
      return Delivery.builder(invocation).function(host.functionName().orElse(null));
    }
  }

  /**
   * The replayer of {@code cloud}, or, when null, of the one cloud whose shapes {@code payload} has.
   *
   * @throws InvalidEventException naming the clouds found when none (or no such cloud) recognises the payload
   */
  static WireReplayer find(@Nullable String cloud, byte[] payload, ClassLoader loader) {
    WireJson.tree(payload, "Dead-lettered message"); // malformed JSON: that error, not "no cloud recognises it"
    List<WireReplayer> all = new ArrayList<>();
    ServiceLoader.load(WireReplayer.class, loader).forEach(all::add);
    List<String> clouds = all.stream().map(WireReplayer::cloud).toList();
    if (cloud != null) {
      String wanted = cloud.trim().toLowerCase(Locale.ROOT);
      return all.stream().filter(r -> r.cloud().equals(wanted)).findFirst()
          .orElseThrow(() -> new InvalidEventException("No replayer for cloud '" + wanted + "' on the class path; "
              + "found " + clouds + " (add the cloud's faas4j adapter as a test or runtime dependency)"));
    }
    List<WireReplayer> matching = all.stream().filter(r -> r.recognizes(payload)).toList();
    if (matching.size() == 1) {
      return matching.get(0);
    }
    throw new InvalidEventException(matching.isEmpty()
        ? "No cloud recognises this payload as a dead-lettered message; replayers on the class path: " + clouds
            + ". Expected an SQS message or Lambda SQS event (aws), a Pub/Sub push body or pulled message (gcp), "
            + "or an Azure queue message (azure); or name the cloud"
        : "Several clouds recognise this payload: " + matching.stream().map(WireReplayer::cloud).toList()
            + "; name the cloud");
  }
}
