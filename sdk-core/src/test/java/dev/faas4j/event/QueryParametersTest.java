package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {

  @Test
  void keepsRepeatedKeysInOrder() {
    QueryParameters q = QueryParameters.parse("tag=red&page=2&tag=blue");

    assertThat(q.all("tag")).containsExactly("red", "blue");
    assertThat(q.first("tag")).contains("red");
    assertThat(q.names()).containsExactly("tag", "page");
  }

  @Test
  void plusIsASpaceButEncodedPlusStaysAPlus() {
    QueryParameters q = QueryParameters.parse("q=red+flower&phone=%2B4930123&math=1%2B1%3D2");

    assertThat(q.first("q")).contains("red flower");
    assertThat(q.first("phone")).contains("+4930123");
    assertThat(q.first("math")).contains("1+1=2");
  }

  @Test
  void decodesOnlyOnce() {
    assertThat(QueryParameters.parse("v=%252B").first("v")).contains("%2B");
  }

  @Test
  void decodesUtf8AndNamesToo() {
    QueryParameters q = QueryParameters.parse("stra%C3%9Fe=K%C3%B6nigsallee&caf%C3%A9=%E2%98%95");

    assertThat(q.first("straße")).contains("Königsallee");
    assertThat(q.first("café")).contains("☕");
  }

  @Test
  void keepsRawNonAsciiAsIs() {
    assertThat(QueryParameters.parse("name=J%C3%BCrgen+M\u00fcller").first("name")).contains("Jürgen Müller");
  }

  @Test
  void emptyValuesAndNamesWithoutEqualsSign() {
    QueryParameters q = QueryParameters.parse("a=&b&c=1&&d=");

    assertThat(q.first("a")).contains("");
    assertThat(q.first("b")).contains("");
    assertThat(q.first("c")).contains("1");
    assertThat(q.first("d")).contains("");
    assertThat(q.names()).containsExactly("a", "b", "c", "d");
  }

  @Test
  void valueMayContainEqualsSigns() {
    assertThat(QueryParameters.parse("token=abc==").first("token")).contains("abc==");
  }

  @Test
  void emptyQueryIsEmpty() {
    assertThat(QueryParameters.parse("").isEmpty()).isTrue();
    assertThat(QueryParameters.parse("&").isEmpty()).isTrue();
    assertThat(QueryParameters.parse("").first("a")).isEmpty();
    assertThat(QueryParameters.parse("").all("a")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%zz", "a=%4", "a=%", "a=1%", "%g1=x", "a=%\uff11\uff11", "a=%\u0661\u0661"})
  void rejectsMalformedPercentEscapes(String raw) {
    assertThatThrownBy(() -> QueryParameters.parse(raw))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("percent-escape");
  }

  @Test
  void rejectsInvalidUtf8AfterDecoding() {
    assertThatThrownBy(() -> QueryParameters.parse("a=%C3%28"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> QueryParameters.parse("a=%FF"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void errorMessagesDoNotEchoTheQuery() {
    assertThatThrownBy(() -> QueryParameters.parse("ssn=123-45-6789%zz"))
        .isInstanceOf(InvalidEventException.class).message().doesNotContain("6789");
  }

  @Test
  void roundTripsThroughRawQuery() {
    QueryParameters q = QueryParameters.parse("q=red+flower&phone=%2B49&tag=a&tag=b&empty=&caf%C3%A9=%E2%98%95&x=a%26b%3Dc");

    String raw = q.toRawQuery();

    assertThat(raw).isEqualTo("q=red%20flower&phone=%2B49&tag=a&tag=b&empty=&caf%C3%A9=%E2%98%95&x=a%26b%3Dc");
    assertThat(QueryParameters.parse(raw)).isEqualTo(q).hasSameHashCodeAs(q);
  }

  @Test
  void ofTakesDecodedValuesWithoutDecodingAgain() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("phone", List.of("+49 30"));
    m.put("tag", List.of("a", "b"));

    QueryParameters q = QueryParameters.of(m);

    assertThat(q.first("phone")).contains("+49 30");
    assertThat(q.all("tag")).containsExactly("a", "b");
  }

  @Test
  void ofSkipsNamesWithoutValues() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("none", List.of());
    m.put("tag", List.of("a"));

    QueryParameters q = QueryParameters.of(m);

    assertThat(q.first("none")).isEmpty();
    assertThat(q.names()).containsExactly("tag");
  }

  @Test
  void isImmutable() {
    QueryParameters q = QueryParameters.parse("a=1");

    assertThatThrownBy(() -> q.asMap().put("b", List.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> q.all("a").add("2")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void namesAreCaseSensitive() {
    assertThat(QueryParameters.parse("Page=2").first("page")).isEmpty();
  }
}
