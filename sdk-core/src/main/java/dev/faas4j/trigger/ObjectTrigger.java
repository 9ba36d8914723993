package dev.faas4j.trigger;

import dev.faas4j.event.ObjectEventKind;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Changes to objects in a bucket: by default objects created, optionally filtered by key prefix and suffix.
 *
 * @param prefix only keys starting with it ("" for all)
 * @param suffix only keys ending with it ("" for all)
 */
public record ObjectTrigger(String bucket, Set<ObjectEventKind> kinds, String prefix, String suffix)
    implements Trigger {

  public ObjectTrigger {
    Names.check(bucket, "Bucket");
    if (kinds.isEmpty()) {
      throw new InvalidTriggerException("Bucket trigger on " + bucket + " names no event kind");
    }
    kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    if (prefix == null || suffix == null) {
      throw new InvalidTriggerException("Bucket trigger on " + bucket + ": prefix and suffix must not be null");
    }
  }

  /** Objects created in {@code bucket}. */
  public static ObjectTrigger of(String bucket) {
    return new ObjectTrigger(bucket, EnumSet.of(ObjectEventKind.CREATED), "", "");
  }

  /** The same trigger for other event kinds. */
  public ObjectTrigger on(ObjectEventKind... kinds) {
    return new ObjectTrigger(bucket, Set.copyOf(Arrays.asList(kinds)), prefix, suffix);
  }

  public ObjectTrigger prefix(String prefix) {
    return new ObjectTrigger(bucket, kinds, prefix, suffix);
  }

  public ObjectTrigger suffix(String suffix) {
    return new ObjectTrigger(bucket, kinds, prefix, suffix);
  }

  /** Whether an event of this kind for this key fires the trigger. */
  public boolean matches(ObjectEventKind kind, String key) {
    return kinds.contains(kind) && key.startsWith(prefix) && key.endsWith(suffix);
  }

  @Override
  public String describe() {
    return "bucket " + bucket + " " + kinds + (prefix.isEmpty() ? "" : " prefix " + prefix)
        + (suffix.isEmpty() ? "" : " suffix " + suffix);
  }
}
