package dev.faas4j.gcp.deploy;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.faas4j.FunctionApp;
import dev.faas4j.gcp.GcpHttpFunction;
import dev.faas4j.local.training.Training;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionApps;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.FunctionRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The invoker's target in a training run ({@link InvokerTraining}): each registered function behind the real
 * {@link GcpHttpFunction}, as deployed with its own {@code FAAS4J_FUNCTION}, on in-memory ports so that no backend is
 * touched. The {@code faas4j-training-function} header names the function a request is for. Writes the JVM's identity to
 * {@code FAAS4J_TRAINING_JDK}, the record kept next to the archive. Never deployed.
 */
public final class TrainingFunction implements HttpFunction {
  static final String FUNCTION_HEADER = "faas4j-training-function";
  static final String JDK_RECORD = "FAAS4J_TRAINING_JDK";
  private static final Map<String, GcpHttpFunction> FUNCTIONS = create();

  private static Map<String, GcpHttpFunction> create() {
    String record = System.getenv(JDK_RECORD);
    if (record != null) {
      Training.writeJdkIdentity(Path.of(record));
    }
    ClassLoader loader = TrainingFunction.class.getClassLoader();
    FunctionApp app = FunctionApps.load(loader, System::getenv);
    Map<String, GcpHttpFunction> functions = new HashMap<>();
    for (FunctionDefinition fn : FunctionRegistry.of(app, new InMemoryPlatform()).definitions()) {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put(FunctionHost.FUNCTION_SETTING, fn.name());
      functions.put(fn.name(), new GcpHttpFunction(FunctionApps.load(loader, env::get),
          new InMemoryPlatform(Clock.systemUTC(), env), env::get));
    }
    return functions;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    GcpHttpFunction function = FUNCTIONS.get(request.getFirstHeader(FUNCTION_HEADER).orElse(""));
    if (function == null) {
      response.setStatusCode(404);
      return;
    }
    function.service(request, response);
  }
}
