package dev.faas4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn faas4j:run} in the sample project (built by the invoker first), with adapter-local only in its test
 * scope: it serves the app on a free port of 127.0.0.1 with the banner, and stops gracefully on SIGTERM.
 */
class RunIT {
  @TempDir
  Path temp;

  @Test
  void runsTheAppLocallyAndStopsOnSigterm() throws Exception {
    Path sample = Path.of(System.getProperty("faas4j.it.dir", "target/it"), "sample");
    Path settings = temp.resolve("settings.xml");
    Files.writeString(settings, Files.readString(Path.of("src/it/settings.xml")).replace("@localRepositoryUrl@",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString()));
    int port = PackageIT.freePort();
    Path log = temp.resolve("run.log");
    Process maven = new ProcessBuilder("mvn", "-B", "-ntp", "-s", settings.toString(),
        "-Dmaven.repo.local=" + System.getProperty("faas4j.it.repo", "target/it-repo"),
        "-Dfaas4j.port=" + port, "-Dfaas4j.dataDir=" + temp.resolve("data"), "faas4j:run")
        .directory(sample.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      PackageIT.awaitListening(maven, port, log);
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/cy")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("hello cy");
      assertThat(Files.readString(log)).contains("faas4j local runtime listening on http://127.0.0.1:" + port)
          .contains("hello  GET /hello/{name}");

      maven.destroy(); // SIGTERM to Maven's JVM (the mvn script execs it)
      assertThat(maven.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
      assertThat(Files.readString(log)).contains("Stopping: finishing invocations in progress").contains("Stopped");
    } finally {
      if (maven.isAlive()) {
        maven.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
