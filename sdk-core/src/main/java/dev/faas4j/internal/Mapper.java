package dev.faas4j.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Jackson mapper behind {@link Json}: lenient about unknown fields, strict about syntax, and careful not to
 * copy payload text into error messages (they end up in logs and 400 responses). A class of its own so that it is
 * built, and databind loaded, only when something needs more than {@link Records} binds.
 */
final class Mapper {
  /** Shared and thread-safe once configured. */
  static final ObjectMapper INSTANCE = mapper();

  private Mapper() {}

  /**
   * Configured as {@code JsonMapper.builder()} with a module would configure it, without either: no builder, no
   * module machinery and no java.time class is loaded on a cold start that never meets a java.time value. Its
   * factory is a copy of {@link Json#FACTORY}: the mapper makes itself its factory's codec.
   */
  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper(Json.FACTORY.copy(), null,
        new DefaultDeserializationContext.Impl(BeanDeserializerFactory.instance.withAdditionalDeserializers(
            new JavaTimeDeserializers())));
    mapper.setSerializerFactory(mapper.getSerializerFactory().withAdditionalSerializers(new JavaTimeSerializers()));
    return mapper
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  static <T> T read(byte[] bytes, Class<T> type, String what) {
    try {
      T value = INSTANCE.readValue(bytes, type);
      if (value == null) {
        throw new InvalidEventException(what + " is JSON null; expected " + describe(type));
      }
      return value;
    } catch (IOException e) {
      throw new InvalidEventException(describeFailure(what, type, e), Json.PayloadFreeCause.of(e));
    }
  }

  static <T> @Nullable T readOrNull(String text, Class<T> type) {
    try {
      return INSTANCE.readValue(text, type);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static <T> T read(byte[] bytes, java.lang.reflect.Type type, String what) {
    JavaType javaType = INSTANCE.getTypeFactory().constructType(type);
    try {
      T value = INSTANCE.readValue(bytes, javaType);
      if (value == null) {
        throw new InvalidEventException(what + " is JSON null; expected " + describe(javaType.getRawClass()));
      }
      return value;
    } catch (IOException e) {
      throw new InvalidEventException(describeFailure(what, javaType.getRawClass(), e), Json.PayloadFreeCause.of(e));
    }
  }

  static JsonNode tree(byte[] bytes, String what) {
    try {
      JsonNode node = INSTANCE.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new InvalidEventException(what + " is empty; expected a JSON document");
      }
      return node;
    } catch (IOException e) {
      throw new InvalidEventException(describeFailure(what, JsonNode.class, e), Json.PayloadFreeCause.of(e));
    }
  }

  static byte[] write(Object value) {
    try {
      return INSTANCE.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot write a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
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
    public @Nullable JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
        BeanDescription beanDesc) {
      return isoType(type.getRawClass()) ? ToStringSerializer.instance : null;
    }
  }

  /** Reads the {@link #isoType ISO types}. */
  private static final class JavaTimeDeserializers extends Deserializers.Base {
    @Override
    public @Nullable JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
        BeanDescription beanDesc) {
      Class<?> raw = type.getRawClass();
      return isoType(raw) ? new IsoDeserializer<>(raw) : null;
    }

    @Override
    public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
      return isoType(valueType);
    }
  }

  /**
   * Parses by type rather than through method references ({@code Instant::parse}): on Java 17 each reference's
   * call site is linked when the mapper is built, start-up archive or not.
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
}
