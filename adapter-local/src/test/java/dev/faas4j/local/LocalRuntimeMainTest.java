package dev.faas4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LocalRuntime}'s command line as a user meets it: usage on --help, one line for a start-up error. */
class LocalRuntimeMainTest {
  @TempDir
  Path dataDir;

  @Test
  void helpPrintsTheUsageAndExitsZero() throws Exception {
    Result r = run("--help");
    assertThat(r.exit).isZero();
    assertThat(r.out).startsWith("Usage: java -cp <class path> dev.faas4j.local.LocalRuntime [flags]")
        .contains("--port N").contains("--data-dir PATH").contains("--log-format FORMAT").contains("--app CLASS");
    assertThat(r.err).isEmpty();
  }

  @Test
  void aBadFlagIsOneLineWithoutAStackTrace() throws Exception {
    Result r = run("--port", "eighty", "--app", MainChildApp.class.getName(), "--data-dir", dataDir.toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.lines()).containsExactly(
        "faas4j: not a number: For input string: \"eighty\" (--help lists the flags)");
    assertThat(r.out).doesNotContain("\tat ");
  }

  @Test
  void anUnknownAppClassIsOneLine() throws Exception {
    Result r = run("--app", "com.example.Missing", "--port", "0", "--data-dir", dataDir.toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.lines()).hasSize(1).first().asString()
        .startsWith("faas4j: FAAS4J_APP=com.example.Missing: class not found on the classpath");
  }

  @Test
  void aPortInUseIsOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Result r = run("--app", MainChildApp.class.getName(), "--port", Integer.toString(taken.getLocalPort()),
          "--data-dir", dataDir.toString());
      assertThat(r.exit).isEqualTo(2);
      assertThat(r.err.lines()).hasSize(1).first().asString().startsWith("faas4j: ")
          .contains(Integer.toString(taken.getLocalPort()));
      assertThat(r.out + r.err).doesNotContain("\tat ");
    }
  }

  @Test
  void startupErrorLineJoinsTheCauseOnce() {
    assertThat(LocalRuntime.startupError(new IllegalStateException("Cannot bind 127.0.0.1:80",
        new IOException("Permission denied")))).isEqualTo("Cannot bind 127.0.0.1:80: Permission denied");
    assertThat(LocalRuntime.startupError(new IllegalStateException("a: b", new IOException("b")))).isEqualTo("a: b");
    assertThat(LocalRuntime.startupError(new IllegalStateException("two\nlines"))).isEqualTo("two lines");
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LocalRuntime.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    // small outputs: read both streams after the exit
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("LocalRuntime did not exit");
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
