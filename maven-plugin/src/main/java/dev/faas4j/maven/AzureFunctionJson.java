package dev.faas4j.maven;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code function.json} of each {@code @FunctionName} method of a compiled Azure entry class, written byte for
 * byte as azure-functions-maven-plugin writes it: {@code scriptFile}, {@code entryPoint}, then the bindings, each
 * with {@code type}, {@code direction}, {@code name} and every annotation attribute that differs from its default
 * (plus the ones that plugin always writes), in the order of that plugin's {@code HashMap}, and an HTTP
 * {@code $return} output for HTTP triggers. A test compares the result with the official plugin's.
 */
final class AzureFunctionJson {
  private static final String ANNOTATIONS = "com.microsoft.azure.functions.annotation.";
  /** The trigger annotations faas4j's generated entry classes use, and their binding types. */
  private static final Map<String, String> TRIGGERS = Map.of(
      "HttpTrigger", "httpTrigger",
      "QueueTrigger", "queueTrigger",
      "BlobTrigger", "blobTrigger",
      "EventGridTrigger", "eventGridTrigger",
      "TimerTrigger", "timerTrigger",
      "ServiceBusTopicTrigger", "serviceBusTrigger",
      "ServiceBusQueueTrigger", "serviceBusTrigger");
  /** Attributes the official plugin writes even at their default value. */
  private static final Map<String, Set<String>> ALWAYS = Map.of("httpTrigger", Set.of("authLevel"));

  private AzureFunctionJson() {}

  /** Function name → its function.json, for every {@code @FunctionName} method of {@code entries}. */
  static Map<String, String> of(Class<?> entries, String scriptFile) {
    Map<String, String> out = new TreeMap<>();
    for (Method m : entries.getMethods()) {
      Annotation fn = annotation(m.getAnnotations(), "FunctionName");
      if (fn == null) {
        continue;
      }
      List<String> bindings = new ArrayList<>();
      boolean http = false;
      for (Parameter p : m.getParameters()) {
        for (Annotation a : p.getAnnotations()) {
          String simple = a.annotationType().getSimpleName();
          if (!a.annotationType().getName().startsWith(ANNOTATIONS) || !TRIGGERS.containsKey(simple)) {
            continue; // @BindingName and the like: metadata, not bindings
          }
          String type = TRIGGERS.get(simple);
          http |= type.equals("httpTrigger");
          bindings.add(binding(type, a));
        }
      }
      if (http) {
        bindings.add(object(List.of(field("type", "http"), field("direction", "out"), field("name", "$return"))));
      }
      String name = (String) value(fn, "value");
      out.put(name, "{\n  \"scriptFile\" : " + string(scriptFile) + ",\n  \"entryPoint\" : "
          + string(entries.getName() + "." + m.getName()) + ",\n  \"bindings\" : [ "
          + String.join(", ", bindings) + " ]\n}");
    }
    return out;
  }

  private static String binding(String type, Annotation a) {
    // the official plugin collects the attributes in a HashMap in declaration order and writes them in its order
    Map<String, Object> attributes = new HashMap<>();
    for (Method attr : a.annotationType().getDeclaredMethods()) {
      Object v = value(a, attr.getName());
      if (attr.getName().equals("direction") || attr.getName().equals("type")) {
        continue;
      }
      if (v.getClass().isArray() || !v.equals(attr.getDefaultValue())
          || ALWAYS.getOrDefault(type, Set.of()).contains(attr.getName())) {
        attributes.put(attr.getName(), v);
      }
    }
    List<String> fields = new ArrayList<>();
    fields.add(field("type", type));
    fields.add(field("direction", "in"));
    fields.add(field("name", attributes.get("name")));
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (!e.getKey().equals("name")) {
        fields.add(field(e.getKey(), e.getValue()));
      }
    }
    return object(fields);
  }

  private static String object(List<String> fields) {
    return "{\n    " + String.join(",\n    ", fields) + "\n  }";
  }

  private static String field(String name, Object value) {
    return string(name) + " : " + json(value);
  }

  private static String json(Object v) {
    if (v.getClass().isArray()) {
      int n = Array.getLength(v);
      if (n == 0) {
        return "[ ]";
      }
      List<String> items = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        items.add(json(Array.get(v, i)));
      }
      return "[ " + String.join(", ", items) + " ]";
    }
    if (v instanceof Enum<?> e) {
      return string(e.name());
    }
    if (v instanceof Boolean || v instanceof Number) {
      return v.toString();
    }
    return string(v.toString());
  }

  /** A JSON string as Jackson writes it: quotes, backslashes and control characters escaped. */
  static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static Annotation annotation(Annotation[] annotations, String simpleName) {
    for (Annotation a : annotations) {
      if (a.annotationType().getName().equals(ANNOTATIONS + simpleName)) {
        return a;
      }
    }
    return null;
  }

  private static Object value(Annotation a, String attribute) {
    try {
      Method m = a.annotationType().getMethod(attribute);
      m.setAccessible(true);
      return m.invoke(a);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read @" + a.annotationType().getSimpleName() + "." + attribute, e);
    }
  }
}
