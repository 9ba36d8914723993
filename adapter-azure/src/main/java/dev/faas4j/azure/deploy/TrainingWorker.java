package dev.faas4j.azure.deploy;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import dev.faas4j.FunctionApp;
import dev.faas4j.azure.AzureHandler;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.local.training.Training;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionApps;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.ResourceNames;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.CloudEventTrigger;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What a training JVM ({@link AzureTraining}) runs in place of the Java worker, which cannot run without the Functions
 * host: the app on in-memory ports behind the real {@link AzureHandler}, whose entry points the generated entry class
 * calls, with one synthetic input per function and round, as the worker binds each trigger. Loaded by a class loader
 * of its own, as the worker loads a function app (public: the training launcher calls its main reflectively). Never
 * deployed.
 */
public final class TrainingWorker {
  private TrainingWorker() {}

  /** {@code args}: the rounds, then the JDK record to write. Prints the number of inputs that failed. */
  public static void main(String[] args) throws Exception {
    Training.writeJdkIdentity(Path.of(args[1]));
    ClassLoader loader = TrainingWorker.class.getClassLoader();
    FunctionApp app = FunctionApps.load(loader, System::getenv);
    AzureHandler handler = new AzureHandler(app, new InMemoryPlatform(Clock.systemUTC(), System.getenv()),
        System::getenv);
    int failures = 0;
    for (int round = 0; round < Integer.parseInt(args[0]); round++) {
      for (FunctionDefinition fn : FunctionRegistry.of(app, new InMemoryPlatform()).definitions()) {
        try {
          invoke(handler, fn);
        } catch (RuntimeException e) {
          failures++; // the path was trained all the same
        }
      }
    }
    System.out.println("failures=" + failures);
  }

  private static void invoke(AzureHandler handler, FunctionDefinition fn) {
    ExecutionContext context = proxy(ExecutionContext.class, Map.of("getFunctionName", fn.name(),
        "getInvocationId", "training-1", "getLogger", Logger.getLogger("faas4j.training")));
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    switch (fn.kind()) {
      case HTTP -> {
        HttpRoute route = (HttpRoute) fn.trigger();
        String method = route.methods().isEmpty() ? "POST" : route.methods().iterator().next();
        int status = handler.http(request(method, "/api" + route.path().replaceAll("\\{[^}]*}", "training")),
            context).getStatusCode();
        if (status >= 500) {
          throw new IllegalStateException("status " + status);
        }
      }
      case QUEUE -> handler.queue(json, context, "Id", "training-1", "DequeueCount", "1");
      case TOPIC -> handler.serviceBusTopic(json, context, "MessageId", "training-1", "DeliveryCount", "1");
      case SCHEDULE -> handler.timer("{\"IsPastDue\":false}", context);
      case STORAGE -> {
        ObjectTrigger t = (ObjectTrigger) fn.trigger();
        String container = ResourceNames.resolve(Kind.BUCKET, t.bucket(), System::getenv).toLowerCase(Locale.ROOT);
        String blob = t.prefix() + "training" + t.suffix();
        String url = "https://training.blob.core.windows.net/" + container + "/" + blob;
        if (t.kinds().equals(Set.of(ObjectEventKind.CREATED))) { // a blob trigger, else Event Grid (as generated)
          handler.blob(json, context, "BlobTrigger", container + "/" + blob, "Uri", url);
        } else {
          handler.eventGrid("{\"specversion\":\"1.0\",\"id\":\"training-1\",\"type\":\"Microsoft.Storage.BlobCreated\","
              + "\"source\":\"/subscriptions/training/resourceGroups/training/providers/Microsoft.Storage/"
              + "storageAccounts/training\",\"subject\":\"/blobServices/default/containers/" + container + "/blobs/"
              + blob + "\",\"data\":{\"url\":\"" + url + "\",\"contentLength\":2}}", context);
        }
      }
      case CLOUD_EVENT -> {
        CloudEventTrigger t = (CloudEventTrigger) fn.trigger();
        handler.eventGrid("{\"specversion\":\"1.0\",\"id\":\"training-1\",\"type\":\"" + t.type().replace("\"", "")
            + "\",\"source\":\"" + t.source().orElse("/training").replace("\"", "") + "\",\"data\":{}}", context);
      }
    }
  }

  /** A request as the worker passes it, whose response answers the status the handler gave. */
  private static HttpRequestMessage<Optional<String>> request(String method, String path) {
    int[] status = {0};
    HttpResponseMessage response = (HttpResponseMessage) Proxy.newProxyInstance(
        TrainingWorker.class.getClassLoader(), new Class<?>[] {HttpResponseMessage.class},
        (p, m, a) -> m.getName().equals("getStatusCode") ? status[0] : null);
    HttpResponseMessage.Builder builder = (HttpResponseMessage.Builder) Proxy.newProxyInstance(
        TrainingWorker.class.getClassLoader(), new Class<?>[] {HttpResponseMessage.Builder.class},
        (p, m, a) -> {
          if (m.getName().equals("status")) {
            status[0] = ((HttpStatusType) a[0]).value();
          }
          return m.getName().equals("build") ? response : p;
        });
    Map<String, Object> answers = Map.of("getUri", URI.create("https://localhost" + path),
        "getHttpMethod", HttpMethod.value(method), "getHeaders", Map.of("content-type", "application/json"),
        "getQueryParameters", Map.of(), "getBody", Optional.of("{}"));
    @SuppressWarnings("unchecked")
    HttpRequestMessage<Optional<String>> request = (HttpRequestMessage<Optional<String>>) Proxy.newProxyInstance(
        TrainingWorker.class.getClassLoader(), new Class<?>[] {HttpRequestMessage.class}, (p, m, a) -> {
          if (m.getName().equals("createResponseBuilder")) {
            status[0] = ((HttpStatusType) a[0]).value();
            return builder;
          }
          return answers.get(m.getName());
        });
    return request;
  }

  /** An implementation of {@code type} answering the named methods with the given values, others with nothing. */
  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
    return (T) Proxy.newProxyInstance(TrainingWorker.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
      if (answers.containsKey(m.getName())) {
        return answers.get(m.getName());
      }
      if (m.getName().equals("toString")) {
        return type.getSimpleName();
      }
      return m.getReturnType() == int.class ? 0 : m.getReturnType() == boolean.class ? Boolean.FALSE : null;
    });
  }
}
