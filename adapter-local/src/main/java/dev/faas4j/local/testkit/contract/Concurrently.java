package dev.faas4j.local.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs the same call from many threads released at once, to race conditional writes. */
final class Concurrently {
  /** How long a race may take before the test fails rather than hangs; not a performance bound. */
  private static final long TIMEOUT_SECONDS = 60;

  private Concurrently() {}

  static <T> List<T> run(int threads, IntFunction<Callable<T>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> call = task.apply(i);
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          results.add(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
          throw new AssertionError("A concurrent call did not finish in " + TIMEOUT_SECONDS + " s", e);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
