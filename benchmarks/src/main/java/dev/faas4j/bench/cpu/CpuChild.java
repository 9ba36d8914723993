package dev.faas4j.bench.cpu;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.faas4j.bench.Faas4jEntryPoints;
import dev.faas4j.bench.Flags;
import dev.faas4j.bench.support.Events;
import dev.faas4j.bench.support.LambdaContext;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The child JVM of {@link WarmCpu}: builds one handler, warms it up, then runs a round of N invocations each time
 * the harness writes {@code round} on stdin and answers on stdout with
 * {@code @cpu <invocations> <process CPU ns> <invoking thread CPU ns> <wall ns> <process CPU ns, 10 ms clock> <GCs>
 * <bytes the handler wrote to stdout>}.
 *
 * <p>Process CPU is the sum of every thread's run time from {@code /proc/self/task/<tid>/schedstat} (nanoseconds,
 * including the JIT compiler and GC threads, as Lambda bills them); the JVM's own process CPU clock ticks in 10 ms
 * steps on Linux, too coarse for rounds of a few hundred milliseconds, and is reported only as a cross-check (it also
 * counts threads that exited during the round, which schedstat misses).
 */
public final class CpuChild {
  static final String READY = "@ready";
  static final String RESULT = "@cpu ";

  private CpuChild() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = Flags.parse(args);
    String handlerClass = flags.get("handler");
    byte[] event = event(flags.get("event"));
    int invocations = Integer.parseInt(flags.get("invocations"));
    int warmup = Integer.parseInt(flags.get("warmup"));
    // Stdout is the protocol; what the handler prints (its logs) goes to stderr, counted, as Lambda ships stdout.
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Counting logs = new Counting(new FileOutputStream(FileDescriptor.err));
    System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));

    RequestStreamHandler handler = handlerClass.equals("dev.faas4j.aws.LambdaHandler") ? Faas4jEntryPoints.lambda()
        : (RequestStreamHandler) Class.forName(handlerClass).getConstructor().newInstance();
    Context context = new LambdaContext();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    check(handler, event, out, context, flags.get("event"));
    for (int i = 0; i < warmup; i++) {
      invoke(handler, event, out, context, invocations);
    }
    check(handler, event, out, context, flags.get("event"));
    protocol.println(READY);

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String c = commands.readLine(); c != null && c.equals("round"); c = commands.readLine()) {
      long gc0 = gcCount(gcs);
      long log0 = logs.bytes;
      long tick0 = os.getProcessCpuTime();
      long thread0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      long cpu0 = schedNanos();
      invoke(handler, event, out, context, invocations);
      long cpu1 = schedNanos();
      long wall1 = System.nanoTime();
      long thread1 = threads.getCurrentThreadCpuTime();
      long tick1 = os.getProcessCpuTime();
      protocol.println(RESULT + invocations + " " + (cpu1 - cpu0) + " " + (thread1 - thread0) + " " + (wall1 - wall0)
          + " " + (tick1 - tick0) + " " + (gcCount(gcs) - gc0) + " " + (logs.bytes - log0));
    }
  }

  private static byte[] event(String name) {
    return switch (name) {
      case "apigw-v2" -> Events.apiGatewayV2();
      case "sqs-10" -> Events.sqsBatch10();
      case "sqs-1" -> Events.sqsOne();
      default -> throw new IllegalArgumentException("Unknown event " + name);
    };
  }

  private static long sink;

  private static void invoke(RequestStreamHandler handler, byte[] event, ByteArrayOutputStream out, Context context,
      int n) throws IOException {
    for (int i = 0; i < n; i++) {
      out.reset();
      // As the RIC does: the event as a stream over the bytes it read, the response into a buffer.
      handler.handleRequest(new ByteArrayInputStream(event), out, context);
      sink += out.size();
    }
  }

  /** The handler must answer as its baseline does before anything is measured. */
  private static void check(RequestStreamHandler handler, byte[] event, ByteArrayOutputStream out, Context context,
      String name) throws IOException {
    out.reset();
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    String response = out.toString(StandardCharsets.UTF_8);
    String expected = name.startsWith("sqs") ? "\"batchItemFailures\":[]" : "Hello, Ada";
    if (!response.contains(expected)) {
      throw new IllegalStateException("Unexpected response from " + handler.getClass().getName() + ": " + response);
    }
  }

  /** CPU time of every live thread of this process, in nanoseconds. */
  static long schedNanos() throws IOException {
    return schedNanos(Path.of("/proc/self"));
  }

  /** CPU time of every live thread of the process at {@code proc} ({@code /proc/<pid>}), in nanoseconds. */
  public static long schedNanos(Path proc) throws IOException {
    long total = 0;
    try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String s = Files.readString(t.resolve("schedstat"));
          total += Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (IOException e) {
          // the thread exited while we listed
        }
      }
    }
    return total;
  }

  private static long gcCount(List<GarbageCollectorMXBean> gcs) {
    long n = 0;
    for (GarbageCollectorMXBean gc : gcs) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /** Counts what the handler prints. */
  private static final class Counting extends FilterOutputStream {
    long bytes; // written and read by the invoking thread

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      bytes++;
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      bytes += len;
      out.write(b, off, len);
    }
  }
}
