package dev.faas4j;

/**
 * An application: declares its functions and their triggers in one place.
 *
 * <pre>{@code
 * public final class ShopApp implements FunctionApp {
 *   public void configure(Functions f, Platform platform) {
 *     KeyValueStore users = platform.keyValueStore("users");
 *     f.http("createUser", route("POST /users"), new CreateUser(users));
 *     f.onObject("thumbnail", bucket("raw-images"), new Thumbnailer(platform.objectStorage("thumbnails")));
 *     f.onQueueMessage("processOrder", queue("orders").batchSize(10), new ProcessOrder(users));
 *     f.onSchedule("dailyReport", cron("0 2 * * *"), new DailyReport());
 *   }
 * }
 * }</pre>
 *
 * <p>Adapters find the app without classpath scanning: through {@code META-INF/services/dev.faas4j.FunctionApp}
 * (one line, the class name) or the {@code FAAS4J_APP} setting naming the class. It needs a public no-argument
 * constructor and is configured once per instance.
 */
@FunctionalInterface
public interface FunctionApp {
  void configure(Functions functions, Platform platform);
}
