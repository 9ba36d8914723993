package dev.faas4j.bench.jmh;

import static dev.faas4j.bench.Stats.f;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a JMH JSON result ({@code -rf json -rff FILE}, with {@code -prof gc}) into the markdown table of
 * docs/performance.md: ns/op and B/op of each method, the faas4j/baseline ratios of every registered pair
 * ({@link #COMPARISONS}) against the 1.2x budget, and for the idempotency benchmark decorated/undecorated per store.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.jmh.JmhSummary benchmarks/target/results/jmh.json</pre>
 */
public final class JmhSummary {
  /** Per-invocation overhead budget of design.md: faas4j within 1.2x the hand-written handler. */
  static final double BUDGET = 1.2;

  /**
   * Every faas4j/baseline pair, by benchmark class, in the order of docs/performance.md: each one is listed, so a
   * pair that did not run (filtered out, or its adapter failed) shows as not measured rather than silently missing.
   */
  static final Map<String, String> COMPARISONS = new LinkedHashMap<>();

  static {
    COMPARISONS.put("AwsHttpApiBenchmark", "API Gateway HTTP API 2.0 -> Lambda");
    COMPARISONS.put("AwsSqsBatchBenchmark", "SQS batch of 10 -> Lambda");
    COMPARISONS.put("AwsSqsMessageBenchmark", "SQS event with one message -> Lambda (lean baseline)");
    COMPARISONS.put("GcpStorageEventBenchmark", "GCS CloudEvent -> Cloud Functions");
    COMPARISONS.put("AzureHttpBenchmark", "Azure HTTP request");
    COMPARISONS.put("AzureQueueBenchmark", "Azure Queue Storage message");
  }

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
    System.out.println("| comparison (budget <= 1.2) | time ratio | allocation ratio | verdict |");
    System.out.println("|---|---:|---:|---|");
    COMPARISONS.forEach((benchmark, label) -> {
      Row faas4j = rows.get(benchmark + ".faas4j");
      Row base = rows.get(benchmark + ".baseline");
      if (faas4j == null || base == null) {
        System.out.println(f("| %s | | | not measured in this run |", label));
        return;
      }
      double ratio = faas4j.score() / base.score();
      System.out.println(f("| %s | %.2f | %.2f | %s |", label, ratio, faas4j.bytes() / base.bytes(),
          ratio <= BUDGET ? "met" : "missed"));
    });
    rows.keySet().stream().filter(n -> n.endsWith(".faas4j"))
        .map(n -> n.substring(0, n.indexOf('.'))).filter(c -> !COMPARISONS.containsKey(c))
        .forEach(c -> System.out.println(f("| %s: not registered in JmhSummary.COMPARISONS | | | |", c)));
    System.out.println();
    System.out.println("| idempotency | time ratio | allocation ratio |");
    System.out.println("|---|---:|---:|");
    rows.forEach((name, row) -> {
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
