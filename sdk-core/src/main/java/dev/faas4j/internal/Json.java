package dev.faas4j.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerFactory;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.faas4j.event.InvalidEventException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/**
 * The one Jackson mapper of sdk-core: lenient about unknown fields, strict about syntax, and careful not to copy
 * payload text into error messages (they end up in logs and 400 responses).
 */
public final class Json {

  /** Shared and thread-safe once configured; creating mappers is what makes Java functions start slowly. */
  public static final ObjectMapper MAPPER = mapper();

  private Json() {}

  /**
   * Configured as {@code JsonMapper.builder()} with a module would configure it, without either: no builder, no
   * module machinery and no java.time class is loaded on a cold start that never meets a java.time value.
   */
  @SuppressWarnings("deprecation") // JsonParser.Feature: the features StreamReadFeature and JsonReadFeature map to
  private static ObjectMapper mapper() {
    JsonFactory factory = new JsonFactory()
        .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
        .enable(JsonParser.Feature.ALLOW_UNQUOTED_CONTROL_CHARS); // tolerated on input, escaped on output
    ObjectMapper mapper = new ObjectMapper(factory, null,
        new DefaultDeserializationContext.Impl(BeanDeserializerFactory.instance.withAdditionalDeserializers(
            new JavaTimeDeserializers())));
    mapper.setSerializerFactory(mapper.getSerializerFactory().withAdditionalSerializers(new JavaTimeSerializers()));
    return mapper
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  /**
   * Reads {@code bytes} as a {@code type}.
   *
   * @param what names the input in the error message, e.g. "Request body"
   * @throws InvalidEventException if the input is empty, not JSON, or does not fit {@code type}
   */
  public static <T> T read(byte[] bytes, Class<T> type, String what) {
    if (bytes.length == 0) {
      throw new InvalidEventException(what + " is empty; expected a JSON document");
    }
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new InvalidEventException(what + " is JSON null; expected " + describe(type));
      }
      return value;
    } catch (IOException e) {
      throw new InvalidEventException(describeFailure(what, type, e), PayloadFreeCause.of(e));
    }
  }

  /**
   * {@code text} read as a {@code type}, or null if it is empty, JSON null, or does not read: for a body a platform
   * handed over as text, bound without encoding it. Callers read the encoded bytes with
   * {@link #read(byte[], Class, String)} when this gives null, so every error and its message are that method's.
   */
  public static <T> @org.jspecify.annotations.Nullable T readOrNull(String text, Class<T> type) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return MAPPER.readValue(text, type);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Like {@link #read(byte[], Class, String)} for a generic type such as a list of records; unchecked by design. */
  public static <T> T read(byte[] bytes, java.lang.reflect.Type type, String what) {
    if (bytes.length == 0) {
      throw new InvalidEventException(what + " is empty; expected a JSON document");
    }
    com.fasterxml.jackson.databind.JavaType javaType = MAPPER.getTypeFactory().constructType(type);
    try {
      T value = MAPPER.readValue(bytes, javaType);
      if (value == null) {
        throw new InvalidEventException(what + " is JSON null; expected " + describe(javaType.getRawClass()));
      }
      return value;
    } catch (IOException e) {
      throw new InvalidEventException(describeFailure(what, javaType.getRawClass(), e), PayloadFreeCause.of(e));
    }
  }

  /** Reads a JSON tree, for adapters that inspect a payload's shape. */
  public static JsonNode tree(byte[] bytes, String what) {
    if (bytes.length == 0) {
      throw new InvalidEventException(what + " is empty; expected a JSON document");
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new InvalidEventException(what + " is empty; expected a JSON document");
      }
      return node;
    } catch (IOException e) {
      throw new InvalidEventException(describeFailure(what, JsonNode.class, e), PayloadFreeCause.of(e));
    }
  }

  /** Writes {@code value} as JSON bytes; a value Jackson cannot write is a programming error. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot write a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Like {@link #write(Object)}, for adapters that stream into an output. */
  public static void write(java.io.OutputStream out, Object value) {
    try {
      MAPPER.writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describeFailure(String what, Class<?> type, IOException e) {
    if (e instanceof InvalidFormatException f) {
      String at = f.getPath().isEmpty() ? "" : " at " + path(f);
      return what + " has a value of the wrong type" + at + ": expected " + describe(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m) {
      Class<?> target = m.getTargetType() == null ? type : m.getTargetType();
      if (m.getPath().isEmpty()) {
        return what + " does not match the expected shape: expected " + describe(target);
      }
      if (target.isPrimitive() && String.valueOf(m.getOriginalMessage()).startsWith("Cannot map `null`")) {
        // A primitive has no null: no field at all (a record's parameter) or JSON null, which Jackson does not
        // tell apart by the time a record is built.
        return what + " is missing the required field " + path(m) + " (" + describe(target) + ", not null)";
      }
      return what + " has a value of the wrong type at " + path(m) + ": expected " + describe(target);
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return what + " has an invalid value at " + path(m);
    }
    if (e instanceof JsonProcessingException p && p.getLocation() != null) {
      return what + " is not valid JSON (line " + p.getLocation().getLineNr() + ", column "
          + p.getLocation().getColumnNr() + ")";
    }
    return what + " is not valid JSON";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".", "'", "'"))
        .replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (type == String.class || type == char.class || type == Character.class) {
      return "a string";
    }
    if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return "an object (" + type.getSimpleName() + ")";
  }

  /**
   * Whether {@code type} is one of the java.time types written and read as ISO-8601 strings (Instant,
   * OffsetDateTime, LocalDate, Duration: those functions use most, without a second Jackson module on the path).
   * The name is checked first so that no java.time class is loaded for the types of an app that uses none.
   */
  static boolean isoType(Class<?> type) {
    return type.getName().startsWith("java.time.") && (type == Instant.class || type == OffsetDateTime.class
        || type == LocalDate.class || type == Duration.class);
  }

  /** Writes the {@link #isoType ISO types} with their {@code toString()}. All four are final: exact class match. */
  private static final class JavaTimeSerializers extends Serializers.Base {
    @Override
    public @org.jspecify.annotations.Nullable JsonSerializer<?> findSerializer(SerializationConfig config,
        JavaType type, BeanDescription beanDesc) {
      return isoType(type.getRawClass()) ? ToStringSerializer.instance : null;
    }
  }

  /** Reads the {@link #isoType ISO types}. */
  private static final class JavaTimeDeserializers extends Deserializers.Base {
    @Override
    public @org.jspecify.annotations.Nullable JsonDeserializer<?> findBeanDeserializer(JavaType type,
        DeserializationConfig config, BeanDescription beanDesc) {
      Class<?> raw = type.getRawClass();
      return isoType(raw) ? new IsoDeserializer<>(raw) : null;
    }

    @Override
    public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
      return isoType(valueType);
    }
  }

  /**
   * Parses by type rather than through method references ({@code Instant::parse}): the mapper is built on every
   * cold start, and on Java 17 each reference's call site is linked then, start-up archive or not.
   */
  private static final class IsoDeserializer<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;

    IsoDeserializer(Class<T> type) {
      super(type);
    }

    private Object parse(String text) {
      Class<?> type = handledType();
      if (type == Instant.class) {
        return Instant.parse(text);
      }
      if (type == OffsetDateTime.class) {
        return OffsetDateTime.parse(text);
      }
      if (type == LocalDate.class) {
        return LocalDate.parse(text);
      }
      return Duration.parse(text);
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String text = p.getValueAsString();
      if (text == null) {
        @SuppressWarnings("unchecked")
        T t = (T) ctx.handleUnexpectedToken(handledType(), p);
        return t;
      }
      try {
        @SuppressWarnings("unchecked")
        T t = (T) parse(text.trim());
        return t;
      } catch (DateTimeParseException e) {
        @SuppressWarnings("unchecked")
        T t = (T) ctx.handleWeirdStringValue(handledType(), text, "expected ISO-8601");
        return t;
      }
    }
  }


  /**
   * Stands in for Jackson's exception as the cause: Jackson's messages quote the offending token ("Unrecognized
   * token 'hunter2'"), and platforms log causes. It keeps the type and the stack, not the message.
   */
  static final class PayloadFreeCause extends IOException {
    private static final long serialVersionUID = 1L;

    private PayloadFreeCause(String message) {
      super(message);
    }

    static PayloadFreeCause of(IOException e) {
      PayloadFreeCause cause = new PayloadFreeCause(e.getClass().getName() + " (message withheld: it may quote the payload)");
      cause.setStackTrace(e.getStackTrace());
      return cause;
    }
  }
}
