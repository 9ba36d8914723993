package dev.faas4j.gcp.deploy;

import com.google.cloud.functions.invoker.runner.Invoker;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Optional;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Functions Framework invoker 2.0.0, started as its own {@code main} would but listening on 127.0.0.1 only.
 * The invoker has no bind option (its Jetty connector gets no host, so it listens on every interface, reachable
 * from the network while the tests run). This main parses the same flags with the invoker's own code and builds
 * the same server as {@code Invoker.startServer} (same handlers, taken from the invoker, in the same order), with
 * one change: the connector's host. Runs in the child JVM, with only the invoker jar and this class on its class
 * path; written against 2.0.0 and checked by the invoker tests. The training run ({@link InvokerTraining}) starts the
 * invoker with it, and so do the tests that run built functions.
 */
public final class LoopbackInvoker {
  /** The one address the invoker listens on. */
  public static final String HOST = "127.0.0.1";

  private LoopbackInvoker() {}

  public static void main(String[] args) throws Exception {
    Method make = Invoker.class.getDeclaredMethod("makeInvoker", String[].class);
    make.setAccessible(true);
    @SuppressWarnings("unchecked")
    Optional<Invoker> parsed = (Optional<Invoker>) make.invoke(null, (Object) args);
    if (parsed.isEmpty()) {
      return; // the invoker printed its usage
    }
    Invoker invoker = parsed.get();
    if (call(invoker, "getFunctionSignatureType") != null) {
      throw new IllegalArgumentException("Only a deduced signature type is supported (no --signature-type)");
    }
    Server server = new Server(new QueuedThreadPool(1024));
    Constructor<?> errorHandler = Class.forName(Invoker.class.getName() + "$1").getDeclaredConstructor(Invoker.class);
    errorHandler.setAccessible(true);
    server.setErrorHandler((Request.Handler) errorHandler.newInstance(invoker));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(HOST);
    connector.setPort((Integer) call(invoker, "getPort"));
    connector.setReuseAddress(true);
    connector.setReusePort(true);
    server.addConnector(connector);
    Class<?> function = (Class<?>) call(invoker, "loadFunctionClass");
    Handler handler = (Handler) call(invoker, "handlerForDeducedSignatureType", function);
    server.setHandler((Handler) call(invoker, "addTimerHandlerForRequestTimeout", handler));
    server.insertHandler(new EagerContentHandler(new EagerContentHandler.MultiPartContentLoaderFactory(
        new MultiPartConfig.Builder().maxMemoryPartSize(-1).build())));
    Constructor<?> notFound = Class.forName(Invoker.class.getName() + "$NotFoundHandler").getDeclaredConstructor();
    notFound.setAccessible(true);
    server.insertHandler((Handler.Singleton) notFound.newInstance());
    server.start();
    server.join();
  }

  private static Object call(Invoker invoker, String name, Object... args) throws Exception {
    for (Method m : Invoker.class.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        return m.invoke(invoker, args);
      }
    }
    throw new NoSuchMethodException("Invoker." + name + " (the invoker is not version 2.0.0)");
  }
}
