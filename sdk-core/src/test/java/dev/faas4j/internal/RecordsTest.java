package dev.faas4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.event.InvalidEventException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The streaming record binder gives what the mapper gives: random documents and values, read and written both
 * ways and compared, plus the shapes it must leave to the mapper.
 */
class RecordsTest {
  private static final ObjectMapper MAPPER = Json.mapper();

  record Line(String sku, int quantity) {}

  record Nums(int i, long l, double d, boolean b, @Nullable Integer bi, @Nullable Long bl, @Nullable Double bd,
      @Nullable Boolean bb) {}

  record Order(@Nullable String orderId, long amount, @Nullable Line first, @Nullable List<String> tags,
      @Nullable List<Line> lines, @Nullable List<Integer> counts, @Nullable List<Double> weights,
      @Nullable List<Boolean> checks, @Nullable List<Long> ids, @Nullable Nums nums) {}

  record Empty() {}

  enum Status { NEW, PAID, SHIPPED { @Override public String toString() { return "shipped!"; } } }

  enum Renamed2 { @JsonProperty("new") NEW, OLD }

  record Shipment(@Nullable Status status, @Nullable List<Status> history) {}

  record Greeting(@Nullable String name) {}

  record Validated(String name) {
    Validated {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name is required");
      }
    }
  }

  record Tree(@Nullable String label, @Nullable List<Tree> children) {}

  private static final List<Class<? extends Record>> TYPES = List.of(Line.class, Nums.class, Order.class,
      Empty.class, Greeting.class, Validated.class, Tree.class, Shipment.class);

  // Shapes the mapper binds differently from what the components alone say: each must be left to the mapper.

  record Renamed(@JsonProperty("n") String name) {}

  record Hidden(String name, @JsonIgnore @Nullable String secret) {}

  record WithGetter(int price, int quantity) {
    public int getTotal() {
      return price * quantity;
    }
  }

  @JsonIgnoreProperties({"secret"})
  interface Redacted {}

  record Account(String id, String secret) implements Redacted {}

  @Retention(RetentionPolicy.RUNTIME)
  @JacksonAnnotationsInside
  @JsonIgnore
  @interface Internal {}

  record Bundled(String id, @Internal @Nullable String note) {}

  record Flag(boolean isActive, @Nullable String getName) {}

  record Box<T>(@Nullable T value) {}

  record Timed(Instant at) {}

  interface Named {
    default String getDisplayName() {
      return "display";
    }
  }

  record Person(String name) implements Named {}

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** What the binder reads from {@code json}'s UTF-8 bytes as a {@code type}, or DEFER. */
  private static Object fast(String json, Class<?> type) {
    return Records.read(utf8(json), type);
  }

  @Test
  void randomDocumentsReadAsTheMapperReadsThem() throws Exception {
    Random random = new Random(20261205);
    int bound = 0;
    int total = 0;
    for (Class<? extends Record> type : TYPES) {
      for (int n = 0; n < 4000; n++) {
        String valid = document(random, type, 0);
        String json = random.nextInt(3) == 0 ? mutate(random, valid) : valid;
        total++;
        bound += agrees(json, Records.read(json, type), () -> MAPPER.readValue(json, type));
        byte[] bytes = utf8(json);
        agrees(json, Records.read(bytes, type), () -> MAPPER.readValue(bytes, type));
      }
    }
    // most documents are well-formed, so the binder is exercised, not skipped
    assertThat(bound).isGreaterThan(total / 4);
  }

  private interface Read {
    Object value() throws Exception;
  }

  /** 1 if the binder bound {@code json} as the mapper does, 0 if it left it to the mapper; fails otherwise. */
  private static int agrees(String json, Object fast, Read mapper) {
    if (fast == Records.DEFER) {
      return 0;
    }
    Object expected;
    try {
      expected = mapper.value();
    } catch (Exception e) {
      throw new AssertionError("bound " + fast + " from " + json.replace("\u0000", "\\u0000")
          + " where the mapper fails: " + e, e);
    }
    assertThat(fast).as(json).isEqualTo(expected);
    return 1;
  }

  @Test
  void randomValuesWriteAsTheMapperWritesThem() throws Exception {
    Random random = new Random(5122026);
    for (int n = 0; n < 5000; n++) {
      Object value = switch (n % 6) {
        case 0 -> order(random);
        case 1 -> nums(random);
        case 2 -> map(random, 0);
        case 3 -> new Shipment(Status.values()[random.nextInt(3)], List.of(Status.SHIPPED, Status.NEW));
        case 4 -> new java.util.TreeSet<>(List.of(string(random), string(random)));
        default -> List.of(line(random), line(random));
      };
      assertThat(new String(Json.write(value), StandardCharsets.UTF_8))
          .isEqualTo(mapperText(value));
    }
  }

  @Test
  void writesLongStringsAsTheMapperDoesAcrossItsChunks() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3 * 4096 + 7; i++) {
      b.append(i % 4096 == 4095 ? "\ud83d\ude00" : i % 7 == 0 ? "\"" : i % 11 == 0 ? "\u00e9" : "a");
    }
    Greeting value = new Greeting(b.toString());
    assertThat(text(value)).isEqualTo(mapperText(value));
  }

  @Test
  void writesTheMappersDoubles() throws Exception {
    for (double d : new double[] {0.0, -0.0, 1e300, -1e-300, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, 100.0}) {
      Nums value = new Nums(0, 0, d, false, null, null, d, null);
      assertThat(new String(Json.write(value), StandardCharsets.UTF_8)).isEqualTo(mapperText(value));
    }
  }

  @Test
  void bindsTheCommonShapeWithoutTheMapper() throws Exception {
    assertThat(fast("{\"name\":\"Ada\",\"extra\":{\"deep\":[1,{\"x\":null}]}}", Greeting.class))
        .isEqualTo(new Greeting("Ada"));
    assertThat(fast("{}", Greeting.class)).isEqualTo(new Greeting(null));
    assertThat(fast("{\"label\":\"a\",\"children\":[{\"label\":\"b\",\"children\":null}]}", Tree.class))
        .isEqualTo(new Tree("a", List.of(new Tree("b", null))));
    assertThat(fast("{\"sku\":\"a\\u00e9\\n\",\"quantity\":2}", Line.class)).isEqualTo(new Line("a\u00e9\n", 2));
  }

  @Test
  void edgeDocumentsReadAsTheMapperReadsThem() {
    List<String> quantities = List.of("01", "-01", "00", "-", "1.", ".5", "+1", "1e", "1e+", "0x10", "1_000", "tru",
        "truex", "nul", "NaN", "Infinity", "[1,]", "\"\\u0031\"", "2 3", "1}", "1]", "-0", "1E2", "9.9e-1");
    List<String> skus = List.of("\"a\\x\"", "\"\\u12G4\"", "\"\\u\u0663\u0663\u0663\u0663\"", "\"\\uD800\"",
        "\"a\u0001b\"", "'a'", "\"a", "\"\\\"", "\"\\/\\b\\f\\n\\r\\t\"");
    List<String> documents = new ArrayList<>();
    for (String q : quantities) {
      documents.add("{\"sku\":\"a\",\"quantity\":" + q + "}");
      documents.add("{\"sku\":\"a\",\"quantity\":1,\"other\":" + q + "}");
    }
    for (String sku : skus) {
      documents.add("{\"sku\":" + sku + ",\"quantity\":1}");
      documents.add("{\"quantity\":1,\"other\":" + sku + "}");
    }
    documents.addAll(List.of("{\"s\u0001ku\":\"a\",\"quantity\":1}", "{\"sku\":\"a\",\"quantity\":1,}",
        "{,\"quantity\":1}", "{\"quantity\":1 \"sku\":\"a\"}", "{\"quantity\"=1}", "{quantity:1}",
        "{\"quantity\":1}\u0000", "{\"quantity\":1}//", "{\"quantity\":1}\u000b", "\u000b{\"quantity\":1}",
        "{\"qu\\u0061ntity\":1}", "{\"quantity\":1,\"x\":{\"a\":[{},[]],\"b\":\"\"}}", " {\"quantity\":1} "));
    int bound = 0;
    for (String json : documents) {
      bound += agrees(json, Records.read(json, Line.class), () -> MAPPER.readValue(json, Line.class));
      agrees(json, Records.read(utf8(json), Line.class), () -> MAPPER.readValue(utf8(json), Line.class));
    }
    assertThat(bound).isGreaterThan(5);
  }

  @Test
  void readsBytesAsTheMapperDecodesThem() throws Exception {
    assertThat(Records.read("{\"name\":\"Jos\u00e9 \u65e5\u672c \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8),
        Greeting.class)).isEqualTo(new Greeting("Jos\u00e9 \u65e5\u672c \ud83d\ude00"));
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
    byte[] utf16 = "{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_16LE);
    byte[] malformed = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'};
    byte[] encodedSurrogate = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"',
        '}'};
    for (byte[] bytes : List.of(bom, utf16, malformed, encodedSurrogate)) {
      assertThat(Records.read(bytes, Greeting.class)).isSameAs(Records.DEFER);
    }
    assertThat(Json.read(bom, Greeting.class, "x")).isEqualTo(new Greeting(null));
    assertThatThrownBy(() -> Json.read(malformed, Greeting.class, "Request body"))
        .isInstanceOf(InvalidEventException.class).hasMessageStartingWith("Request body ");
  }

  @Test
  void leavesDeepOrLargeInputToTheMapper() {
    String deep = "{\"name\":\"a\",\"x\":" + "[".repeat(300) + "]".repeat(300) + "}";
    assertThat(Records.read(deep, Greeting.class)).isSameAs(Records.DEFER);
    assertThat(Json.readOrNull(deep, Greeting.class)).isEqualTo(new Greeting("a"));
    String shallow = "{\"name\":\"a\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThat(Records.read(shallow, Greeting.class)).isEqualTo(new Greeting("a"));
    String large = "{\"name\":\"" + "a".repeat(JsonCursor.MAX_INPUT) + "\"}";
    assertThat(Records.read(large, Greeting.class)).isSameAs(Records.DEFER);
    assertThat(Json.readOrNull(large, Greeting.class).name()).hasSize(JsonCursor.MAX_INPUT);
  }

  @Test
  void leavesToTheMapperWhatItDecidesItsOwnWay() throws Exception {
    // coercions, nulls and missing primitives, repeats, trailing content, syntax errors, failing constructors
    for (String json : List.of("{\"sku\":1,\"quantity\":2}", "{\"sku\":\"a\",\"quantity\":\"2\"}",
        "{\"sku\":\"a\",\"quantity\":2.5}", "{\"sku\":\"a\"}", "{\"sku\":\"a\",\"quantity\":null}",
        "{\"sku\":\"a\",\"quantity\":1,\"quantity\":2}", "{\"sku\":\"a\",\"quantity\":1} {}",
        "{\"sku\":\"a\",\"quantity\":1", "{\"sku\":\"a\",\"quantity\":2147483648}", "[]", "null", "\"x\"",
        "{\"sku\":\"a\",,\"quantity\":1}")) {
      assertThat(fast(json, Line.class)).as(json).isSameAs(Records.DEFER);
    }
    assertThat(fast("{\"name\":\" \"}", Validated.class)).isSameAs(Records.DEFER);
    assertThatThrownBy(() -> Json.read(utf8("{\"name\":\" \"}"), Validated.class, "Request body"))
        .isInstanceOf(InvalidEventException.class);
    assertThatThrownBy(() -> Json.read(utf8("{\"sku\":\"a\"}"), Line.class, "Request body"))
        .hasMessage("Request body is missing the required field 'quantity' (a number, not null)");
    assertThat(Json.read(utf8("{\"sku\":\"a\",\"quantity\":\"2\"}"), Line.class, "x")).isEqualTo(new Line("a", 2));
  }

  @Test
  void annotatedOrGetterShapedRecordsAreTheMappers() throws Exception {
    for (Class<?> type : List.of(Renamed.class, Hidden.class, WithGetter.class, Account.class, Bundled.class,
        Flag.class, Box.class, Timed.class, Person.class)) {
      assertThat(Records.readable(type)).as(type.getSimpleName()).isFalse();
    }
    assertThat(Json.read(utf8("{\"n\":\"x\",\"name\":\"y\"}"), Renamed.class, "x")).isEqualTo(new Renamed("x"));
    assertThat(text(new Renamed("x"))).isEqualTo("{\"n\":\"x\"}");
    assertThat(text(new Hidden("a", "b"))).isEqualTo("{\"name\":\"a\"}");
    assertThat(text(new WithGetter(2, 3))).contains("\"total\":6");
    assertThat(text(new Account("a", "s"))).isEqualTo("{\"id\":\"a\"}");
    assertThat(text(new Bundled("a", "n"))).isEqualTo("{\"id\":\"a\"}");
    assertThat(text(new Person("p"))).contains("\"displayName\":\"display\"");
    for (Object value : List.of(new Flag(true, "n"), new Box<>("v"), new Timed(Instant.EPOCH))) {
      assertThat(text(value)).isEqualTo(mapperText(value));
    }
  }

  @Test
  void writesOnlyTheJdksCollectionsAndStringKeys() throws Exception {
    Map<Object, Object> numberKeys = new LinkedHashMap<>();
    numberKeys.put(1, "one");
    assertThat(text(numberKeys)).isEqualTo(mapperText(numberKeys));
    @SuppressWarnings("serial")
    class Custom extends ArrayList<String> {}
    Custom custom = new Custom();
    custom.add("a");
    assertThat(text(custom)).isEqualTo(mapperText(custom));
    Map<String, Object> withInstant = new LinkedHashMap<>();
    withInstant.put("at", Instant.EPOCH);
    withInstant.put("n", null);
    assertThat(text(withInstant)).isEqualTo("{\"at\":\"1970-01-01T00:00:00Z\",\"n\":null}");
  }

  @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.OBJECT)
  @SuppressWarnings("serial")
  static final class Bag extends ArrayList<String> {
    public int getWeight() {
      return 7;
    }
  }

  @Test
  void enumsAndCollectionsAreWrittenAsTheMapperWritesThem() throws Exception {
    for (Object value : List.of(Status.SHIPPED, List.of(Renamed2.NEW, Renamed2.OLD), new Bag(),
        java.util.EnumSet.of(Status.NEW, Status.PAID), Map.of("s", Status.PAID))) {
      assertThat(text(value)).as(value.toString()).isEqualTo(mapperText(value));
    }
    assertThat(text(Renamed2.NEW)).isEqualTo("\"new\"");
    assertThat(text(new Bag())).contains("weight");
    assertThat(Records.read("{\"status\":\"SHIPPED\",\"history\":[\"NEW\",null]}", Shipment.class))
        .isEqualTo(new Shipment(Status.SHIPPED, Arrays.asList(Status.NEW, null)));
    assertThat(Records.read("{\"status\":\"shipped\"}", Shipment.class)).isSameAs(Records.DEFER);
  }

  @Test
  void aBinderFailureIsNeverAWrongValue() {
    Map<String, Object> nullKey = new java.util.HashMap<>();
    nullKey.put(null, "x");
    assertThatThrownBy(() -> Json.write(nullKey)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The mapper's bytes, as Json.write gave them before the binder (UTF-8, surrogate pairs escaped). */
  private static String mapperText(Object value) throws Exception {
    return new String(MAPPER.writeValueAsBytes(value), StandardCharsets.UTF_8);
  }

  private static String text(Object value) {
    return new String(Json.write(value), StandardCharsets.UTF_8);
  }

  // Random documents: fields of the type in any order, sometimes missing, repeated or of another JSON type, unknown
  // fields with nested content, odd numbers and strings, and now and then trailing content or a syntax error.

  private static String document(Random r, Class<?> type, int depth) {
    StringBuilder b = new StringBuilder("{");
    List<java.lang.reflect.RecordComponent> fields = new ArrayList<>(Arrays.asList(type.getRecordComponents()));
    java.util.Collections.shuffle(fields, r);
    boolean first = true;
    for (java.lang.reflect.RecordComponent c : fields) {
      if (r.nextInt(8) == 0) {
        continue; // missing
      }
      int repeats = r.nextInt(30) == 0 ? 2 : 1;
      for (int k = 0; k < repeats; k++) {
        b.append(first ? "" : ",").append('"').append(c.getName()).append("\":")
            .append(value(r, c.getGenericType(), depth));
        first = false;
      }
      if (r.nextInt(5) == 0) {
        b.append(",\"unknown").append(r.nextInt(3)).append("\":").append(junk(r, 0));
      }
    }
    b.append('}');
    if (depth == 0) {
      switch (r.nextInt(40)) {
        case 0 -> b.append(" {}");
        case 1 -> b.append(" x");
        case 2 -> b.setCharAt(b.length() - 1, ',');
        case 3 -> b.append(" \n\t ");
        default -> { }
      }
    }
    return b.toString();
  }

  private static String value(Random r, java.lang.reflect.Type type, int depth) {
    if (r.nextInt(12) == 0) {
      return junk(r, 1); // any JSON value, whatever the type
    }
    if (r.nextInt(10) == 0) {
      return "null";
    }
    if (type == String.class) {
      return quoted(string(r));
    }
    if (type == int.class || type == Integer.class) {
      return switch (r.nextInt(6)) {
        case 0 -> String.valueOf(Integer.MAX_VALUE);
        case 1 -> String.valueOf(Integer.MIN_VALUE);
        case 2 -> "2147483648";
        case 3 -> "-0";
        default -> String.valueOf(r.nextInt(2000) - 1000);
      };
    }
    if (type == long.class || type == Long.class) {
      return switch (r.nextInt(5)) {
        case 0 -> String.valueOf(Long.MAX_VALUE);
        case 1 -> "9223372036854775808";
        case 2 -> String.valueOf(r.nextInt());
        default -> String.valueOf(r.nextLong());
      };
    }
    if (type == double.class || type == Double.class) {
      return switch (r.nextInt(9)) {
        case 0 -> "1e308";
        case 1 -> "-0.0";
        case 6 -> "-0";
        case 7 -> r.nextBoolean() ? "1e400" : "1E+2";
        case 8 -> "0.000";
        case 2 -> String.valueOf(r.nextInt(100));
        case 3 -> "123456789012345678901234567890";
        case 4 -> "1.5E-7";
        default -> String.valueOf(r.nextDouble() * 1000);
      };
    }
    if (type == boolean.class || type == Boolean.class) {
      return r.nextBoolean() ? "true" : "false";
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      String[] names = {"NEW", "PAID", "SHIPPED", "new", "shipped!", "0", "OTHER"};
      String name = names[r.nextInt(names.length)];
      return name.equals("0") ? "0" : quoted(name);
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return depth > 2 ? "null" : document(r, c, depth + 1);
    }
    if (type instanceof java.lang.reflect.ParameterizedType p) {
      java.lang.reflect.Type element = p.getActualTypeArguments()[0];
      StringBuilder b = new StringBuilder("[");
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? "" : ",").append(value(r, element, depth + 1));
      }
      return b.append(']').toString();
    }
    throw new IllegalArgumentException(type.toString());
  }

  /** One random edit, mostly into something that is no longer JSON, or JSON of another meaning. */
  private static String mutate(Random r, String json) {
    int at = r.nextInt(json.length());
    String[] inserts = {",", "}", "]", "{", "[", "\"", ":", "\\", " ", "0", "-", ".", "e", "n", "\u0000", "x",
        "\u00e9"};
    return switch (r.nextInt(4)) {
      case 0 -> json.substring(0, at) + json.substring(at + 1);
      case 1 -> json.substring(0, at) + inserts[r.nextInt(inserts.length)] + json.substring(at);
      case 2 -> json.substring(0, at);
      default -> json.substring(0, at) + inserts[r.nextInt(inserts.length)] + json.substring(at + 1);
    };
  }

  private static String junk(Random r, int depth) {
    return switch (r.nextInt(depth > 2 ? 6 : 8)) {
      case 0 -> "null";
      case 1 -> "true";
      case 2 -> String.valueOf(r.nextInt(100));
      case 3 -> "1.25";
      case 4 -> quoted(string(r));
      case 5 -> "\"\"";
      case 6 -> "[" + junk(r, depth + 1) + "," + junk(r, depth + 1) + "]";
      default -> "{\"a\":" + junk(r, depth + 1) + ",\"b\":{}}";
    };
  }

  private static String string(Random r) {
    String[] parts = {"Ada", "", " ", "é", "日本", "😀", "a\"b", "back\\slash", "tab\t", "line\n", "\u0001", "</script>",
        "\ud800", "\udc00x", "\u007f", "\u2028"};
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(3); i >= 0; i--) {
      b.append(parts[r.nextInt(parts.length)]);
    }
    return b.toString();
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append(c); // raw: the factory tolerates unquoted control characters
        default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return b.append('"').toString();
  }

  // Random values to write.

  private static Line line(Random r) {
    return new Line(r.nextInt(10) == 0 ? null : string(r), r.nextInt());
  }

  private static Nums nums(Random r) {
    return new Nums(r.nextInt(), r.nextLong(), r.nextDouble() * r.nextInt(), r.nextBoolean(),
        r.nextBoolean() ? null : r.nextInt(), r.nextBoolean() ? null : r.nextLong(),
        r.nextBoolean() ? null : r.nextGaussian(), r.nextBoolean() ? null : r.nextBoolean());
  }

  private static Order order(Random r) {
    List<String> tags = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      tags.add(r.nextInt(5) == 0 ? null : string(r));
    }
    return new Order(string(r), r.nextLong(), r.nextBoolean() ? null : line(r), r.nextBoolean() ? null : tags,
        r.nextBoolean() ? List.of(line(r)) : null, Arrays.asList(1, null, r.nextInt()),
        r.nextBoolean() ? List.of(r.nextDouble()) : null, List.of(true), List.of(r.nextLong()),
        r.nextBoolean() ? nums(r) : null);
  }

  private static Map<String, Object> map(Random r, int depth) {
    Map<String, Object> m = r.nextBoolean() ? new LinkedHashMap<>() : new java.util.HashMap<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      Object v = switch (r.nextInt(depth > 1 ? 6 : 8)) {
        case 0 -> null;
        case 1 -> string(r);
        case 2 -> r.nextInt();
        case 3 -> r.nextLong();
        case 4 -> r.nextDouble();
        case 5 -> r.nextBoolean();
        case 6 -> map(r, depth + 1);
        default -> List.of(line(r), string(r));
      };
      m.put(string(r) + i, v);
    }
    return m;
  }
}
