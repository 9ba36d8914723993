package dev.faas4j.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the start-up harness measures with: CPU readings, quantiles, and the stub's reading at the response. */
class StartupMeasuresTest {

  @Test
  void preciseCpuAgreesWithTheTickFigureForAProcessThatSpentSome() throws Exception {
    // one thread, busy for a while, then asleep: both readings see the same finished work
    Process p = new ProcessBuilder("/bin/sh", "-c",
        "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; exec sleep 60").start();
    try {
      Path comm = Path.of("/proc", Long.toString(p.pid()), "comm");
      while (!Files.readString(comm).trim().equals("sleep")) {
        Thread.sleep(5);
      }
      double[] cpu = Startup.cpuAtResponse(p.pid());
      assertThat(cpu[0]).isGreaterThan(20); // ms: the loop costs far more than that
      // user and system time are each rounded down to a 10 ms tick
      assertThat(cpu[1]).isBetween(cpu[0] - 20, cpu[0] + 0.5);
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProcessThatIsGoneReadsAsNotANumber() throws Exception {
    Process p = new ProcessBuilder("/bin/true").start();
    p.waitFor(10, TimeUnit.SECONDS);
    long pid = p.pid();
    p.onExit().get(10, TimeUnit.SECONDS);
    assertThat(Startup.cpuAtResponse(pid)).containsOnly(Double.NaN);
  }

  @Test
  void quantilesInterpolateBetweenNeighbours() {
    List<Double> values = List.of(4.0, 1.0, 3.0, 2.0);
    assertThat(Startup.quantile(values, 0.25)).isEqualTo(1.75);
    assertThat(Startup.quantile(values, 0.5)).isEqualTo(2.5);
    assertThat(Startup.quantile(values, 0.75)).isEqualTo(3.25);
    assertThat(Startup.quantile(List.of(7.0), 0.25)).isEqualTo(7.0);
    assertThat(Startup.quantile(List.of(), 0.5)).isNaN();
  }

  @Test
  void theStubReadsItsProbeWhenTheResponseArrivesBeforeAcknowledgingIt() throws Exception {
    try (RuntimeApiStub stub = new RuntimeApiStub()) {
      RuntimeApiStub.Run run = stub.prepare("{}".getBytes(StandardCharsets.UTF_8), "req-1");
      boolean[] acknowledged = {false};
      run.atResponse(() -> new double[] {acknowledged[0] ? -1 : 42});
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + stub.port() + "/2018-06-01/runtime/";
      HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(base + "invocation/next")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(next.body()).isEqualTo("{}");
      HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create(base + "invocation/req-1/response"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"ok\":1}")).build(), HttpResponse.BodyHandlers.ofString());
      acknowledged[0] = true;
      assertThat(ack.statusCode()).isEqualTo(202);
      RuntimeApiStub.Result result = run.result().get(10, TimeUnit.SECONDS);
      assertThat(result.body()).isEqualTo("{\"ok\":1}");
      assertThat(result.probed()).containsExactly(42.0);
      run.release();
    }
  }
}
