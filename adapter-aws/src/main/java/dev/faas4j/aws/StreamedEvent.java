package dev.faas4j.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What the streaming readers ({@link HttpV2Reader}, {@link SqsReader}) share: a parser that accepts no more than the
 * tree reader does, the signal that steps aside for the tree path, and the reads of a field the way
 * {@code WireJson} reads it, where anything else steps aside.
 */
final class StreamedEvent {
  /** Jackson's defaults, stricter than the shared tree reader: what this parser accepts, that one accepts too. */
  static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE) // the caller rewinds the stream for the tree path
      .build();

  /** Thrown (without a stack trace) to leave the fast path for the tree path. */
  static final class NotFast extends Exception {
    private static final long serialVersionUID = 1L;

    private NotFast() {
      super("not the fast path", null, false, false);
    }
  }

  static final NotFast NOT_FAST = new NotFast();

  /** The fields of one object a reader has seen, as bits: a repeated one (which a tree collapses) steps aside. */
  static class Seen {
    int seen;

    final void once(int field) throws NotFast {
      if ((seen & field) != 0) {
        throw NOT_FAST;
      }
      seen |= field;
    }
  }

  private StreamedEvent() {}

  /** A string or null (absent), as {@code WireJson.text} reads it; anything else takes the tree path. */
  static @Nullable String text(JsonParser p, JsonToken value) throws IOException, NotFast {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    throw NOT_FAST;
  }

  /**
   * A field only the origin reads, when asked, through the tree mapping: checked here to be what that mapping
   * accepts, a string or null, so that reading the origin later cannot fail; anything else takes the tree path.
   */
  static void textOnly(JsonToken value) throws NotFast {
    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
      throw NOT_FAST;
    }
  }
}
