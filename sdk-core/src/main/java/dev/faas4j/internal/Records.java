package dev.faas4j.internal;

import java.lang.reflect.AnnotatedElement;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Binds plain records with faas4j's own strict JSON reader ({@link JsonCursor}) and writer ({@link JsonOutput}),
 * giving what the {@link Json} mapper gives for the same input, without databind: no mapper is built, no bean is
 * introspected and no deserializer is made, which is most of a Java function's first request. Anything outside the
 * common shape is left to the mapper: a reader returns {@link #DEFER} rather than guess, and the caller reads the
 * input again through the mapper, so every error and every unusual value is the mapper's own.
 *
 * <p>The shape handled: a record without type parameters or any Jackson or {@code java.beans} annotation (on it,
 * its members, constructor parameters or interfaces), with no getter-like method beyond its components, and with
 * components of type {@code String}, {@code int}/{@code long}/{@code double}/{@code boolean} and their boxes,
 * unannotated enums (by exact name), such records, and {@code List}s of those (reference types). JSON tokens are
 * taken only in their own type (a number for a number, a string for a string); a missing or null primitive, a
 * repeated field, a constructor that throws, or trailing content defer to the mapper. Unknown fields are skipped,
 * as the mapper skips them. Writing also takes unannotated maps with string keys, collections and enums, in their
 * iteration order, as the mapper writes them.
 */
final class Records {
  /** What a reader returns, and a writer signals, when the mapper must decide. */
  static final Object DEFER = new Object();

  private Records() {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return Shape.of(type);
    }
  };

  /** Whether {@link #read} can bind {@code type} at all: a cheap check before anything is parsed. */
  static boolean readable(Class<?> type) {
    return SHAPES.get(type).ctor != null; // Class.isRecord() is a native call: the cached shape knows
  }

  /** Reads one record of {@code type} filling the whole of {@code text}, or {@link #DEFER}. */
  static Object read(String text, Class<?> type) {
    try {
      return read(JsonCursor.of(text), type);
    } catch (JsonCursor.Defer e) {
      return DEFER;
    }
  }

  /** Reads one record of {@code type} filling the whole of {@code bytes}, or {@link #DEFER}. */
  static Object read(byte[] bytes, Class<?> type) {
    try {
      return read(JsonCursor.of(bytes), type);
    } catch (JsonCursor.Defer e) {
      return DEFER;
    }
  }

  private static Object read(JsonCursor c, Class<?> type) {
    Object value = readRecord(c, SHAPES.get(type), 0);
    return c.atEnd() ? value : DEFER;
  }

  private static Object readRecord(JsonCursor c, Shape s, int depth) {
    Constructor<?> ctor = s.ctor;
    if (ctor == null || depth > JsonCursor.MAX_DEPTH) {
      throw JsonCursor.Defer.INSTANCE;
    }
    String[] names = s.names;
    Object[] args = new Object[names.length];
    c.expect('{');
    if (!c.take('}')) {
      long seen = 0;
      do {
        int i = c.name(names);
        if (i < 0) {
          c.skip(depth + 1);
          continue;
        }
        if ((seen & (1L << i)) != 0) {
          throw JsonCursor.Defer.INSTANCE; // which one the mapper keeps depends on where the repeat falls
        }
        seen |= 1L << i;
        args[i] = readValue(c, s.kinds[i], s.inner[i], depth + 1);
      } while (c.take(','));
      c.expect('}');
    }
    for (int i = 0; i < names.length; i++) {
      if (args[i] == null && s.kinds[i] < BOXED) {
        throw JsonCursor.Defer.INSTANCE; // a primitive without a value: the mapper's error
      }
    }
    try {
      return ctor.newInstance(args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw JsonCursor.Defer.INSTANCE; // the mapper calls it again and reports the failure its way
    }
  }

  private static @Nullable Object readValue(JsonCursor c, int kind, @Nullable Class<?> inner, int depth) {
    if (c.takeNull()) {
      if (kind < BOXED) {
        throw JsonCursor.Defer.INSTANCE;
      }
      return null;
    }
    switch (kind) {
      case STRING:
        return c.string();
      case INT:
      case INT_BOX:
        long v = c.integer();
        if (v != (int) v) {
          throw JsonCursor.Defer.INSTANCE;
        }
        return (int) v;
      case LONG:
      case LONG_BOX:
        return c.integer();
      case DOUBLE:
      case DOUBLE_BOX:
        return c.decimal();
      case BOOLEAN:
      case BOOLEAN_BOX:
        return c.bool();
      case RECORD:
        return readRecord(c, SHAPES.get(inner), depth);
      case LIST:
        return readList(c, inner, depth);
      case ENUM:
        return constant(inner, c.string());
      default:
        throw JsonCursor.Defer.INSTANCE;
    }
  }

  /** The constant named exactly {@code name}; any other text (another case, an index) is the mapper's. */
  private static Object constant(@Nullable Class<?> type, String name) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw JsonCursor.Defer.INSTANCE;
  }

  private static List<Object> readList(JsonCursor c, @Nullable Class<?> element, int depth) {
    if (depth > JsonCursor.MAX_DEPTH) {
      throw JsonCursor.Defer.INSTANCE;
    }
    int kind = kindOf(element);
    Class<?> inner = kind == RECORD || kind == ENUM ? element : null;
    List<Object> list = new ArrayList<>();
    c.expect('[');
    if (!c.take(']')) {
      do {
        list.add(readValue(c, kind, inner, depth + 1));
      } while (c.take(','));
      c.expect(']');
    }
    return list;
  }

  /**
   * {@code value} as JSON bytes, or null when the mapper must write it: a value of a type outside the shape, a map
   * with a key that is not a string, an accessor that throws, nesting past the mapper's limits.
   */
  static byte @Nullable [] write(@Nullable Object value) {
    JsonOutput out = new JsonOutput();
    return write(out, value, 0) ? out.toByteArray() : null;
  }

  private static boolean write(JsonOutput out, @Nullable Object value, int depth) {
    if (depth > JsonCursor.MAX_DEPTH) {
      return false;
    }
    if (value == null) {
      out.nullValue();
    } else if (value instanceof String s) {
      out.string(s);
    } else if (value instanceof Integer i) {
      out.number(i.longValue());
    } else if (value instanceof Long l) {
      out.number(l.longValue());
    } else if (value instanceof Double d) {
      out.number(d.doubleValue());
    } else if (value instanceof Boolean b) {
      out.bool(b);
    } else if (value instanceof Record) {
      return writeRecord(out, value, SHAPES.get(value.getClass()), depth);
    } else if (value instanceof Enum<?> e) {
      if (!SHAPES.get(e.getDeclaringClass()).plain) {
        return false;
      }
      out.string(e.name());
    } else if (value instanceof java.util.Collection<?> collection && SHAPES.get(value.getClass()).plain) {
      out.raw('[');
      boolean first = true;
      for (Object element : collection) {
        out.comma(first);
        first = false;
        if (!write(out, element, depth + 1)) {
          return false;
        }
      }
      out.raw(']');
    } else if (value instanceof Map<?, ?> map && SHAPES.get(value.getClass()).plain) {
      out.raw('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          return false;
        }
        out.comma(first);
        first = false;
        out.name(key);
        if (!write(out, e.getValue(), depth + 1)) {
          return false;
        }
      }
      out.raw('}');
    } else {
      return false;
    }
    return true;
  }

  private static boolean writeRecord(JsonOutput out, Object value, Shape s, int depth) {
    if (s.ctor == null) {
      return false;
    }
    Method[] accessors = s.accessors;
    out.raw('{');
    for (int i = 0; i < accessors.length; i++) {
      Object v;
      try {
        v = accessors[i].invoke(value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false; // the mapper calls it again and reports the failure its way
      }
      out.comma(i == 0);
      out.name(s.names[i]);
      if (!write(out, v, depth + 1)) {
        return false;
      }
    }
    out.raw('}');
    return true;
  }

  // Component kinds: primitives first, so "kind < BOXED" means "has no null".
  private static final int INT = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int BOOLEAN = 3;
  private static final int BOXED = 4;
  private static final int STRING = 4;
  private static final int INT_BOX = 5;
  private static final int LONG_BOX = 6;
  private static final int DOUBLE_BOX = 7;
  private static final int BOOLEAN_BOX = 8;
  private static final int RECORD = 9;
  private static final int LIST = 10;
  private static final int ENUM = 11;
  private static final int OTHER = -1;

  private static int kindOf(@Nullable Class<?> c) {
    if (c == null) {
      return OTHER;
    }
    if (c == String.class) {
      return STRING;
    }
    if (c == int.class) {
      return INT;
    }
    if (c == long.class) {
      return LONG;
    }
    if (c == double.class) {
      return DOUBLE;
    }
    if (c == boolean.class) {
      return BOOLEAN;
    }
    if (c == Integer.class) {
      return INT_BOX;
    }
    if (c == Long.class) {
      return LONG_BOX;
    }
    if (c == Double.class) {
      return DOUBLE_BOX;
    }
    if (c == Boolean.class) {
      return BOOLEAN_BOX;
    }
    if (c.isRecord()) {
      return RECORD;
    }
    if (c.isEnum()) {
      return SHAPES.get(c).plain ? ENUM : OTHER;
    }
    return c == List.class ? LIST : OTHER;
  }

  /**
   * A record's components as the mapper would see them, or a shape without a constructor when the mapper must
   * handle the type. Component types that are records are checked when met (they may refer back to this one). For
   * another class, whether the mapper writes it as a plain collection, map or enum.
   */
  private static final class Shape {
    private static final Shape NONE = empty(false);
    private static final Shape PLAIN = empty(true);

    final String[] names;
    final int[] kinds;
    /** A record component's type, or a list's element type. */
    final @Nullable Class<?>[] inner;
    final Method[] accessors;
    final @Nullable Constructor<?> ctor;
    final boolean plain;

    private Shape(String[] names, int[] kinds, @Nullable Class<?>[] inner, Method[] accessors,
        @Nullable Constructor<?> ctor, boolean plain) {
      this.names = names;
      this.kinds = kinds;
      this.inner = inner;
      this.accessors = accessors;
      this.ctor = ctor;
      this.plain = plain;
    }

    private static Shape empty(boolean plain) {
      return new Shape(new String[0], new int[0], new Class<?>[0], new Method[0], null, plain);
    }

    /**
     * Whether the mapper writes instances of a collection, map or enum class as such: no Jackson annotation on the
     * class, its supertypes or (for an enum) its constants, any of which may turn it into a bean or rename a value.
     */
    private static boolean plain(Class<?> type) {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        if (jackson(c) || annotatedInterfaces(c)) {
          return false;
        }
        if (c.isEnum()) {
          for (Field f : c.getDeclaredFields()) {
            if (jackson(f)) {
              return false;
            }
          }
          for (Method m : c.getDeclaredMethods()) {
            if (jackson(m)) {
              return false;
            }
          }
        }
      }
      return true;
    }


    static Shape of(Class<?> type) {
      if (!type.isRecord()) {
        return plain(type) ? PLAIN : NONE;
      }
      if (type.getTypeParameters().length > 0 || annotated(type)) {
        return NONE;
      }
      RecordComponent[] components = type.getRecordComponents();
      if (components.length > 64) {
        return NONE;
      }
      String[] names = new String[components.length];
      int[] kinds = new int[components.length];
      Class<?>[] inner = new Class<?>[components.length];
      Method[] accessors = new Method[components.length];
      Class<?>[] parameterTypes = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        String name = c.getName();
        // the mapper may name a component that looks like a bean accessor after the accessor's property
        if (name.startsWith("get") || name.startsWith("is") || name.startsWith("set")) {
          return NONE;
        }
        Class<?> raw = c.getType();
        int kind = kindOf(raw);
        if (kind == LIST) {
          Class<?> element = listElement(c.getGenericType());
          int elementKind = kindOf(element);
          if (elementKind < BOXED || elementKind == LIST || elementKind == OTHER) {
            return NONE;
          }
          inner[i] = element;
        } else if (kind == RECORD || kind == ENUM) {
          inner[i] = raw;
        } else if (kind == OTHER) {
          return NONE;
        }
        names[i] = name.intern();
        kinds[i] = kind;
        parameterTypes[i] = raw;
        Method accessor = c.getAccessor();
        if (!accessor.trySetAccessible()) {
          return NONE;
        }
        accessors[i] = accessor;
      }
      Constructor<?> ctor;
      try {
        ctor = type.getDeclaredConstructor(parameterTypes);
      } catch (NoSuchMethodException e) {
        return NONE;
      }
      if (!ctor.trySetAccessible() || gettersBeyondComponents(type, names)) {
        return NONE;
      }
      return new Shape(names, kinds, inner, accessors, ctor, false);
    }

    private static @Nullable Class<?> listElement(Type generic) {
      if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
          && p.getActualTypeArguments()[0] instanceof Class<?> element) {
        return element;
      }
      return null;
    }

    /** Public getter-like methods the mapper would write as more properties, and setters it might read into. */
    private static boolean gettersBeyondComponents(Class<?> type, String[] names) {
      for (Method m : type.getMethods()) {
        if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
          continue;
        }
        String n = m.getName();
        boolean getter = m.getParameterCount() == 0 && m.getReturnType() != void.class
            && (n.startsWith("get") || n.startsWith("is"));
        boolean setter = m.getParameterCount() == 1 && n.startsWith("set");
        if ((getter || setter) && !isComponent(n, names)) {
          return true;
        }
      }
      return false;
    }

    private static boolean isComponent(String name, String[] names) {
      for (String n : names) {
        if (n.equals(name)) {
          return true;
        }
      }
      return false;
    }

    /** Any Jackson or java.beans annotation that could change how the mapper binds the type. */
    private static boolean annotated(Class<?> type) {
      if (jackson(type)) {
        return true;
      }
      for (RecordComponent c : type.getRecordComponents()) {
        if (jackson(c)) {
          return true;
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (jackson(f)) {
          return true;
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (jackson(m) || jackson(m.getParameterAnnotations())) {
          return true;
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (jackson(c) || jackson(c.getParameterAnnotations())) {
          return true;
        }
      }
      return annotatedInterfaces(type);
    }

    /** Whether an interface {@code type} implements, or one they extend, carries a Jackson annotation. */
    private static boolean annotatedInterfaces(Class<?> type) {
      for (Class<?> i : type.getInterfaces()) {
        if (annotatedInterface(i)) {
          return true;
        }
      }
      return false;
    }

    private static boolean annotatedInterface(Class<?> type) {
      if (jackson(type)) {
        return true;
      }
      for (Method m : type.getDeclaredMethods()) {
        if (jackson(m)) {
          return true;
        }
      }
      for (Class<?> i : type.getInterfaces()) {
        if (annotatedInterface(i)) {
          return true;
        }
      }
      return false;
    }

    private static boolean jackson(AnnotatedElement e) {
      for (Annotation a : e.getDeclaredAnnotations()) {
        if (jackson(a)) {
          return true;
        }
      }
      return false;
    }

    private static boolean jackson(Annotation[][] parameters) {
      for (Annotation[] annotations : parameters) {
        for (Annotation a : annotations) {
          if (jackson(a)) {
            return true;
          }
        }
      }
      return false;
    }

    /** A Jackson annotation, or one of the app's own that bundles them ({@code @JacksonAnnotationsInside}). */
    private static boolean jackson(Annotation a) {
      if (fromJackson(a.annotationType())) {
        return true;
      }
      for (Annotation meta : a.annotationType().getDeclaredAnnotations()) {
        if (fromJackson(meta.annotationType())) {
          return true;
        }
      }
      return false;
    }

    private static boolean fromJackson(Class<?> annotation) {
      String n = annotation.getName();
      return n.startsWith("com.fasterxml.jackson.") || n.startsWith("java.beans.");
    }
  }
}
