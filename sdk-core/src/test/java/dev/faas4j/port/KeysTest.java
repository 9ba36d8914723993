package dev.faas4j.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "a/../b", "./a", "a/.", "..", ".", "/abs", "a//b", "a/", "nul\u0000x",
      "win\\path", "tab\tkey", "c1\u0085", "ls\u2028", "bom\uFEFFkey",
      "\uFF0E\uFF0E/x", "a/\uFF0E\uFF0E/b", "\u2025/x", "a\uFF0F\uFF0Fb", "\uFF0F/abs"})
  void rejectsTraversalAndAmbiguousObjectKeys(String key) {
    assertThatThrownBy(() -> Keys.objectKey(key))
        .isInstanceOf(ObjectStorageException.class)
        .satisfies(e -> assertThat(((PortException) e).reason()).isEqualTo(PortException.Reason.INVALID_ARGUMENT))
        .hasMessageStartingWith("Object key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fotos/café ☕.jpg", "a", "reports/2026/03/q1.pdf", "..hidden", "a..b/c", "trailing.",
      "name with spaces", "日本語/ファイル.txt"})
  void acceptsOrdinaryUnicodeKeys(String key) {
    assertThat(Keys.objectKey(key)).isEqualTo(key);
  }

  @Test
  void divisionSlashIsAnOrdinaryCharacter() {
    // U+2215 has no compatibility decomposition, so NFKC keeps it; no store or file system treats it as a
    // separator, so "..\u2215etc" is one harmless segment. Documented decision: accept.
    assertThat(Keys.objectKey("..\u2215etc\u2215passwd")).isEqualTo("..\u2215etc\u2215passwd");
  }

  @Test
  void rejectsEmptyNullAndOverlongKeys() {
    assertThatThrownBy(() -> Keys.objectKey("")).isInstanceOf(ObjectStorageException.class);
    assertThatThrownBy(() -> Keys.objectKey(null)).isInstanceOf(ObjectStorageException.class);
    assertThat(Keys.objectKey("k".repeat(1024))).hasSize(1024);
    assertThatThrownBy(() -> Keys.objectKey("k".repeat(1025)))
        .isInstanceOf(ObjectStorageException.class).hasMessageContaining("1024 UTF-8 bytes");
    // 342 × 3 bytes = 1026 bytes in 342 chars: the limit is in bytes, not chars.
    assertThatThrownBy(() -> Keys.objectKey("☕".repeat(342))).isInstanceOf(ObjectStorageException.class);
  }

  @Test
  void kvKeyRules() {
    assertThat(Keys.kvKey("user#42")).isEqualTo("user#42");
    assertThat(Keys.kvKey("a/../b")).isEqualTo("a/../b");
    assertThat(Keys.kvKey("k".repeat(512))).hasSize(512);
    assertThatThrownBy(() -> Keys.kvKey("k".repeat(513))).isInstanceOf(KeyValueStoreException.class);
    assertThatThrownBy(() -> Keys.kvKey("")).isInstanceOf(KeyValueStoreException.class);
    assertThatThrownBy(() -> Keys.kvKey("a\nb"))
        .isInstanceOf(KeyValueStoreException.class).hasMessageContaining("index 1");
    assertThatThrownBy(() -> Keys.kvKey("a\u0000"))
        .isInstanceOf(KeyValueStoreException.class)
        .satisfies(e -> assertThat(((PortException) e).retryable()).isFalse());
  }

  @Test
  void kvValueRules() {
    assertThat(Keys.kvValue(new byte[Keys.MAX_KV_VALUE_BYTES])).hasSize(256 * 1024);
    assertThatThrownBy(() -> Keys.kvValue(new byte[Keys.MAX_KV_VALUE_BYTES + 1]))
        .isInstanceOf(KeyValueStoreException.class)
        .satisfies(e -> assertThat(((PortException) e).reason()).isEqualTo(PortException.Reason.TOO_LARGE));
    assertThatThrownBy(() -> Keys.kvValue(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void metadataRules() {
    Map<String, String> ok = new LinkedHashMap<>();
    ok.put("owner", "42");
    ok.put("content_hash", "sha256:abc");

    assertThat(Keys.metadata(ok)).isEqualTo(ok);
    assertThatThrownBy(() -> Keys.metadata(Map.of("Owner", "1")))
        .isInstanceOf(ObjectStorageException.class).hasMessageContaining("'Owner'");
    assertThatThrownBy(() -> Keys.metadata(Map.of("x-amz-meta", "1"))).isInstanceOf(ObjectStorageException.class);
    assertThatThrownBy(() -> Keys.metadata(Map.of("1st", "1"))).isInstanceOf(ObjectStorageException.class);
    assertThatThrownBy(() -> Keys.metadata(Map.of("city", "Zürich")))
        .isInstanceOf(ObjectStorageException.class).hasMessageContaining("printable ASCII");
    assertThatThrownBy(() -> Keys.metadata(Map.of("a", "line\nbreak"))).isInstanceOf(ObjectStorageException.class);
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("a", null);
    assertThatThrownBy(() -> Keys.metadata(nullValue)).isInstanceOf(ObjectStorageException.class);
    assertThat(Keys.metadata(Map.of("a", "v".repeat(2047)))).hasSize(1);
    assertThatThrownBy(() -> Keys.metadata(Map.of("a", "v".repeat(2048))))
        .isInstanceOf(ObjectStorageException.class).hasMessageContaining("2048");
  }

  @Test
  void metadataCopyIsImmutable() {
    Map<String, String> m = new HashMap<>(Map.of("a", "1"));
    Map<String, String> checked = Keys.metadata(m);
    m.put("b", "2");

    assertThat(checked).containsOnlyKeys("a");
    assertThatThrownBy(() -> checked.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsUnpairedSurrogatesThatCannotBeEncodedAsUtf8() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Keys.objectKey("a\uD800b"))
        .isInstanceOf(ObjectStorageException.class).hasMessageContaining("unpaired surrogate");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Keys.objectKey("\uDC00"))
        .isInstanceOf(ObjectStorageException.class);
    assertThat(Keys.objectKey("emoji/\uD83D\uDE00.png")).isEqualTo("emoji/\uD83D\uDE00.png");
  }

  @Test
  void storedJsonReadsBackThroughTheEntryAndTheObject() {
    record Point(int x, int y) {}
    byte[] json = dev.faas4j.Json.toBytes(new Point(1, 2));
    assertThat(new KeyValueEntry("p", json, 1, java.util.Optional.empty()).json(Point.class)).isEqualTo(new Point(1, 2));
    ObjectInfo info = new ObjectInfo("p.json", json.length, "e", java.util.Optional.empty(), java.util.Map.of(),
        java.time.Instant.EPOCH, java.util.Optional.empty());
    assertThat(new StoredObject(info, json).json(Point.class)).isEqualTo(new Point(1, 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new KeyValueEntry("p", "nope".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1,
                java.util.Optional.empty()).json(Point.class))
        .isInstanceOf(KeyValueStoreException.class).hasMessageContaining("Stored value of p");
  }
}
