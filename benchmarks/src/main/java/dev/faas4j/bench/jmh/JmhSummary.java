package dev.faas4j.bench.jmh;

import static dev.faas4j.bench.Stats.f;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a JMH JSON result ({@code -rf json -rff FILE}, with {@code -prof gc}) into the markdown table of
 * docs/performance.md: ns/op and B/op of each method, and the faas4j/baseline ratios per benchmark class (for
 * the idempotency benchmark, decorated/undecorated per store).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.jmh.JmhSummary benchmarks/target/results/jmh.json</pre>
 */
public final class JmhSummary {
  private JmhSummary() {}

  record Row(double score, double error, double bytes) {}

  public static void main(String[] args) throws Exception {
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    Map<String, Row> rows = new LinkedHashMap<>();
    System.out.println("| benchmark | ns/op | ± (99.9 %) | B/op |");
    System.out.println("|---|---:|---:|---:|");
    for (JsonNode r : results) {
      String name = r.get("benchmark").asText().replace("dev.faas4j.bench.jmh.", "");
      JsonNode params = r.get("params");
      if (params != null && params.has("store")) {
        name = name + "[" + params.get("store").asText() + "]";
      }
      JsonNode primary = r.get("primaryMetric");
      JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
      Row row = new Row(primary.get("score").asDouble(), primary.get("scoreError").asDouble(),
          alloc.isMissingNode() ? Double.NaN : alloc.get("score").asDouble());
      rows.put(name, row);
      System.out.println(f("| %s | %,.0f | %,.0f | %,.0f |", name, row.score(), row.error(), row.bytes()));
    }
    System.out.println();
    System.out.println("| comparison | time ratio | allocation ratio |");
    System.out.println("|---|---:|---:|");
    rows.forEach((name, row) -> {
      if (name.endsWith(".faas4j")) {
        Row base = rows.get(name.replace(".faas4j", ".baseline"));
        if (base != null) {
          System.out.println(f("| %s faas4j / baseline (budget <= 1.2) | %.2f | %.2f |",
              name.substring(0, name.indexOf('.')), row.score() / base.score(), row.bytes() / base.bytes()));
        }
      }
      if (name.startsWith("IdempotencyBenchmark.") && !name.contains("undecorated")) {
        String store = name.substring(name.indexOf('['));
        Row base = rows.get("IdempotencyBenchmark.undecorated" + store);
        if (base != null) {
          System.out.println(f("| %s / undecorated%s | %.1f | %.1f |", name, store, row.score() / base.score(),
              row.bytes() / base.bytes()));
        }
      }
    });
  }
}
