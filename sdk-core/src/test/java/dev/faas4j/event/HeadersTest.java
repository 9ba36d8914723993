package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadersTest {

  @Test
  void joinsRepeatedHeadersCaseInsensitively() {
    Headers h = Headers.of("Accept", "text/html", "X-Forwarded-For", "10.0.0.1", "accept", "application/json");

    assertThat(h.all("ACCEPT")).containsExactly("text/html", "application/json");
    assertThat(h.first("accept")).contains("text/html");
    assertThat(h.contains("x-forwarded-for")).isTrue();
    assertThat(h.size()).isEqualTo(2);
  }

  @Test
  void namesKeepTheCasingOfTheirFirstOccurrenceInArrivalOrder() {
    Headers h = Headers.of("X-Request-Id", "1", "content-type", "text/plain", "x-request-id", "2");

    assertThat(h.names()).containsExactly("X-Request-Id", "content-type");
    assertThat(h.asMap()).containsExactly(
        Map.entry("X-Request-Id", List.of("1", "2")), Map.entry("content-type", List.of("text/plain")));
  }

  @Test
  void absentHeaderIsEmptyNotNull() {
    assertThat(Headers.empty().first("Authorization")).isEmpty();
    assertThat(Headers.empty().all("Authorization")).isEmpty();
    assertThat(Headers.empty().isEmpty()).isTrue();
  }

  @Test
  void keepsCommaJoinedValuesAsDelivered() {
    Headers h = Headers.of("Accept", "text/html, application/json");

    assertThat(h.all("accept")).containsExactly("text/html, application/json");
  }

  @Test
  void buildsFromMultiValueMapSkippingNullLists() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("Header1", List.of("a"));
    map.put("Header2", List.of("value1", "value2"));
    map.put("Header3", null);

    Headers h = Headers.of(map);

    assertThat(h.all("header2")).containsExactly("value1", "value2");
    assertThat(h.contains("header3")).isFalse();
  }

  @Test
  void setReplacesAllValuesAndRemoveDropsTheName() {
    Headers h = Headers.of("Cache-Control", "no-cache", "cache-control", "no-store").toBuilder()
        .set("CACHE-CONTROL", "max-age=60").add("Vary", "Accept").remove("vary").build();

    assertThat(h.all("cache-control")).containsExactly("max-age=60");
    assertThat(h.names()).containsExactly("CACHE-CONTROL");
  }

  @Test
  void isImmutable() {
    Headers h = Headers.of("A", "1");

    assertThatThrownBy(() -> h.all("a").add("2")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.asMap().put("B", List.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.names().add("B")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builderChangesDoNotReachBuiltHeaders() {
    Headers.Builder b = Headers.builder().add("A", "1");
    Headers h = b.build();
    b.add("A", "2");

    assertThat(h.all("A")).containsExactly("1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bad Name", "X-A:", "Tab\tName", "Zeile\n", "Ümlaut", "Del\u007f"})
  void rejectsIllegalNames(String name) {
    assertThatThrownBy(() -> Headers.builder().add(name, "v"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("Header name");
  }

  @Test
  void rejectsNullNameAndValue() {
    assertThatThrownBy(() -> Headers.builder().add(null, "v"))
        .isInstanceOf(NullPointerException.class).hasMessage("header name must not be null");
    assertThatThrownBy(() -> Headers.builder().add("X-A", null))
        .isInstanceOf(NullPointerException.class).hasMessage("value of header X-A must not be null");
  }

  @Test
  void rejectsOddNumberOfPairStrings() {
    assertThatThrownBy(() -> Headers.of("A", "1", "B")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringShowsNamesButNoValues() {
    assertThat(Headers.of("Authorization", "Bearer s3cr3t").toString())
        .contains("Authorization").doesNotContain("s3cr3t");
  }

  @Test
  void equalHeadersAreEqual() {
    assertThat(Headers.of("A", "1", "B", "2")).isEqualTo(Headers.of("A", "1", "B", "2"))
        .hasSameHashCodeAs(Headers.of("A", "1", "B", "2"))
        .isNotEqualTo(Headers.of("A", "1"));
  }

  @Test
  void aBuilderUsedAfterBuildNeverChangesWhatItBuilt() {
    Headers.Builder b = Headers.builder().add("Accept", "text/plain");
    Headers first = b.build();
    b.add("Accept", "application/json").add("X-Trace", "1").remove("Accept");
    Headers second = b.build();
    b.add("X-Late", "2");

    org.assertj.core.api.Assertions.assertThat(first.all("accept")).containsExactly("text/plain");
    org.assertj.core.api.Assertions.assertThat(first.names()).containsExactly("Accept");
    org.assertj.core.api.Assertions.assertThat(second.names()).containsExactly("X-Trace");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.all("Accept").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void manyHeadersAreFoundRepeatedAndRemovedLikeAFew() {
    Headers.Builder b = Headers.builder();
    for (int i = 0; i < 40; i++) {
      b.add("X-H" + i, "v" + i);
    }
    b.add("x-h7", "again").remove("X-H3").remove("x-h39").add("X-H3", "back");
    Headers h = b.build();

    assertThat(h.size()).isEqualTo(39);
    assertThat(h.all("X-H7")).containsExactly("v7", "again");
    assertThat(h.first("x-h20")).contains("v20");
    assertThat(h.contains("x-h39")).isFalse();
    assertThat(h.names()).startsWith("X-H0", "X-H1", "X-H2", "X-H4").endsWith("X-H38", "X-H3");
    assertThat(h.asMap()).hasSize(39).containsEntry("X-H3", List.of("back"));
  }

  @Test
  void equalityIgnoresArrivalOrderButNotNameCasing() {
    assertThat(Headers.of("A", "1", "B", "2")).isEqualTo(Headers.of("B", "2", "A", "1"))
        .hasSameHashCodeAs(Headers.of("B", "2", "A", "1"))
        .isNotEqualTo(Headers.of("a", "1", "B", "2"))
        .isNotEqualTo(Headers.of("A", "1", "B", "3"));
  }

  @Test
  void asMapIsAnOrderedReadOnlyViewKeyedByOriginalNames() {
    Map<String, List<String>> m = Headers.of("Content-Type", "text/plain", "X-A", "1", "x-a", "2").asMap();
    Map<String, List<String>> seen = new LinkedHashMap<>();
    m.forEach(seen::put);

    assertThat(seen).containsExactly(Map.entry("Content-Type", List.of("text/plain")),
        Map.entry("X-A", List.of("1", "2")));
    assertThat(m.get("Content-Type")).containsExactly("text/plain");
    assertThat(m.get("content-type")).isNull();
    assertThat(m).isEqualTo(Map.of("Content-Type", List.of("text/plain"), "X-A", List.of("1", "2")));
    assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> {
      var it = m.entrySet().iterator();
      it.next();
      it.remove();
    }).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void asMapEntriesIterateInOrderEveryTimeAndEndWithNoSuchElement() {
    Map<String, List<String>> m = Headers.of("B", "1", "a", "2", "b", "3").asMap();

    for (int pass = 0; pass < 2; pass++) {
      var it = m.entrySet().iterator();
      assertThat(it.next()).isEqualTo(Map.entry("B", List.of("1", "3")));
      assertThat(it.next()).isEqualTo(Map.entry("a", List.of("2")));
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    }
    assertThat(m.entrySet()).hasSize(2);
    assertThat(Headers.empty().asMap().entrySet().iterator().hasNext()).isFalse();
  }

  @Test
  void aNameCheckedBeforeIsNotConfusedWithAnotherOfTheSameHash() {
    // "Aa" and "BB" hash alike, as do "A;B" (a valid name) and "A:a" (not one)
    Headers h = Headers.of("Aa", "1", "BB", "2", "Aa", "3");
    Headers.builder().add("A;B", "1");

    assertThat(h.all("aa")).containsExactly("1", "3");
    assertThat(h.all("bb")).containsExactly("2");
    assertThat(h.names()).containsExactly("Aa", "BB");
    assertThatThrownBy(() -> Headers.builder().add("A:a", "x")).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("index 1");
    assertThat(Headers.of("A;B", "1").names()).containsExactly("A;B");
  }

  @Test
  void aViewOverAPlatformsMapReadsAsTheHeadersBuiltFromIt() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("content-type", "application/json");
    map.put("X-Trace", "a, b");
    map.put("Content-Type", "text/plain");
    map.put("x-absent", null);
    Headers view = Headers.view(map);
    Headers built = Headers.builder().add("content-type", "application/json").add("X-Trace", "a, b")
        .add("Content-Type", "text/plain").build();

    assertThat(view.first("CONTENT-TYPE")).hasValue("application/json");
    assertThat(view.all("content-type")).containsExactly("application/json", "text/plain");
    assertThat(view.contains("x-absent")).isFalse();
    assertThat(view.names()).containsExactly("content-type", "X-Trace");
    assertThat(view.asMap()).isEqualTo(built.asMap());
    assertThat(view.size()).isEqualTo(2);
    assertThat(view).isEqualTo(built).hasSameHashCodeAs(built);
    assertThat(built).isEqualTo(view);
    assertThat(view.toBuilder().add("x-more", "1").build().first("x-more")).hasValue("1");
    assertThat(Headers.view(Map.of())).isSameAs(Headers.empty());
  }

  @Test
  void lazyHeadersReadByManyThreadsAtOnceAreReadOnce() throws Exception {
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    Headers given = Headers.of("x-a", "1", "x-b", "2");
    for (int round = 0; round < 20; round++) {
      Headers lazy = Headers.lazy(new String[] {"x-a", "x-b"}, () -> {
        reads.incrementAndGet();
        Thread.onSpinWait(); // widen the window in which others ask too
        return given;
      });
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        java.util.List<java.util.concurrent.Future<java.util.Optional<String>>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
          all.add(pool.submit(() -> {
            start.await();
            return lazy.first("x-b");
          }));
        }
        for (java.util.concurrent.Future<java.util.Optional<String>> f : all) {
          assertThat(f.get()).hasValue("2");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(lazy).isEqualTo(given);
    }
    assertThat(reads).hasValue(20);
  }

  @Test
  void aViewChecksItsNamesWhenMade() {
    assertThatThrownBy(() -> Headers.view(Map.of("bad name", "1"))).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("illegal character");
    assertThatThrownBy(() -> Headers.view(Map.of("", "1"))).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void lazyHeadersAreMadeOnFirstReadOnlyAndOnceAndReadAsTheHeadersTheReaderGives() {
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    Headers given = Headers.of("Accept", "text/html", "x-a", "1", "accept", "application/json");
    Headers lazy = Headers.lazy(new String[] {"Accept", "x-a", "accept"}, () -> {
      reads.incrementAndGet();
      return given;
    });

    assertThat(reads).hasValue(0);
    assertThat(lazy.all("ACCEPT")).containsExactly("text/html", "application/json");
    assertThat(lazy.first("X-A")).hasValue("1");
    assertThat(lazy.names()).containsExactly("Accept", "x-a");
    assertThat(lazy.asMap()).isEqualTo(given.asMap());
    assertThat(lazy.size()).isEqualTo(2);
    assertThat(lazy).isEqualTo(given).hasSameHashCodeAs(given);
    assertThat(given).isEqualTo(lazy);
    assertThat(lazy.toBuilder().add("x-more", "1").build().first("x-more")).hasValue("1");
    assertThat(reads).hasValue(1);
  }

  @Test
  void lazyHeadersCheckTheirNamesWhenMadeWithoutReadingThem() {
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<Headers> reader = () -> {
      reads.incrementAndGet();
      return Headers.empty();
    };
    assertThatThrownBy(() -> Headers.lazy(new String[] {"ok", "bad name"}, reader))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("illegal character");
    assertThatThrownBy(() -> Headers.lazy(new String[] {""}, reader)).isInstanceOf(InvalidEventException.class);
    assertThat(reads).hasValue(0);
  }
}
