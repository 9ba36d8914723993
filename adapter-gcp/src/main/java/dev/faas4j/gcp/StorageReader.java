package dev.faas4j.gcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.Origin;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.ResourceNames;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fast path for a Cloud Storage event whose data arrived as bytes (the invoker's CloudEvent, binary mode):
 * streamed with a {@link JsonParser} into the object event, without a JSON tree of the data. It reads the portable
 * facts and checks every platform fact the tree mapping would check, but keeps none of them: the origin reads its
 * attributes when first asked for, through {@link EventMapping#object}, the one reference for which attributes an
 * origin holds. Most functions never look at them.
 *
 * <p>It maps only plainly well-formed data and answers {@code null} for anything else: malformed JSON, a field of
 * an unexpected type, a repeated field, a value the mapping rejects. The caller then maps the event through the tree
 * ({@link EventMapping#object}), which stays the reference for every error message, so bad input is rejected at
 * mapping time with exactly the error it got before, and whatever this reader accepts the tree mapping accepts too.
 */
final class StorageReader {
  /** Jackson's defaults, stricter than the shared tree reader: what this parser accepts, that one accepts too. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  /** Thrown (without a stack trace) to leave the fast path; caught in {@link #read}. */
  private static final class NotFast extends Exception {
    private static final long serialVersionUID = 1L;

    NotFast() {
      super("not the fast path", null, false, false);
    }
  }

  private static final NotFast NOT_FAST = new NotFast();

  private StorageReader() {}

  /**
   * The object event of {@code e}, a storage event whose data are bytes, with its bucket's logical name; null when
   * the tree mapping must read it.
   */
  static @Nullable ObjectEvent read(IncomingEvent e, LogicalNames names) {
    if (e.json() != null || e.data().length == 0) {
      return null;
    }
    try (JsonParser p = JSON.createParser(e.data())) {
      return read(p, e, names);
    } catch (IOException | RuntimeException | NotFast ex) {
      return null;
    }
  }

  // The data fields read or checked here, each once: a repeated one takes the tree path (which keeps the last).
  private static final int NAME = 1;
  private static final int BUCKET = 1 << 1;
  private static final int SIZE = 1 << 2;
  private static final int ETAG = 1 << 3;
  private static final int GENERATION = 1 << 4;
  private static final int CONTENT_TYPE = 1 << 5;
  private static final int METADATA = 1 << 6;
  private static final int RESOURCE_STATE = 1 << 7;
  private static final int METAGENERATION = 1 << 8;
  private static final int ENCRYPTION = 1 << 9;

  private static ObjectEvent read(JsonParser p, IncomingEvent e, LogicalNames names) throws IOException, NotFast {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    int seen = 0;
    long attributes = 0; // the other attribute fields seen, by their position in STORAGE_FIELDS
    String name = null;
    String bucket = null;
    Long size = null;
    String etag = null;
    String generation = null;
    String contentType = null;
    Map<String, String> metadata = Map.of();
    String resourceState = null;
    String metageneration = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      int bit = switch (field) {
        case "name" -> NAME;
        case "bucket" -> BUCKET;
        case "size" -> SIZE;
        case "etag" -> ETAG;
        case "generation" -> GENERATION;
        case "contentType" -> CONTENT_TYPE;
        case "metadata" -> METADATA;
        case "resourceState" -> RESOURCE_STATE;
        case "metageneration" -> METAGENERATION;
        case "customerEncryption" -> ENCRYPTION;
        default -> 0;
      };
      if (bit == 0) {
        int attribute = EventMapping.STORAGE_FIELDS.indexOf(field);
        if (attribute < 0) {
          p.skipChildren(); // not read by the mapping (kind, id, selfLink, mediaLink, ...)
          continue;
        }
        if ((attributes & (1L << attribute)) != 0) {
          throw NOT_FAST;
        }
        attributes |= 1L << attribute;
        checkAttribute(p, field, v);
        continue;
      }
      if ((seen & bit) != 0) {
        throw NOT_FAST;
      }
      seen |= bit;
      if (v == JsonToken.VALUE_NULL) {
        continue; // absent, as the tree mapping takes it
      }
      switch (bit) {
        case NAME -> name = text(p, v);
        case BUCKET -> bucket = text(p, v);
        case SIZE -> size = Long.parseLong(int64(p, v, field));
        case ETAG -> etag = text(p, v);
        case GENERATION -> generation = int64(p, v, field);
        case CONTENT_TYPE -> contentType = text(p, v);
        case METADATA -> metadata = metadata(p, v);
        case RESOURCE_STATE -> resourceState = text(p, v);
        case METAGENERATION -> metageneration = int64(p, v, field);
        default -> encryption(p, v);
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || name == null || name.isEmpty()) {
      throw NOT_FAST; // trailing tokens, or no name: the tree mapping says which
    }
    String logical = names.logical(ResourceNames.Kind.BUCKET, EventMapping.bucket(e, bucket));
    return EventMapping.objectEvent(e, logical, name, size, etag, generation, contentType, metadata,
        EventMapping.kind(e.type(), resourceState, metageneration),
        Origin.lazy("gcp", () -> EventMapping.object(e, EventMapping.data(e), logical).origin()));
  }

  /** Checks an attribute field as {@link EventMapping#object} would read it, without making its value. */
  private static void checkAttribute(JsonParser p, String field, JsonToken v) throws IOException, NotFast {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    switch (field) {
      case "componentCount" -> int64(p, v, field);
      case "eventBasedHold", "temporaryHold" -> {
        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
          throw NOT_FAST;
        }
      }
      default -> {
        if (v != JsonToken.VALUE_STRING) {
          throw NOT_FAST;
        }
      }
    }
  }

  private static String text(JsonParser p, JsonToken v) throws IOException, NotFast {
    if (v != JsonToken.VALUE_STRING) {
      throw NOT_FAST;
    }
    return p.getText();
  }

  /** {@link EventMapping#int64(com.fasterxml.jackson.databind.JsonNode, String)} of a streamed value. */
  private static String int64(JsonParser p, JsonToken v, String field) throws IOException, NotFast {
    if (v == JsonToken.VALUE_STRING) {
      return EventMapping.int64(p.getText().trim(), field);
    }
    if (v == JsonToken.VALUE_NUMBER_INT && (p.getNumberType() == JsonParser.NumberType.INT
        || p.getNumberType() == JsonParser.NumberType.LONG)) {
      return EventMapping.int64(Long.toString(p.getLongValue()), field);
    }
    throw NOT_FAST;
  }

  /** User metadata: an object of strings, each name once. */
  private static Map<String, String> metadata(JsonParser p, JsonToken v) throws IOException, NotFast {
    if (v != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    Facts m = new Facts(4);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING || m.get(key) != null) {
        throw NOT_FAST;
      }
      m.put(key, p.getText());
    }
    return m.toMap();
  }

  /** {@code customerEncryption}: an object whose two fields the mapping reads are strings when present. */
  private static void encryption(JsonParser p, JsonToken v) throws IOException, NotFast {
    if (v != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("encryptionAlgorithm") || field.equals("keySha256")) {
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
          throw NOT_FAST;
        }
      } else {
        p.skipChildren();
      }
    }
  }
}
