package dev.faas4j.aws.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code AWS_LAMBDA_EXEC_WRAPPER}) run as Lambda runs it, with the argument shape of the managed java17
 * runtime, against a stand-in {@code java} that prints its working directory and arguments.
 */
class LauncherTest {
  private static final String ARCHIVE = "faas4j/faas4j.jsa";
  private static final String HANDLER = "dev.faas4j.aws.LambdaHandler::handleRequest";
  private static final String RELEASE = "IMPLEMENTOR=\"Amazon.com Inc.\"\nJAVA_RUNTIME_VERSION=\"17.0.13+11-LTS\"\n"
      + "JAVA_VERSION=\"17.0.13\"\nOS_ARCH=\"x86_64\"\n";
  /** What Lambda's java17 runtime passes after the interpreter (runtime jars and agent under /var/runtime). */
  private static final List<String> LAMBDA = List.of("-XX:MaxHeapSize=445645k",
      "-javaagent:/var/runtime/lib/Log4jHotPatch.jar=log4jFixerVerbose=false", "-XX:+UseSerialGC", "-Xshare:on",
      "-XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
      "-Djava.net.preferIPv4Stack=true", "-XX:+ErrorFileToStderr",
      "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=/var/runtime/lib/jni/x.so",
      "-XX:+SomeFutureOption", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "-classpath", "/var/runtime/lib/aws-lambda-java-core-1.2.3.jar:/var/runtime/lib/ric-2.4.1.jar",
      LambdaTraining.RIC_MAIN, HANDLER);
  /** The options the launcher keeps whatever the archive (all but the class path and the client's library path). */
  private static final List<String> KEPT = List.of("-XX:MaxHeapSize=445645k",
      "-javaagent:/var/runtime/lib/Log4jHotPatch.jar=log4jFixerVerbose=false", "-XX:+UseSerialGC",
      "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED",
      "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", "-Djava.net.preferIPv4Stack=true",
      "-XX:+ErrorFileToStderr", "-XX:+SomeFutureOption", "--add-opens", "java.base/java.lang=ALL-UNNAMED");

  @TempDir
  Path dir;
  Path task;
  Path java;

  @BeforeEach
  void layout() throws Exception {
    task = Files.createDirectories(dir.resolve("task"));
    Files.createDirectories(task.resolve("lib"));
    for (String jar : List.of("sdk-core-1.jar", "aws-lambda-java-runtime-interface-client-2.10.1.jar",
        "adapter-aws-1.jar")) {
      Files.write(task.resolve("lib").resolve(jar), new byte[0]);
    }
    LambdaTraining.writeLauncher(task, LambdaTraining.classPath(task), ARCHIVE);
    Path bin = Files.createDirectories(dir.resolve("jdk").resolve("bin"));
    java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\npwd\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("jdk").resolve("release"), RELEASE);
  }

  @Test
  void startsTheSameJvmWithItsOptionsTheFunctionsClassPathAndTheArchiveOfThisJdk() throws Exception {
    archive(RELEASE);

    Run r = launch();

    List<String> expected = new ArrayList<>(KEPT);
    expected.addAll(List.of("-cp", "lib/adapter-aws-1.jar:lib/aws-lambda-java-runtime-interface-client-2.10.1.jar:"
        + "lib/sdk-core-1.jar", "-Xshare:auto", "-XX:SharedArchiveFile=" + ARCHIVE, LambdaTraining.RIC_MAIN,
        HANDLER));
    assertThat(r.cwd()).isEqualTo(task.toRealPath().toString()); // the class path is relative to the task root
    assertThat(r.args()).containsExactlyElementsOf(expected);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void withoutAnArchiveTheRuntimesSharingOptionsStayAndOnlyTheClassPathChanges() throws Exception {
    Run r = launch();

    assertThat(r.args()).contains("-Xshare:on", "-XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa")
        .containsSubsequence("-cp", "lib/adapter-aws-1.jar:lib/aws-lambda-java-runtime-interface-client-2.10.1.jar:"
            + "lib/sdk-core-1.jar", LambdaTraining.RIC_MAIN, HANDLER)
        .doesNotContain("-classpath", "-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:auto")
        .noneMatch(a -> a.contains("/var/runtime/lib/ric") || a.contains("NativeClient.JNI"));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void anArchiveOfAnotherJdkIsLeftOutWithOneLine() throws Exception {
    archive(RELEASE.replace("17.0.13+11-LTS", "17.0.12+7-LTS"));

    Run r = launch();

    assertThat(r.args()).contains("-Xshare:on", "-XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa")
        .doesNotContain("-XX:SharedArchiveFile=" + ARCHIVE);
    assertThat(r.err().lines().toList()).singleElement().asString().contains("faas4j: " + ARCHIVE
        + " was written by another JVM").contains("17.0.12+7-LTS").contains("17.0.13+11-LTS");
  }

  @Test
  void anArchiveWithoutItsRecordIsLeftOut() throws Exception {
    archive(RELEASE);
    Files.delete(task.resolve(ARCHIVE + ".jdk"));

    Run r = launch();

    assertThat(r.args()).doesNotContain("-XX:SharedArchiveFile=" + ARCHIVE);
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  private void archive(String release) throws Exception {
    Files.write(task.resolve(ARCHIVE), new byte[] {1});
    Files.writeString(task.resolve(ARCHIVE + ".jdk"), "java.vm.version=x\n" + release.lines()
        .filter(l -> !l.startsWith("JAVA_VERSION=")).map(l -> l + "\n").reduce("", String::concat));
  }

  private record Run(String cwd, List<String> args, String err) {}

  /** As Lambda does: the wrapper executed with the interpreter and its arguments, from another directory. */
  private Run launch() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(task.resolve(LambdaTraining.LAUNCHER).toString(), java.toString()));
    cmd.addAll(LAMBDA);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    List<String> lines = out.lines().toList();
    return new Run(lines.get(0), lines.subList(1, lines.size()), err);
  }
}
