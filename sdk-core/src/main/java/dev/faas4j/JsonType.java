package dev.faas4j;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type to read JSON into, such as a list of records, captured by subclassing (Java erases the type
 * argument of a plain {@code Class}):
 *
 * <pre>{@code
 * List<Order> orders = request.json(new JsonType<List<Order>>() {});
 * }</pre>
 *
 * @param <T> the type to read
 */
public abstract class JsonType<T> {
  private final Type type;

  protected JsonType() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType p)) {
      throw new IllegalStateException("JsonType must be created with a type argument: new JsonType<List<X>>() {}");
    }
    this.type = p.getActualTypeArguments()[0];
  }

  /** The captured type. */
  public final Type type() {
    return type;
  }

  @Override
  public String toString() {
    return "JsonType<" + type.getTypeName() + ">";
  }
}
