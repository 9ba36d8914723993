package dev.faas4j.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a scan, in key order.
 *
 * @param nextPageToken pass it to the next {@code scan} call; empty on the last page
 */
public record KeyValuePage(List<KeyValueEntry> entries, Optional<String> nextPageToken) {
  public KeyValuePage {
    entries = List.copyOf(entries);
    Objects.requireNonNull(nextPageToken, "nextPageToken must not be null");
  }
}
