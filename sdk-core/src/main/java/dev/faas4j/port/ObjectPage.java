package dev.faas4j.port;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, in key order.
 *
 * @param nextPageToken pass it to the next {@code list} call; empty on the last page
 */
public record ObjectPage(List<ObjectInfo> objects, Optional<String> nextPageToken) {
  public ObjectPage {
    objects = List.copyOf(objects);
    java.util.Objects.requireNonNull(nextPageToken, "nextPageToken must not be null");
  }
}
