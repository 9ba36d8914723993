package dev.faas4j.trigger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An HTTP route: methods and a path template with parameters, e.g. {@code GET /users/{id}} or
 * {@code GET /files/{path+}} (a greedy last parameter that spans segments).
 *
 * <p>Immutable; the template is parsed once, when the route is created, so matching a request costs no parsing.
 */
public final class HttpRoute implements Trigger {
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private final Set<String> methods;
  private final String path;
  private final List<Segment> segments;

  /**
   * A route for these methods and template.
   *
   * @param methods upper-case methods; empty means any method
   * @param path the template, starting with {@code /}
   * @throws InvalidTriggerException naming the route if a method or the template is malformed
   */
  public HttpRoute(Set<String> methods, String path) {
    Set<String> m = Collections.unmodifiableSet(new LinkedHashSet<>(methods));
    for (String method : m) {
      if (!KNOWN_METHODS.contains(method)) {
        throw new InvalidTriggerException("Route " + path + " has unknown HTTP method '" + method
            + "' (expected one of " + KNOWN_METHODS + " or ANY)");
      }
    }
    this.methods = m;
    this.segments = segments(path);
    this.path = path;
  }

  /** Upper-case methods; empty means any method. */
  public Set<String> methods() {
    return methods;
  }

  /** The template, starting with {@code /}. */
  public String path() {
    return path;
  }

  /**
   * A route from {@code "POST /users"}, {@code "GET,HEAD /users/{id}"} or {@code "ANY /proxy/{path+}"}.
   *
   * @throws InvalidTriggerException naming the route if it is malformed
   */
  public static HttpRoute parse(String methodsAndPath) {
    String s = methodsAndPath.trim();
    // The path starts at the first '/': methods never contain one, and "GET, HEAD /x" has spaces before it.
    int slash = s.indexOf('/');
    if (slash < 1 || !Character.isWhitespace(s.charAt(slash - 1))) {
      throw new InvalidTriggerException("Route '" + methodsAndPath + "' must be 'METHOD /path', e.g. 'GET /users'");
    }
    return of(s.substring(0, slash).trim(), s.substring(slash));
  }

  /** A route for comma-separated methods ({@code ANY} or {@code *} for all) and a path template. */
  public static HttpRoute of(String methods, String path) {
    Set<String> set = new LinkedHashSet<>();
    for (String m : methods.split(",")) {
      String u = m.trim().toUpperCase(Locale.ROOT);
      if (u.equals("ANY") || u.equals("*")) {
        return new HttpRoute(Set.of(), path);
      }
      if (!u.isEmpty()) {
        set.add(u);
      }
    }
    if (set.isEmpty()) {
      throw new InvalidTriggerException("Route " + path + " names no HTTP method");
    }
    return new HttpRoute(set, path);
  }

  public boolean allowsMethod(String method) {
    return methods.isEmpty() || methods.contains(method)
        || method.equals("HEAD") && methods.contains("GET");
  }

  /** The names of the path parameters, in order. */
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (Segment s : segments) {
      if (s.param) {
        names.add(s.text);
      }
    }
    return names;
  }

  /**
   * Matches a decoded request path against this template (ignoring one trailing slash).
   *
   * @return the path parameters, or empty if the path does not match
   */
  public Optional<Map<String, String>> match(String requestPath) {
    // Walks the path's segments in place: no split array, substrings or map unless the template has parameters.
    int pos = requestPath.startsWith("/") ? 1 : 0;
    int end = requestPath.length();
    if (end > pos && requestPath.charAt(end - 1) == '/') {
      end--;
    }
    boolean none = pos >= end; // no segments at all ("/" or "")
    Map<String, String> params = Map.of();
    for (Segment seg : segments) {
      if (none || pos > end) {
        return Optional.empty();
      }
      if (seg.greedy) {
        params = put(params, seg.text, requestPath.substring(pos, end));
        return Optional.of(params);
      }
      int slash = requestPath.indexOf('/', pos);
      int segEnd = slash < 0 || slash > end ? end : slash;
      if (seg.param) {
        if (segEnd == pos) {
          return Optional.empty();
        }
        params = put(params, seg.text, requestPath.substring(pos, segEnd));
      } else if (segEnd - pos != seg.text.length() || !requestPath.startsWith(seg.text, pos)) {
        return Optional.empty();
      }
      pos = segEnd + 1;
    }
    return none || pos > end ? Optional.of(params) : Optional.empty();
  }

  private static Map<String, String> put(Map<String, String> params, String name, String value) {
    Map<String, String> m = params.isEmpty() ? new LinkedHashMap<>(4) : params;
    m.put(name, value);
    return m;
  }

  /** How specific the template is: literal segments count most, so {@code /users/me} beats {@code /users/{id}}. */
  public int specificity() {
    int score = 0;
    for (Segment s : segments) {
      score += s.greedy ? 1 : s.param ? 10 : 100;
    }
    return score;
  }

  @Override
  public String describe() {
    return (methods.isEmpty() ? "ANY" : String.join(",", methods)) + " " + path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpRoute r && r.methods.equals(methods) && r.path.equals(path);
  }

  @Override
  public int hashCode() {
    return 31 * methods.hashCode() + path.hashCode();
  }

  @Override
  public String toString() {
    return "HttpRoute[" + describe() + "]";
  }

  private record Segment(String text, boolean param, boolean greedy) {}

  private static String[] split(String p) {
    String s = p.startsWith("/") ? p.substring(1) : p;
    if (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.isEmpty() ? new String[0] : s.split("/", -1);
  }

  private static List<Segment> segments(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new InvalidTriggerException("Route path '" + path + "' must start with '/'");
    }
    if (path.contains("?") || path.contains("#")) {
      throw new InvalidTriggerException("Route path '" + path + "' must not contain a query or fragment");
    }
    String[] parts = split(path);
    List<Segment> segments = new ArrayList<>(parts.length);
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        throw new InvalidTriggerException("Route path '" + path + "' has an empty segment");
      }
      if (part.startsWith("{") && part.endsWith("}")) {
        boolean greedy = part.endsWith("+}");
        String name = part.substring(1, part.length() - (greedy ? 2 : 1));
        if (!isIdentifier(name)) {
          throw new InvalidTriggerException("Route path '" + path + "' has an invalid parameter name '" + name + "'");
        }
        if (!seen.add(name)) {
          throw new InvalidTriggerException("Route path '" + path + "' declares parameter '" + name + "' twice");
        }
        if (greedy && i != parts.length - 1) {
          throw new InvalidTriggerException("Route path '" + path + "': greedy parameter {" + name
              + "+} must be the last segment");
        }
        segments.add(new Segment(name, true, greedy));
      } else {
        for (int j = 0; j < part.length(); j++) {
          char c = part.charAt(j);
          if (c <= ' ' || c >= 0x7f || c == '{' || c == '}' || c == '\\') {
            throw new InvalidTriggerException("Route path '" + path + "' has an invalid character in segment '"
                + part + "'");
          }
        }
        segments.add(new Segment(part, false, false));
      }
    }
    return List.copyOf(segments);
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }
}
