package dev.faas4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: every line of every {@code java} snippet in README.md must appear, in order, in the
 * examples' compiled sources or tests, or in the archetype's project (which ArchetypeIT compiles and tests). A
 * snippet that drifts from the code fails the build.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaSnippetInTheReadmeIsTakenFromTheExamples() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Stream.concat(Files.walk(Path.of("src/main/java")),
        Files.walk(Path.of("src/test/java"))), Files.walk(Path.of("..", "archetype", "src", "main", "resources",
        "archetype-resources", "src")))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        sources.add(Files.readString(f));
      }
    }
    Matcher m = JAVA_BLOCK.matcher(readme);
    int snippets = 0;
    while (m.find()) {
      snippets++;
      List<String> lines = m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("...")).toList();
      assertThat(sources).as("README snippet %d:%n%s", snippets, m.group(1))
          .anySatisfy(source -> assertThat(containsInOrder(source, lines)).isTrue());
    }
    assertThat(snippets).as("java snippets in README.md").isPositive();
  }

  private static boolean containsInOrder(String source, List<String> lines) {
    List<String> sourceLines = source.lines().map(String::strip).toList();
    int at = 0;
    for (String line : lines) {
      while (at < sourceLines.size() && !sourceLines.get(at).equals(line)) {
        at++;
      }
      if (at == sourceLines.size()) {
        return false;
      }
      at++;
    }
    return true;
  }
}
